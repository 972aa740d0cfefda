package doctor

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/awsx"
)

// productConfig is the aws.Config ampgo itself builds (awsx.Config, with
// its adaptive retryer), pointed at endpoint.
func productConfig(t *testing.T, endpoint string) aws.Config {
	t.Helper()
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
		"AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
		"AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
	}
	cfg, err := awsx.Config(context.Background(), awsx.Options{Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestRetryerIsAdaptive pins the retry policy doctor's politeness rests on:
// awsx.Config's retryer is the SDK's adaptive mode (client-side rate
// limiting that slows every client of the config after a throttle) with 6
// attempts, and TooManyRequestsException (Cognito) and Throttling (IAM)
// are retried.
func TestRetryerIsAdaptive(t *testing.T) {
	cfg := productConfig(t, "http://127.0.0.1:1")
	r := cfg.Retryer()
	if _, ok := r.(*retry.AdaptiveMode); !ok {
		t.Errorf("retryer is %T, want *retry.AdaptiveMode", r)
	}
	if r.MaxAttempts() != 6 {
		t.Errorf("MaxAttempts = %d, want 6", r.MaxAttempts())
	}
	for _, code := range []string{"TooManyRequestsException", "Throttling"} {
		if !r.IsErrorRetryable(&smithy.GenericAPIError{Code: code}) {
			t.Errorf("%s is not retried", code)
		}
	}
	if r.IsErrorRetryable(&smithy.GenericAPIError{Code: "AccessDeniedException"}) {
		t.Error("AccessDeniedException must not be retried")
	}
}

// TestThrottledEveryThirdCall runs doctor over 500 pools while the fake
// throttles every third call, and wants complete results: every pool
// judged, every identity pool linked. A read whose six attempts were all
// throttled (about one in 250 here) is read again (reread).
//
// The retryer here is the product's retry count (6 attempts) in standard
// mode with a 1 ms back-off cap. A throttle that hits every third call
// whatever the rate is the worst case for any rate-learning scheme: the
// SDK's adaptive mode (and the identity-pool pacing in cognito) answer it
// by cutting the rate again and again, down to their floor of 0.5 calls a
// second, which is right against a real quota but makes this test take an
// hour. For the same reason the identity-pool scan, which cognito paces
// per operation, is left out of the every-third-call rule.
// TestThrottledByQuota runs the product's adaptive retryer against a quota
// on every operation, which is what Cognito does.
func TestThrottledEveryThirdCall(t *testing.T) {
	defer func(p time.Duration) { rereadPause = p }(rereadPause)
	rereadPause = time.Millisecond
	fake, endpoint := newFakeAWS(t, 500, 100, func(n int64, op string) bool {
		return n%3 == 0 && !pacedOps[op]
	})
	cfg := productConfig(t, endpoint)
	cfg.Retryer = func() aws.Retryer {
		// No client-side retry quota: its 500-token bucket drains when a
		// third of all calls are throttled (5 tokens a retry, 1 back a
		// success), and then whichever pool is read last fails depending on
		// the machine's load. The server's throttling is this test's subject.
		return retry.AddWithMaxBackoffDelay(retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 6
			o.RateLimiter = ratelimit.None
		}), time.Millisecond)
	}
	rep := diagnose(t, cfg)
	ops, throttled := fake.counts()
	t.Logf("500 pools, every third call throttled: %d operations, %d calls, throttled %v", rep.Summary.APICalls, sum(ops), throttled)
	checkComplete(t, rep, 500, 100)
}

// TestThrottledByQuota runs the product's own retryer (adaptive, 6
// attempts) against a per-operation quota of 300 calls a second.
func TestThrottledByQuota(t *testing.T) {
	q := newQuota(300)
	fake, endpoint := newFakeAWS(t, 100, 10, func(_ int64, op string) bool { return !q.take(op) })
	cfg := productConfig(t, endpoint)
	start := time.Now()
	rep := diagnose(t, cfg)
	ops, throttled := fake.counts()
	t.Logf("100 pools, 300 calls/s per operation: %d operations, %d calls in %s, throttled %v",
		rep.Summary.APICalls, sum(ops), time.Since(start).Round(time.Millisecond), throttled)
	checkComplete(t, rep, 100, 10)
}

// pacedOps are the operations cognito.Reader paces by the rate it learns.
var pacedOps = map[string]bool{"ListIdentityPools": true, "DescribeIdentityPool": true}

func diagnose(t *testing.T, cfg aws.Config) *Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Diagnose(ctx, cfg, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// checkComplete wants every pool judged eligible, every linkEvery-th with
// its identity pool, and every permission allowed.
func checkComplete(t *testing.T, rep *Report, pools, linkEvery int) {
	t.Helper()
	if len(rep.Errors) > 0 {
		t.Errorf("region errors: %v", rep.Errors)
	}
	want := Summary{UserPools: pools, UserPoolAndIdentityPool: pools / linkEvery, UserPoolOnly: pools - pools/linkEvery, APICalls: rep.Summary.APICalls}
	if rep.Summary != want {
		t.Errorf("summary = %+v, want %+v", rep.Summary, want)
	}
	for _, p := range rep.Pools {
		if p.ReadError != "" {
			t.Errorf("pool %s not read: %s", p.ID, p.ReadError)
		}
	}
	for _, p := range rep.Permissions {
		if p.Status != PermAllowed {
			t.Errorf("permission %s: %s", p.Action, p.Status)
		}
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// quota is a token bucket per operation, like Cognito's per-operation
// request-rate quotas: rate tokens a second, a tenth of a second of burst.
type quota struct {
	mu     sync.Mutex
	rate   float64
	tokens map[string]float64
	last   map[string]time.Time
}

func newQuota(rate float64) *quota {
	return &quota{rate: rate, tokens: map[string]float64{}, last: map[string]time.Time{}}
}

func (q *quota) take(op string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	now, burst := time.Now(), max(1, q.rate/10)
	if last, ok := q.last[op]; ok {
		q.tokens[op] = min(burst, q.tokens[op]+now.Sub(last).Seconds()*q.rate)
	} else {
		q.tokens[op] = burst
	}
	q.last[op] = now
	if q.tokens[op] < 1 {
		return false
	}
	q.tokens[op]--
	return true
}
