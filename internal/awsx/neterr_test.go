package awsx

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/ampgo/ampgo/internal/exit"
)

// fakeAWS is an endpoint that answers each request with the next behaviour
// of a script (the last one repeats) and counts the requests it got.
type fakeAWS struct {
	srv      *httptest.Server
	requests atomic.Int32
}

type behaviour func(w http.ResponseWriter, r *http.Request, release <-chan struct{})

func newFakeAWS(t *testing.T, tls bool, script ...behaviour) *fakeAWS {
	t.Helper()
	f := &fakeAWS{}
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(f.requests.Add(1))
		script[min(n, len(script))-1](w, r, release)
	})
	f.srv = httptest.NewUnstartedServer(h)
	f.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the TLS case's handshake errors are expected
	if tls {
		f.srv.StartTLS()
	} else {
		f.srv.Start()
	}
	t.Cleanup(func() { close(release); f.srv.Close() })
	return f
}

// hang accepts the request and never answers.
func hang(_ http.ResponseWriter, r *http.Request, release <-chan struct{}) {
	select {
	case <-release:
	case <-r.Context().Done():
	}
}

// stallBody sends the headers and part of the body, then nothing.
func stallBody(w http.ResponseWriter, r *http.Request, release <-chan struct{}) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("Content-Length", "100")
	w.WriteHeader(200)
	_, _ = w.Write([]byte(`{"UserPool":`))
	w.(http.Flusher).Flush()
	hang(w, r, release)
}

// reset closes the connection without an answer.
func reset(w http.ResponseWriter, _ *http.Request, _ <-chan struct{}) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // RST, not FIN
		}
		conn.Close()
	}
}

func status(code int, errType string) behaviour {
	return func(w http.ResponseWriter, _ *http.Request, _ <-chan struct{}) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(code)
		_, _ = w.Write([]byte(`{"__type":"` + errType + `","message":"from the test"}`))
	}
}

func pool(w http.ResponseWriter, _ *http.Request, _ <-chan struct{}) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_, _ = w.Write([]byte(`{"UserPool":{"Id":"us-east-1_abc","Name":"p"}}`))
}

// testConfig builds the real config of ampgo against endpoint, with static
// credentials; fastBackoff caps the retryer's backoff (throttles wait
// seconds otherwise) without changing what it retries or how often.
func testConfig(t *testing.T, endpoint string, callTimeout time.Duration, fastBackoff bool) aws.Config {
	return testConfigRetryer(t, endpoint, callTimeout, fastBackoff, false)
}

// testConfigRetryer can also swap the adaptive retryer for a standard one
// with as many attempts: adaptive mode's client-side rate limit makes six
// throttled attempts take about ten seconds.
func testConfigRetryer(t *testing.T, endpoint string, callTimeout time.Duration, fastBackoff, standard bool) aws.Config {
	t.Helper()
	t.Setenv("AWS_ENDPOINT_URL", endpoint)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	t.Setenv("AWS_PROFILE", "")
	cfg, err := Config(context.Background(), Options{Region: "us-east-1", CallTimeout: callTimeout})
	if err != nil {
		t.Fatal(err)
	}
	if standard {
		cfg.Retryer = func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = MaxAttempts })
		}
	}
	if fastBackoff {
		orig := cfg.Retryer
		cfg.Retryer = func() aws.Retryer { return retry.AddWithMaxBackoffDelay(orig(), time.Millisecond) }
	}
	return cfg
}

func describe(cfg aws.Config) error {
	_, err := cip.NewFromConfig(cfg).DescribeUserPool(context.Background(), &cip.DescribeUserPoolInput{UserPoolId: aws.String("us-east-1_abc")})
	return err
}

