package doctor

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/ampgo/ampgo/internal/awsx"
)

// TestReread: a read is started again only while it is still throttled
// after the SDK's retries, the same judgement as the error message's
// (awsx.IsThrottled). A spent retry budget joined to a network failure is
// that failure: doctor used to read it three more times.
func TestReread(t *testing.T) {
	defer func(p time.Duration) { rereadPause = p }(rereadPause)
	rereadPause = time.Microsecond
	throttle := &smithy.GenericAPIError{Code: "TooManyRequestsException"}
	quota := ratelimit.QuotaExceededError{Available: 0, Requested: 5}
	reset := &smithyhttp.RequestSendError{Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}
	op := func(err error) error {
		return &smithy.OperationError{ServiceID: "Cognito Identity Provider", OperationName: "DescribeUserPool", Err: err}
	}
	cases := []struct {
		name  string
		err   error
		reads int
	}{
		{"success", nil, 1},
		{"throttled", op(&awsx.NetworkError{Kind: awsx.KindThrottled, Err: throttle}), 1 + maxRereads},
		{"throttled, then no retry budget", op(errors.Join(throttle, quota)), 1 + maxRereads},
		{"reset, then no retry budget", op(&awsx.NetworkError{Kind: awsx.KindReset, Err: errors.Join(reset, quota)}), 1},
		{"reset, then no retry budget, unclassified", op(errors.Join(reset, quota)), 1},
		{"denied", op(&smithy.GenericAPIError{Code: "AccessDeniedException"}), 1},
		{"not found", op(&smithy.GenericAPIError{Code: "ResourceNotFoundException"}), 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := 0
			err := reread(context.Background(), func() error { n++; return c.err })
			if n != c.reads || !errors.Is(err, c.err) {
				t.Errorf("%d reads, error %v; want %d reads and the read's error", n, err, c.reads)
			}
		})
	}
}
