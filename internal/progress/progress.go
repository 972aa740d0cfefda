// Package progress draws the one status line ampgo shows on stderr while it
// waits: a spinner and what it waits for ("loading user pools…"), drawn only
// once a wait has lasted Delay, redrawn ten times a second and cleared when
// the wait ends. Output that arrives meanwhile goes through Writer, which
// clears the line first, so results and stack events print exactly as they
// would without it (issue 16).
//
// Whether a spinner is drawn at all is the caller's decision (Enabled): only
// on a terminal, never with TERM=dumb, never with --quiet. A Spinner started
// on a nil writer draws nothing, so call sites need no branches.
package progress

import (
	"bytes"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// running counts the spinners started on a writer and not yet stopped.
var running atomic.Int32

// Active reports whether a spinner is running: another status line (the
// AWS client's "waiting for …") then stays quiet, so two lines never
// alternate.
func Active() bool { return running.Load() > 0 }

// Delay is how long a wait lasts before the spinner is drawn: shorter waits
// would only flicker.
const Delay = 300 * time.Millisecond

// interval is how often the spinner is redrawn.
const interval = 100 * time.Millisecond

// frames are the spinner's glyphs, one per redraw.
var frames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// clearLine returns the cursor to the start of the line and erases it.
const clearLine = "\r\x1b[K"

// maxLabel bounds the drawn label in runes: a line longer than the
// terminal wraps, and "\r\x1b[K" would then clear only its last part.
const maxLabel = 76

// Enabled reports whether a spinner may be drawn on a stream for which
// isTerminal reports: a terminal, and TERM is not dumb (accessible mode,
// where a line rewritten ten times a second is noise for a screen reader).
// A nil isTerminal means no terminal.
func Enabled(isTerminal func() bool) bool {
	return isTerminal != nil && isTerminal() && os.Getenv("TERM") != "dumb"
}

// On returns w when Enabled(isTerminal), else nil: the writer to Start a
// spinner on.
func On(w io.Writer, isTerminal func() bool) io.Writer {
	if !Enabled(isTerminal) {
		return nil
	}
	return w
}

// Spinner is one status line. Its methods are safe for concurrent use and
// on a nil *Spinner.
type Spinner struct {
	w         io.Writer // nil: draws nothing
	now       func() time.Time
	newTicker func() (<-chan time.Time, func())

	mu        sync.Mutex
	label     string
	waitSince time.Time // when the current wait began: Start, Resume or the end of a line written through Writer
	shown     bool      // the line is on the screen
	midLine   bool      // a write through Writer ended without a newline
	paused    bool
	stopped   bool
	frame     int
	quit      chan struct{}
	done      chan struct{}
}

// Start begins a wait named by label ("loading user pools…") on w, usually
// stderr; nil w (not a terminal, --quiet) gives a spinner that draws
// nothing. Call Stop when the wait ends.
func Start(w io.Writer, label string) *Spinner {
	return start(w, label, time.Now, func() (<-chan time.Time, func()) {
		t := time.NewTicker(interval)
		return t.C, t.Stop
	})
}

func start(w io.Writer, label string, now func() time.Time, newTicker func() (<-chan time.Time, func())) *Spinner {
	s := &Spinner{w: w, now: now, newTicker: newTicker, label: label}
	if w == nil {
		return s
	}
	running.Add(1)
	s.waitSince = now()
	s.quit, s.done = make(chan struct{}), make(chan struct{})
	ticks, stop := newTicker()
	go func() {
		defer close(s.done)
		defer stop()
		for {
			select {
			case <-ticks:
				s.tick()
			case <-s.quit:
				return
			}
		}
	}()
	return s
}

// tick draws the next frame once the wait has lasted Delay.
func (s *Spinner) tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped || s.paused || s.midLine || s.now().Sub(s.waitSince) < Delay {
		return
	}
	label := []rune(s.label)
	if len(label) > maxLabel {
		label = append(label[:maxLabel-1], '…')
	}
	_, _ = io.WriteString(s.w, clearLine+frames[s.frame%len(frames)]+" "+string(label))
	s.frame++
	s.shown = true
}

// clear erases the line if it is shown; s.mu is held.
func (s *Spinner) clear() {
	if s.shown {
		_, _ = io.WriteString(s.w, clearLine)
		s.shown = false
	}
}

// Stop ends the wait and clears the line; it returns once nothing more is
// drawn. Calling it again does nothing.
func (s *Spinner) Stop() {
	if s == nil || s.w == nil {
		return
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.stopped = true
	running.Add(-1)
	s.clear()
	s.mu.Unlock()
	close(s.quit)
	<-s.done
}

// SetLabel names what is waited for from now on; the wait itself goes on
// (a line already shown is redrawn with the new label at the next frame).
func (s *Spinner) SetLabel(label string) {
	if s == nil || s.w == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.label = label
}

// Pause clears the line and draws nothing until Resume: call it before a
// prompt, which owns the terminal while it asks.
func (s *Spinner) Pause() {
	if s == nil || s.w == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paused = true
	s.clear()
}

// Resume starts a new wait after Pause: the line is drawn again once it
// has lasted Delay.
func (s *Spinner) Resume() {
	if s == nil || s.w == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paused = false
	s.waitSince = s.now()
}

// Writer returns a writer to w (stderr or stdout, when both are the same
// terminal) whose writes first clear the spinner's line, so the output
// prints as it would without the spinner. A write that ends a line starts a
// new wait: the spinner reappears below it after Delay, unless the next
// output comes first. A write that ends mid-line keeps the spinner hidden
// until the line is finished. On a spinner that draws nothing it returns w.
func (s *Spinner) Writer(w io.Writer) io.Writer {
	if s == nil || s.w == nil {
		return w
	}
	return &writer{s: s, w: w}
}

type writer struct {
	s *Spinner
	w io.Writer
}

func (w *writer) Write(p []byte) (int, error) {
	s := w.s
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
	n, err := w.w.Write(p)
	if len(p) > 0 {
		s.midLine = !bytes.HasSuffix(p, []byte("\n"))
		s.waitSince = s.now()
	}
	return n, err
}
