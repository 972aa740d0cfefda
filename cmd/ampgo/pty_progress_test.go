package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// gateProxy is a reverse proxy in front of moto that holds every request of
// one operation until the gate opens: the test opens it once it has seen
// what it waits for (a spinner), or, to prove that nothing is drawn, after
// a latency well past progress.Delay.
type gateProxy struct {
	op       string
	arrived  chan struct{} // closed when the first held request arrives
	gate     chan struct{} // closed to let the held requests through
	once     sync.Once
	openOnce sync.Once
	srv      *httptest.Server
}

func newGateProxy(t *testing.T, op string) *gateProxy {
	t.Helper()
	target, _ := url.Parse(moto.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	g := &gateProxy{op: op, arrived: make(chan struct{}), gate: make(chan struct{})}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if call, _ := awsop.Peek(r); call.Op == g.op {
			g.once.Do(func() { close(g.arrived) })
			select {
			case <-g.gate:
			case <-r.Context().Done():
				return
			case <-time.After(holdLimit): // only keeps a broken test from hanging
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { g.open(); g.srv.Close() })
	return g
}

// open lets the held requests through (once).
func (g *gateProxy) open() { g.openOnce.Do(func() { close(g.gate) }) }

// openAfterLatency opens the gate 5 × progress.Delay after the first held
// request arrived: a wait a spinner would be drawn for.
func (g *gateProxy) openAfterLatency() {
	go func() {
		<-g.arrived
		time.AfterFunc(5*progress.Delay, g.open)
	}()
}

// spinnerLabel is what doctor's status line says while it lists the pools.
const spinnerLabel = "checking user pools in us-east-1"

// TestPTYSpinnerOnSlowWait: on a terminal, a ListUserPools held by the
// proxy shows doctor's status line, with a spinner glyph, until the answer
// comes; then the line is cleared and the report prints as usual.
func TestPTYSpinnerOnSlowWait(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	g := newGateProxy(t, "ListUserPools")
	scr, _, cmd, copied := startPTY(t, t.TempDir(), ampgoEnv(t, g.srv.URL), "doctor", "auth")
	scr.waitUntil(t, "the spinner and "+spinnerLabel, func(text string) bool {
		for _, fr := range []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"} {
			if strings.Contains(text, fr+" "+spinnerLabel+"…") {
				return true
			}
		}
		return false
	})
	g.open()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo doctor auth: %v\nscreen:\n%s", err, scr.text())
	}
	<-copied
	final := scr.text()
	if strings.Contains(final, spinnerLabel) {
		t.Errorf("the status line stayed on the screen:\n%s", final)
	}
	if !strings.Contains(final, s.UserPoolName) {
		t.Errorf("the report lacks pool %s:\n%s", s.UserPoolName, final)
	}
}

// TestNoSpinnerWhenNotWanted: the same slow wait draws nothing when stderr
// is piped, with --quiet, and with TERM=dumb (accessible mode).
func TestNoSpinnerWhenNotWanted(t *testing.T) {
	parallel(t)
	seed(t, testenv.SetupOptions{})
	t.Run("piped", func(t *testing.T) {
		g := newGateProxy(t, "ListUserPools")
		g.openAfterLatency()
		r := mustRun(t, t.TempDir(), ampgoEnv(t, g.srv.URL), "doctor", "auth")
		if strings.Contains(r.stderr, spinnerLabel) || strings.ContainsAny(r.stderr, "\r\x1b") {
			t.Errorf("piped stderr holds a status line: %q", r.stderr)
		}
	})
	for _, tc := range []struct {
		name string
		term string
		args []string
	}{
		{"--quiet", "xterm-256color", []string{"doctor", "auth", "--quiet"}},
		{"TERM=dumb", "dumb", []string{"doctor", "auth"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGateProxy(t, "ListUserPools")
			g.openAfterLatency()
			raw := runInPTY(t, ampgoEnv(t, g.srv.URL), tc.term, tc.args...)
			if !strings.Contains(raw, "Checking Cognito user pools") {
				t.Fatalf("doctor did not run:\n%s", raw)
			}
			if strings.Contains(raw, spinnerLabel) {
				t.Errorf("a status line was drawn:\n%q", raw)
			}
		})
	}
}

// runInPTY runs ampgo to its end in a pseudo-terminal with TERM=term and
// returns everything it wrote there.
func runInPTY(t *testing.T, env []string, term string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, ampgoBin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(env, "TERM="+term)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		t.Fatalf("start in pty: %v", err)
	}
	defer tty.Close()
	var raw strings.Builder
	copied := make(chan struct{})
	emu := vt.NewEmulator(120, 30)
	go func() { _, _ = io.Copy(io.MultiWriter(&raw, emu), tty); close(copied) }()
	go func() { _, _ = io.Copy(tty, emu) }()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo %s: %v", strings.Join(args, " "), err)
	}
	<-copied
	return raw.String()
}

// TestPTYSpinnerUntilStackEvents: push names the stack it waits for while
// CreateStack is held (after "Deploying stack …", before any event), then
// the events print as usual and the line is gone at the end.
func TestPTYSpinnerUntilStackEvents(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	g := newGateProxy(t, "CreateStack")
	env := ampgoEnv(t, g.srv.URL)
	dir, proj := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read")
	label := "waiting for stack " + project.StackName(proj, "dev") + "…"

	scr, _, cmd, copied := startPTY(t, dir, env, "push", "--yes")
	scr.waitUntil(t, "the spinner and "+label, func(text string) bool {
		return strings.Contains(text, "Deploying stack") && strings.Contains(text, " "+label) &&
			!strings.Contains(text, "CREATE_IN_PROGRESS")
	})
	g.open()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo push: %v\nscreen:\n%s", err, scr.text())
	}
	<-copied
	final := scr.text()
	if strings.Contains(final, label) {
		t.Errorf("the status line stayed on the screen:\n%s", final)
	}
	for _, want := range []string{"CREATE_COMPLETE", "is up to date"} {
		if !strings.Contains(final, want) {
			t.Errorf("the push output lacks %q:\n%s", want, final)
		}
	}
}
