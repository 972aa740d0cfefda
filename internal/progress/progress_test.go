package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/testclock"
)

// buffer is a bytes.Buffer safe for the spinner's goroutine.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) { b.mu.Lock(); defer b.mu.Unlock(); return b.b.Write(p) }

// take returns what was written since the last take.
func (b *buffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.b.String()
	b.b.Reset()
	return s
}

// newTest returns a spinner on a fake clock whose ticker never fires: the
// test calls tick itself, so nothing depends on the scheduler.
func newTest(label string) (*Spinner, *testclock.Clock, *buffer) {
	c := testclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	out := &buffer{}
	never := func() (<-chan time.Time, func()) { return make(chan time.Time), func() {} }
	return start(out, label, c.Now, never), c, out
}

func TestSpinnerDrawsOnlyAfterDelay(t *testing.T) {
	s, c, out := newTest("loading user pools…")
	defer s.Stop()
	c.Advance(Delay - time.Millisecond)
	s.tick()
	if got := out.take(); got != "" {
		t.Fatalf("drawn before %v: %q", Delay, got)
	}
	c.Advance(time.Millisecond)
	s.tick()
	s.tick()
	if got, want := out.take(), clearLine+frames[0]+" loading user pools…"+clearLine+frames[1]+" loading user pools…"; got != want {
		t.Fatalf("frames = %q, want %q", got, want)
	}
	s.SetLabel("loading app clients of us-east-1_abc…")
	s.tick()
	if got := out.take(); !strings.HasSuffix(got, " loading app clients of us-east-1_abc…") {
		t.Errorf("after SetLabel: %q", got)
	}
	s.Stop()
	if got := out.take(); got != clearLine {
		t.Errorf("Stop wrote %q, want the line cleared", got)
	}
	s.tick()
	s.Stop()
	if got := out.take(); got != "" {
		t.Errorf("drawn after Stop: %q", got)
	}
}

func TestSpinnerStopBeforeDelayWritesNothing(t *testing.T) {
	s, c, out := newTest("waiting…")
	c.Advance(Delay / 2)
	s.tick()
	s.Stop()
	if got := out.take(); got != "" {
		t.Errorf("a short wait wrote %q", got)
	}
}

func TestWriterClearsLineAndResumesAfterALine(t *testing.T) {
	s, c, out := newTest("waiting for stack ampgo-shop-dev…")
	defer s.Stop()
	events := s.Writer(out)
	c.Advance(Delay)
	s.tick()
	out.take()

	if _, err := events.Write([]byte("CREATE_IN_PROGRESS  Bucket")); err != nil {
		t.Fatal(err)
	}
	if got, want := out.take(), clearLine+"CREATE_IN_PROGRESS  Bucket"; got != want {
		t.Fatalf("write = %q, want the line cleared first: %q", got, want)
	}
	c.Advance(time.Hour)
	s.tick()
	if got := out.take(); got != "" {
		t.Fatalf("drawn in the middle of a line: %q", got)
	}
	if _, err := events.Write([]byte("\n")); err != nil {
		t.Fatal(err)
	}
	out.take()
	c.Advance(Delay - time.Millisecond)
	s.tick()
	if got := out.take(); got != "" {
		t.Fatalf("drawn before %v after the line: %q", Delay, got)
	}
	c.Advance(time.Millisecond)
	s.tick()
	if got := out.take(); !strings.HasPrefix(got, clearLine) || !strings.HasSuffix(got, " waiting for stack ampgo-shop-dev…") {
		t.Errorf("not drawn again below the line: %q", got)
	}
}

func TestPauseHidesUntilResume(t *testing.T) {
	s, c, out := newTest("waiting…")
	defer s.Stop()
	c.Advance(Delay)
	s.tick()
	out.take()
	s.Pause()
	if got := out.take(); got != clearLine {
		t.Fatalf("Pause wrote %q, want the line cleared", got)
	}
	c.Advance(time.Hour)
	s.tick()
	if got := out.take(); got != "" {
		t.Fatalf("drawn while paused: %q", got)
	}
	s.Resume()
	s.tick()
	if got := out.take(); got != "" {
		t.Fatalf("drawn at once after Resume: %q", got)
	}
	c.Advance(Delay)
	s.tick()
	if got := out.take(); got == "" {
		t.Error("not drawn after Resume and the delay")
	}
}

func TestLongLabelIsCut(t *testing.T) {
	s, c, out := newTest(strings.Repeat("x", 200))
	defer s.Stop()
	c.Advance(Delay)
	s.tick()
	got := strings.TrimPrefix(out.take(), clearLine+frames[0]+" ")
	if n := len([]rune(got)); n != maxLabel || !strings.HasSuffix(got, "…") {
		t.Errorf("label drawn as %d runes %q, want %d ending in …", n, got, maxLabel)
	}
}

func TestNilWriterDrawsNothing(t *testing.T) {
	s := Start(nil, "loading…")
	var out bytes.Buffer
	w := s.Writer(&out)
	if w != &out {
		t.Errorf("Writer of an off spinner wraps the stream")
	}
	s.SetLabel("x")
	s.Pause()
	s.Resume()
	s.Stop()
	var none *Spinner
	none.Stop()
	if out.Len() != 0 {
		t.Errorf("wrote %q", out.String())
	}
}

// TestStartStopWithRealTicker runs the goroutine: Stop returns, and leaves
// the line cleared if anything was drawn.
func TestStartStopWithRealTicker(t *testing.T) {
	out := &buffer{}
	s := Start(out, "loading…")
	s.Stop()
	if got := out.take(); got != "" && !strings.HasSuffix(got, clearLine) {
		t.Errorf("Stop left %q", got)
	}
}

func TestEnabled(t *testing.T) {
	yes := func() bool { return true }
	no := func() bool { return false }
	for _, c := range []struct {
		name string
		term string
		isT  func() bool
		want bool
	}{
		{"terminal", "xterm-256color", yes, true},
		{"piped", "xterm-256color", no, false},
		{"unknown", "xterm-256color", nil, false},
		{"dumb terminal", "dumb", yes, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TERM", c.term)
			if got := Enabled(c.isT); got != c.want {
				t.Errorf("Enabled = %v, want %v", got, c.want)
			}
			var out bytes.Buffer
			if got := On(&out, c.isT) != nil; got != c.want {
				t.Errorf("On gave a writer = %v, want %v", got, c.want)
			}
		})
	}
}

// TestActiveWhileRunning: Active is true from Start on a writer to Stop,
// never for a spinner that draws nothing, and a second Stop changes nothing.
func TestActiveWhileRunning(t *testing.T) {
	if Active() {
		t.Fatal("active before any spinner")
	}
	silent := Start(nil, "nothing")
	if Active() {
		t.Error("a spinner without a writer counts as active")
	}
	silent.Stop()
	s := Start(&buffer{}, "loading")
	if !Active() {
		t.Error("not active while a spinner runs")
	}
	s.Stop()
	s.Stop()
	if Active() {
		t.Error("still active after Stop")
	}
}
