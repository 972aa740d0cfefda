package main

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv"
)

// hangingEndpoint accepts every request and never answers (issue 10: such
// an endpoint hung `status` for 10+ minutes and `env checkout` until
// killed). It counts the requests it got.
func hangingEndpoint(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var requests atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	return srv, &requests
}

// operationNamed matches the SDK's "operation error <service>: <Operation>".
var operationNamed = regexp.MustCompile(`operation error [A-Za-z ]+: [A-Z][A-Za-z]+, no answer from http://127\.0\.0\.1:\d+ within the call timeout of 300ms \(6 attempts, [0-9.]+m?s waited\)`)

// TestNeverAnsweringEndpoint: every command that calls AWS ends with exit 1,
// a message naming the operation, the endpoint and the time waited, and a
// Fix, bounded by --call-timeout × attempts. runAmpgo kills a run after a
// minute, which would show as exit -1, far above 6 × 300ms plus backoff.
func TestNeverAnsweringEndpoint(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(s)...)
	mustRun(t, dir, env, "push", "--yes")

	srv, requests := hangingEndpoint(t)
	hung := ampgoEnv(t, srv.URL) // the later AWS_ENDPOINT_URL wins
	for _, args := range [][]string{
		{"status"},
		{"env", "checkout", "dev", "--yes"},
		{"doctor", "auth", "--region", "us-east-1"},
		{"auth", "refresh", "--yes"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			requests.Store(0)
			r := runAmpgo(t, dir, hung, "", append(args, "--call-timeout", "300ms")...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\nstderr:\n%s", r.code, r.stderr)
			}
			if !operationNamed.MatchString(r.stderr) {
				t.Errorf("stderr names no operation, endpoint and wait:\n%s", r.stderr)
			}
			if !strings.Contains(r.stderr, "Fix: AWS_ENDPOINT_URL is set to "+srv.URL+": is that endpoint running?") {
				t.Errorf("stderr has no Fix naming AWS_ENDPOINT_URL:\n%s", r.stderr)
			}
			for _, bad := range []string{"WARN", "exceeded maximum number of attempts"} {
				if strings.Contains(r.stderr, bad) {
					t.Errorf("stderr has %q:\n%s", bad, r.stderr)
				}
			}
			t.Logf("%d requests; %s", requests.Load(), strings.TrimSpace(r.stderr))
		})
	}
}

// TestCallTimeoutValidation: a bad limit is a usage error before any call.
func TestCallTimeoutValidation(t *testing.T) {
	parallel(t)
	srv, requests := hangingEndpoint(t)
	env := ampgoEnv(t, srv.URL)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		env  []string
		args []string
	}{
		{"zero flag", nil, []string{"--call-timeout", "0s"}},
		{"negative flag", nil, []string{"--call-timeout", "-1s"}},
		{"not a duration", nil, []string{"--call-timeout", "soon"}},
		{"bad variable", []string{"AMPGO_CALL_TIMEOUT=soon"}, nil},
		{"zero variable", []string{"AMPGO_CALL_TIMEOUT=0"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runAmpgo(t, dir, append(env, c.env...), "", append([]string{"doctor", "auth", "--region", "us-east-1"}, c.args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, "Fix:") {
				t.Errorf("exit %d, want 2 with a Fix\nstderr:\n%s", r.code, r.stderr)
			}
		})
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d AWS requests made with an invalid call timeout", n)
	}
	// The variable sets the limit when the flag is not given; the flag wins.
	r := runAmpgo(t, dir, append(env, "AMPGO_CALL_TIMEOUT=300ms"), "", "doctor", "auth", "--region", "us-east-1")
	if !strings.Contains(r.stderr, "within the call timeout of 300ms") {
		t.Errorf("AMPGO_CALL_TIMEOUT=300ms not used:\n%s", r.stderr)
	}
	r = runAmpgo(t, dir, append(env, "AMPGO_CALL_TIMEOUT=bad"), "", "doctor", "auth", "--region", "us-east-1", "--call-timeout", "200ms")
	if !strings.Contains(r.stderr, "within the call timeout of 200ms") {
		t.Errorf("--call-timeout did not win over AMPGO_CALL_TIMEOUT:\n%s", r.stderr)
	}
}