func TestNetworkFailuresAreClassified(t *testing.T) {
	closed := func() string { // a loopback port nothing listens on
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return "http://" + l.Addr().String()
	}
	const timeout = 200 * time.Millisecond
	cases := []struct {
		name         string
		tls          bool
		script       []behaviour
		endpoint     func(*fakeAWS) string // default: the fake's URL
		standard     bool                  // a standard retryer instead of the adaptive one
		wantKind     NetworkKind
		wantRequests int // -1: not counted
		msgHas       []string
		hintHas      []string
	}{
		{name: "hang", script: []behaviour{hang}, wantKind: KindTimeout, wantRequests: MaxAttempts,
			msgHas:  []string{"DescribeUserPool", "no answer from http://127.0.0.1:", "within the call timeout of 200ms", "6 attempts", "waited"},
			hintHas: []string{"AWS_ENDPOINT_URL is set to http://127.0.0.1:", "is that endpoint running?", "--call-timeout"}},
		{name: "body stalls", script: []behaviour{stallBody}, wantKind: KindTimeout, wantRequests: MaxAttempts,
			msgHas: []string{"DescribeUserPool", "no answer from", "6 attempts"}},
		{name: "connection refused", endpoint: func(*fakeAWS) string { return closed() }, wantKind: KindRefused, wantRequests: -1,
			msgHas: []string{"DescribeUserPool", "connection to http://127.0.0.1:", "refused", "6 attempts"}, hintHas: []string{"is that endpoint running?"}},
		{name: "connection reset", script: []behaviour{reset}, wantKind: KindReset, wantRequests: MaxAttempts,
			msgHas: []string{"DescribeUserPool", "reset or closed", "6 attempts"}},
		{name: "503 always", script: []behaviour{status(503, "ServiceUnavailable")}, wantKind: KindUnavailable, wantRequests: MaxAttempts,
			msgHas: []string{"DescribeUserPool", "HTTP 503", "6 attempts"}, hintHas: []string{"check its logs"}},
		{name: "throttled always", script: []behaviour{status(400, "TooManyRequestsException")}, standard: true, wantKind: KindThrottled, wantRequests: MaxAttempts,
			msgHas: []string{"DescribeUserPool", "throttling", "TooManyRequestsException", "6 attempts"}, hintHas: []string{"--concurrency", "cognito-idp"}},
		{name: "untrusted certificate", tls: true, script: []behaviour{pool}, wantKind: KindTLS, wantRequests: -1,
			msgHas: []string{"DescribeUserPool", "secure connection to https://127.0.0.1:", "certificate"}},
		{name: "unknown host", endpoint: func(*fakeAWS) string { return "http://no-such-host.invalid" }, wantKind: KindDNS, wantRequests: -1,
			msgHas: []string{"DescribeUserPool", "cannot resolve the host of http://no-such-host.invalid"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.script == nil {
				c.script = []behaviour{pool}
			}
			fake := newFakeAWS(t, c.tls, c.script...)
			endpoint := fake.srv.URL
			if c.endpoint != nil {
				endpoint = c.endpoint(fake)
			}
			err := describe(testConfigRetryer(t, endpoint, timeout, true, c.standard))
			var ne *NetworkError
			if !errors.As(err, &ne) {
				t.Fatalf("error %T %v is not a *NetworkError", err, err)
			}
			if ne.Kind != c.wantKind {
				t.Errorf("kind %q, want %q (%v)", ne.Kind, c.wantKind, err)
			}
			if got := int(fake.requests.Load()); c.wantRequests >= 0 && got != c.wantRequests {
				t.Errorf("server got %d requests, want %d", got, c.wantRequests)
			}
			for _, s := range c.msgHas {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("message %q lacks %q", err, s)
				}
			}
			for _, s := range c.hintHas {
				if !strings.Contains(exit.Hint(err), s) {
					t.Errorf("hint %q lacks %q", exit.Hint(err), s)
				}
			}
			if exit.Hint(err) == "" {
				t.Error("no hint")
			}
			if strings.Contains(err.Error(), "exceeded maximum number of attempts") {
				t.Errorf("message still has the SDK's raw retry text: %v", err)
			}
			if exit.Code(err) != exit.Failure {
				t.Errorf("exit code %d, want 1", exit.Code(err))
			}
			var oe *smithy.OperationError
			if !errors.As(err, &oe) || oe.OperationName != "DescribeUserPool" {
				t.Errorf("operation error lost: %v", err)
			}
		})
	}
}

// A timed-out attempt is retried, and the waited time covers every attempt.
func TestHangIsRetriedAndBounded(t *testing.T) {
	const timeout = 100 * time.Millisecond
	fake := newFakeAWS(t, false, hang)
	err := describe(testConfig(t, fake.srv.URL, timeout, false))
	var ne *NetworkError
	if !errors.As(err, &ne) {
		t.Fatalf("error %v is not a *NetworkError", err)
	}
	if ne.Attempts != MaxAttempts || int(fake.requests.Load()) != MaxAttempts {
		t.Errorf("attempts %d, server got %d, want %d", ne.Attempts, fake.requests.Load(), MaxAttempts)
	}
	if ne.Waited < MaxAttempts*timeout {
		t.Errorf("waited %s, less than %d attempts of %s", ne.Waited, MaxAttempts, timeout)
	}
	t.Logf("%v (waited %s)", err, ne.Waited)
}

