package cognito

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"

	"github.com/ampgo/ampgo/internal/testclock"
)

func newFakeClock() *testclock.Clock { return testclock.New(time.Unix(1_800_000_000, 0)) }

var errThrottled = &citypes.TooManyRequestsException{Message: aws.String("Rate exceeded")}

func approx(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// TestPaceLearnsFromThrottles walks a pace through its rules with a fake
// clock: no spacing before the first throttle, the measured rate after it,
// old throttles ignored, a cut on the next one, growth while saturated.
func TestPaceLearnsFromThrottles(t *testing.T) {
	ctx := context.Background()
	c := newFakeClock()
	p := &pace{now: c.Now, sleep: c.Sleep}

	// Ten calls in 50 ms, all admitted at once.
	for range 10 {
		sent, err := p.admit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c.Advance(5 * time.Millisecond)
		p.done(sent, nil)
	}
	if len(c.Slept()) != 0 || p.rate != 0 {
		t.Fatalf("before any throttle: slept %v, rate %v; want no spacing", c.Slept(), p.rate)
	}
	early := c.Now()
	c.Advance(60 * time.Millisecond)
	p.done(early, errThrottled)
	if p.rate != 10 {
		t.Fatalf("after the first throttle: rate %v, want the 10 successes of the last second", p.rate)
	}
	// A throttle of a call started before that cut, and an error that is
	// not a throttle, change nothing.
	p.done(early, errThrottled)
	p.done(c.Now(), &citypes.ResourceNotFoundException{Message: aws.String("gone")})
	if p.rate != 10 {
		t.Fatalf("old throttle or other error changed the rate to %v", p.rate)
	}
	// Calls are now spaced 100 ms apart (the growth of 0.2 s is tiny).
	for range 3 {
		sent, _ := p.admit(ctx)
		p.done(sent, nil)
	}
	if len(c.Slept()) != 3 {
		t.Fatalf("slept %v, want 3 waits", c.Slept())
	}
	for _, d := range c.Slept() {
		if !approx(d.Seconds(), 0.1, 0.001) {
			t.Fatalf("waits %v, want about 100 ms each", c.Slept())
		}
	}
	// The next throttle cuts to 0.8 × the successes of the last second:
	// 13 calls so far, all within it.
	p.done(c.Now(), errThrottled)
	if !approx(p.rate, 0.8*13, 1e-9) {
		t.Fatalf("after the second throttle: rate %v, want %v", p.rate, 0.8*13)
	}
	// Saturated for 10 s without a throttle: the rate grows by
	// ∫ 2% (1 + t/10 s) dt = 30%, compounded.
	start, r0 := c.Now(), p.rate
	for c.Now().Sub(start) < 10*time.Second {
		sent, _ := p.admit(ctx)
		p.done(sent, nil)
	}
	if want := r0 * math.Exp(0.3); !approx(p.rate, want, 0.05*want) {
		t.Errorf("after 10 s saturated: rate %.2f, want about %.2f", p.rate, want)
	}
}

// TestPaceSeesEachAttempt runs a scan against a server that throttles two
// describes: the SDK retries them, and the pace (after the retry
// middleware) sees the throttles and spaces the rest of the scan.
func TestPaceSeesEachAttempt(t *testing.T) {
	const pools = 30
	var describes atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch target := r.Header.Get("X-Amz-Target"); {
		case strings.HasSuffix(target, ".ListIdentityPools"):
			var ids []string
			for i := range pools {
				ids = append(ids, fmt.Sprintf(`{"IdentityPoolId":"us-east-1:%04d","IdentityPoolName":"p%d"}`, i, i))
			}
			fmt.Fprintf(w, `{"IdentityPools":[%s]}`, strings.Join(ids, ","))
		case strings.HasSuffix(target, ".DescribeIdentityPool"):
			if n := describes.Add(1); n == 6 || n == 7 {
				w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"__type":"TooManyRequestsException","message":"Rate exceeded"}`)
				return
			}
			id := strings.TrimSuffix(strings.TrimPrefix(string(body), `{"IdentityPoolId":"`), `"}`)
			providers := ""
			if id == "us-east-1:0003" {
				providers = `,"CognitoIdentityProviders":[{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_target","ClientId":"web"}]`
			}
			fmt.Fprintf(w, `{"IdentityPoolId":%q,"IdentityPoolName":"p","AllowUnauthenticatedIdentities":false%s}`, id, providers)
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	r := NewReader(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: aws.String(srv.URL),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts, o.RateLimiter = 5, ratelimit.None
				o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
			})
		},
	})
	c := newFakeClock()
	r.paces.now, r.paces.sleep = c.Now, c.Sleep

	got, err := r.LinkedIdentityPools(context.Background(), "us-east-1", "us-east-1_target")
	if err != nil {
		t.Fatalf("LinkedIdentityPools: %v", err)
	}
	if len(got) != 1 || got[0].ID != "us-east-1:0003" {
		t.Fatalf("linked %+v, want us-east-1:0003 only", got)
	}
	if n := describes.Load(); n != pools+2 {
		t.Errorf("%d describes, want %d and 2 retried throttles", n, pools+2)
	}
	if p := r.paces.by["DescribeIdentityPool"]; p == nil || p.rate == 0 || len(c.Slept()) == 0 {
		t.Errorf("the pace did not learn from the throttles (slept %v)", c.Slept())
	}
}
