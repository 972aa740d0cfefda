package awsx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// answered is an API error as the SDK's deserializers return it: inside the
// HTTP response it came with.
func answered(status int, err error) error {
	return &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: err}
}

func apiErr(code string) error { return &smithy.GenericAPIError{Code: code} }

var (
	quotaSpent = ratelimit.QuotaExceededError{Available: 4, Requested: 5}
	resetErr   = &smithyhttp.RequestSendError{Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}
	timeoutErr = &smithyhttp.RequestSendError{Err: &url.Error{Op: "Post", URL: "http://x", Err: &net.OpError{Op: "read", Err: os.ErrDeadlineExceeded}}}
)

// TestIAMVerdict: what one call's outcome shows about the caller's
// permissions, for doctor's permission report (cognito.Calls).
func TestIAMVerdict(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want Verdict
	}{
		{"success", nil, Allowed},
		{"not found got past IAM", answered(400, apiErr("ResourceNotFoundException")), Allowed},
		{"invalid parameter got past IAM", answered(400, apiErr("InvalidParameterException")), Allowed},
		{"AccessDeniedException", answered(400, apiErr("AccessDeniedException")), Denied},
		{"AccessDenied (IAM, STS)", answered(403, apiErr("AccessDenied")), Denied},
		{"NotAuthorizedException (Cognito)", answered(400, apiErr("NotAuthorizedException")), Denied},
		{"UnauthorizedOperation", answered(403, apiErr("UnauthorizedOperation")), Denied},
		{"expired token", answered(400, apiErr("ExpiredTokenException")), Unknown},
		{"unknown key", answered(400, apiErr("UnrecognizedClientException")), Unknown},
		{"Cognito throttling", answered(400, apiErr("TooManyRequestsException")), Unknown},
		{"IAM throttling", answered(400, apiErr("Throttling")), Unknown},
		{"EC2-style request limit", answered(503, apiErr("RequestLimitExceeded")), Unknown},
		{"S3 slow down", answered(503, apiErr("SlowDown")), Unknown},
		{"throttled, then no retry budget", errors.Join(answered(400, apiErr("TooManyRequestsException")), quotaSpent), Unknown},
		{"server fault", answered(500, &smithy.GenericAPIError{Code: "InternalErrorException", Fault: smithy.FaultServer}), Unknown},
		{"InternalErrorException modeled as a client fault", answered(400, apiErr("InternalErrorException")), Unknown},
		{"5xx with an unmodeled code", answered(502, apiErr("BadGateway")), Unknown},
		{"reset", resetErr, Unknown},
		{"no credential chain", errors.New("failed to retrieve credentials"), Unknown},
		{"canceled", &smithy.CanceledError{Err: context.Canceled}, Unknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			op := c.err
			if op != nil {
				op = &smithy.OperationError{ServiceID: "Cognito Identity Provider", OperationName: "DescribeUserPool", Err: c.err}
			}
			if got := IAMVerdict(op); got != c.want {
				t.Errorf("IAMVerdict = %d, want %d", got, c.want)
			}
		})
	}
}

// TestIsThrottled: only a call still throttled when its attempts ran out
// is; a spent retry budget is judged by the failure it joins, as the error
// message does (classifyNetwork).
func TestIsThrottled(t *testing.T) {
	throttle := answered(400, apiErr("TooManyRequestsException"))
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"throttled", throttle, true},
		{"classified as throttled", &NetworkError{Kind: KindThrottled, Err: throttle}, true},
		{"throttled, then no retry budget", errors.Join(throttle, quotaSpent), true},
		{"IAM throttling in an operation error", &smithy.OperationError{ServiceID: "IAM", OperationName: "GetRole", Err: answered(400, apiErr("Throttling"))}, true},
		{"reset, then no retry budget", errors.Join(resetErr, quotaSpent), false},
		{"timeout, then no retry budget", errors.Join(timeoutErr, quotaSpent), false},
		{"classified as a timeout", &NetworkError{Kind: KindTimeout, Err: errors.Join(timeoutErr, quotaSpent)}, false},
		{"unavailable", answered(503, apiErr("ServiceUnavailable")), false},
		{"denied", answered(400, apiErr("AccessDeniedException")), false},
		{"not found", answered(400, apiErr("ResourceNotFoundException")), false},
		{"plain error", errors.New("boom"), false},
		{"nil", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsThrottled(c.err); got != c.want {
				t.Errorf("IsThrottled = %v, want %v", got, c.want)
			}
		})
	}
}

// TestDeniedHints: Classify and classifyDeploy know the same denied codes
// and differ only in what they say the policy needs.
func TestDeniedHints(t *testing.T) {
	for _, code := range []string{"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "NotAuthorizedException"} {
		for _, c := range []struct {
			name     string
			classify func(error, string) error
			fix      string
		}{
			{"import", Classify, "the caller is not allowed to call s3:PutObject: add it to the caller's IAM policy"},
			{"deploy", classifyDeploy, "the caller is not allowed to call s3:PutObject: deploying storage and functions needs"},
		} {
			t.Run(c.name+"/"+code, func(t *testing.T) {
				err := c.classify(fmt.Errorf("put object: %w", apiErr(code)), "s3:PutObject")
				if !IsAccessDenied(err) {
					t.Errorf("IsAccessDenied(%v) = false", err)
				}
				var h interface{ Hint() string }
				if !errors.As(err, &h) || !strings.HasPrefix(h.Hint(), c.fix) {
					t.Errorf("hint of %v does not start with %q", err, c.fix)
				}
			})
		}
	}
}

// TestDescribeCall: one line naming the IAM action that failed and why.
func TestDescribeCall(t *testing.T) {
	op := func(err error) error {
		return fmt.Errorf("describe user pool x: %w", &smithy.OperationError{ServiceID: "Cognito Identity Provider", OperationName: "DescribeUserPool", Err: err})
	}
	cases := []struct {
		name   string
		err    error
		want   string
		wantOK bool
	}{
		{"API error", op(&smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not allowed"}), "cognito-idp:DescribeUserPool failed: AccessDeniedException: not allowed", true},
		{"classified API error", op(Classify(&smithy.GenericAPIError{Code: "AccessDeniedException", Message: "no"}, "cognito-idp:DescribeUserPool")), "cognito-idp:DescribeUserPool failed: AccessDeniedException: no", true},
		{"network error", op(&NetworkError{Kind: KindRefused, Endpoint: "http://127.0.0.1:1", Attempts: 1, Waited: time.Millisecond, Err: errors.New("refused")}),
			"cognito-idp:DescribeUserPool failed: connection to http://127.0.0.1:1 refused (1 attempt, 0s waited)", true},
		{"not an AWS call", errors.New("boom"), "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := DescribeCall(c.err)
			if got != c.want || ok != c.wantOK {
				t.Errorf("DescribeCall = %q, %v; want %q, %v", got, ok, c.want, c.wantOK)
			}
		})
	}
}