func TestAnswerAfterOneHangSucceeds(t *testing.T) {
	fake := newFakeAWS(t, false, hang, pool)
	if err := describe(testConfig(t, fake.srv.URL, 200*time.Millisecond, true)); err != nil {
		t.Fatalf("describe after one hang: %v", err)
	}
	if got := fake.requests.Load(); got != 2 {
		t.Errorf("server got %d requests, want 2", got)
	}
}

// Service errors keep their own handling: not found stays an API error
// (exit 1), access denied is exit 4 naming the IAM action even when the
// caller does not classify it.
func TestServiceErrorsAreNotNetworkErrors(t *testing.T) {
	cases := []struct {
		code     string
		wantExit int
		hintHas  string
	}{
		{"ResourceNotFoundException", exit.Failure, ""},
		{"AccessDeniedException", exit.Credentials, "not allowed to call cognito-idp:DescribeUserPool"},
		{"ExpiredTokenException", exit.Credentials, "aws sts get-caller-identity"},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			fake := newFakeAWS(t, false, status(400, c.code))
			err := describe(testConfig(t, fake.srv.URL, time.Second, true))
			var ne *NetworkError
			if errors.As(err, &ne) {
				t.Fatalf("%s classified as network error: %v", c.code, err)
			}
			if ErrorCode(err) != c.code {
				t.Errorf("error code %q, want %q", ErrorCode(err), c.code)
			}
			if exit.Code(err) != c.wantExit || !strings.Contains(exit.Hint(err), c.hintHas) {
				t.Errorf("exit %d, hint %q; want %d and %q", exit.Code(err), exit.Hint(err), c.wantExit, c.hintHas)
			}
			if got := fake.requests.Load(); got != 1 {
				t.Errorf("%d requests: a service error is not retried", got)
			}
		})
	}
}

func TestNetworkHintWithoutEndpointOverride(t *testing.T) {
	e := &NetworkError{Kind: KindRefused, Service: "cognito-idp", Region: "us-east-1"}
	if h := e.Hint(); !strings.Contains(h, "HTTPS_PROXY") || !strings.Contains(h, "VPN") {
		t.Errorf("hint %q names neither proxy nor VPN", h)
	}
	e = &NetworkError{Kind: KindUnavailable, Service: "cognito-idp", Region: "us-east-1"}
	if h := e.Hint(); !strings.Contains(h, "AWS Health") {
		t.Errorf("hint %q does not point at AWS Health", h)
	}
}

// The kind comes from the cause, also when the retryer's own budget ran out
// first (doctor's eight calls hanging at once spend it).
func TestClassifyNetworkCauses(t *testing.T) {
	timeout := &url.Error{Op: "Post", URL: "http://x", Err: &net.OpError{Op: "read", Err: os.ErrDeadlineExceeded}}
	quota := ratelimit.QuotaExceededError{Available: 4, Requested: 14}
	cases := []struct {
		name string
		err  error
		want NetworkKind
	}{
		{"timeout", &smithyhttp.RequestSendError{Err: timeout}, KindTimeout},
		{"timeout, then no retry budget", errors.Join(&smithyhttp.RequestSendError{Err: timeout}, quota), KindTimeout},
		{"throttled", &smithy.GenericAPIError{Code: "ThrottlingException"}, KindThrottled},
		{"request limit", &smithy.GenericAPIError{Code: "RequestLimitExceeded"}, KindThrottled},
		{"reset", &smithyhttp.RequestSendError{Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}, KindReset},
		{"eof", &smithyhttp.RequestSendError{Err: &url.Error{Op: "Post", URL: "http://x", Err: io.EOF}}, KindReset},
		{"refused", &smithyhttp.RequestSendError{Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, KindRefused},
		{"dns", &smithyhttp.RequestSendError{Err: &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}}, KindDNS},
		{"not found", &smithy.GenericAPIError{Code: "ResourceNotFoundException"}, ""},
		{"canceled", &smithy.CanceledError{Err: context.Canceled}, ""},
		{"no credentials", errors.New("failed to retrieve credentials"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := classifyNetwork(c.err); got != c.want {
				t.Errorf("kind %q, want %q", got, c.want)
			}
		})
	}
}
