package awsx

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/smithy-go/logging"

	"github.com/ampgo/ampgo/internal/testclock"
)

// syncBuffer is a writer that signals each write.
type syncBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	n, err := s.b.Write(p)
	s.mu.Unlock()
	select {
	case s.writes <- struct{}{}:
	default:
	}
	return n, err
}

func (s *syncBuffer) take() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.b.String()
	s.b.Reset()
	return out
}

// newTestWaits returns Waits on a fake clock whose ticks the test sends.
func newTestWaits() (*Waits, *testclock.Clock, *syncBuffer, chan time.Time, *int) {
	clock := testclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	out := &syncBuffer{writes: make(chan struct{}, 1)}
	ticks := make(chan time.Time)
	stops := 0
	w := NewWaits(out)
	w.now = clock.Now
	w.newTicker = func() (<-chan time.Time, func()) { return ticks, func() { stops++ } }
	return w, clock, out, ticks, &stops
}

func TestWaitsShowsOnlyLongCalls(t *testing.T) {
	w, clock, out, _, _ := newTestWaits()
	id := w.begin("cognito-idp DescribeUserPool (us-east-1")
	clock.Advance(1900 * time.Millisecond)
	w.tick()
	if got := out.take(); got != "" {
		t.Fatalf("shown before 2s: %q", got)
	}
	clock.Advance(100 * time.Millisecond)
	w.tick()
	if got, want := out.take(), "\r\x1b[Kwaiting for cognito-idp DescribeUserPool (us-east-1, 2.0s)…"; got != want {
		t.Fatalf("line %q, want %q", got, want)
	}
	clock.Advance(1500 * time.Millisecond)
	w.tick()
	if got := out.take(); !strings.HasSuffix(got, "(us-east-1, 3.5s)…") {
		t.Fatalf("line not refreshed: %q", got)
	}
	w.end(id)
	if got := out.take(); got != "\r\x1b[K" {
		t.Fatalf("line not cleared at the end: %q", got)
	}
}

// Of concurrent calls, only the oldest still running is shown; when it ends,
// the next oldest takes its place.
// TestWaitsQuietWhileASpinnerRuns: with Quiet reporting true (a command's
// spinner names the wait), a long call draws nothing; once it reports
// false, the next tick draws the line.
func TestWaitsQuietWhileASpinnerRuns(t *testing.T) {
	w, clock, out, _, _ := newTestWaits()
	spinning := true
	w.Quiet = func() bool { return spinning }
	id := w.begin("cognito-idp ListUserPools (us-east-1")
	clock.Advance(3 * time.Second)
	w.tick()
	if got := out.take(); got != "" {
		t.Fatalf("drawn while a spinner runs: %q", got)
	}
	spinning = false
	w.tick()
	if got := out.take(); !strings.HasSuffix(got, "ListUserPools (us-east-1, 3.0s)…") {
		t.Fatalf("line %q after the spinner stopped", got)
	}
	w.end(id)
}

func TestWaitsShowsTheOldestCall(t *testing.T) {
	w, clock, out, _, _ := newTestWaits()
	first := w.begin("iam GetRole (us-east-1")
	clock.Advance(500 * time.Millisecond)
	var ids []uint64
	for range 8 {
		ids = append(ids, w.begin("cognito-idp ListUserPoolClients (us-east-1"))
	}
	clock.Advance(2 * time.Second)
	w.tick()
	if got := out.take(); strings.Count(got, "waiting for") != 1 || !strings.Contains(got, "iam GetRole (us-east-1, 2.5s)") {
		t.Fatalf("want one line for the oldest call, got %q", got)
	}
	w.end(first)
	out.take()
	w.tick()
	if got := out.take(); !strings.Contains(got, "cognito-idp ListUserPoolClients (us-east-1, 2.0s)") {
		t.Fatalf("next oldest not shown: %q", got)
	}
	for _, id := range ids {
		w.end(id)
	}
	w.tick()
	if got := out.take(); got != "\r\x1b[K" {
		t.Fatalf("after all calls ended: %q", got)
	}
}

// The ticker drives the refresh, and stops when no call is left.
func TestWaitsTicksWhileCallsRun(t *testing.T) {
	w, clock, out, ticks, stops := newTestWaits()
	id := w.begin("sts GetCallerIdentity (us-east-1")
	clock.Advance(3 * time.Second)
	ticks <- clock.Now()
	<-out.writes
	if got := out.take(); !strings.Contains(got, "sts GetCallerIdentity (us-east-1, 3.0s)") {
		t.Fatalf("tick did not show the call: %q", got)
	}
	w.end(id)
	if *stops != 1 {
		t.Errorf("ticker stopped %d times, want 1", *stops)
	}
	w.end(w.begin("sts GetCallerIdentity (us-east-1")) // a new call starts a new ticker
	if *stops != 2 {
		t.Errorf("ticker stopped %d times, want 2", *stops)
	}
}

// Many calls beginning and ending at once: run with -race.
func TestWaitsConcurrentCalls(t *testing.T) {
	w, clock, out, _, _ := newTestWaits()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				id := w.begin("cognito-idp DescribeUserPool (us-east-1")
				clock.Advance(time.Second)
				w.tick()
				w.end(id)
			}
		}()
	}
	wg.Wait()
	if w.stopper != nil || len(w.calls) != 0 {
		t.Errorf("calls left running: %d", len(w.calls))
	}
	if got := out.take(); strings.Count(got, "waiting for") > 0 && !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("last line not cleared: %q", got[max(0, len(got)-80):])
	}
}

// The SDK's own log lines reach --debug only, with a prefix, never stderr.
func TestSDKLogGoesToDebugOnly(t *testing.T) {
	fake := newFakeAWS(t, false, pool)
	cfg := testConfig(t, fake.srv.URL, time.Second, false)
	if cfg.Logger != (logging.Nop{}) {
		t.Errorf("without --debug the SDK logger is %T, want logging.Nop", cfg.Logger)
	}
	if cfg.ClientLogMode != 0 {
		t.Errorf("client log mode %v, want 0", cfg.ClientLogMode)
	}
	var debug bytes.Buffer
	sdkLogger(&debug).Logf(logging.Warn, "Response has no supported checksum. Not validating response payload.\n")
	if got, want := debug.String(), "debug: sdk WARN Response has no supported checksum. Not validating response payload.\n"; got != want {
		t.Errorf("debug line %q, want %q", got, want)
	}
}
