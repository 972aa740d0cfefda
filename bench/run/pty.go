package run

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// screen is a terminal emulator fed by the pty, as in cmd/ampgo/pty_test.go,
// that notes the moment a wanted text first shows.
type screen struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	want string
	seen chan time.Time
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.emu.Write(p)
	s.check()
	return n, err
}

// check must hold s.mu.
func (s *screen) check() {
	if s.want != "" && strings.Contains(s.emu.String(), s.want) {
		s.seen <- time.Now()
		s.want = ""
	}
}

// expect returns a channel that receives the time want shows on the screen.
func (s *screen) expect(want string) <-chan time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.want, s.seen = want, make(chan time.Time, 1)
	s.check()
	return s.seen
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// Prompts is an interactive start: ampgo asks First, the bench answers
// Answer at once, and the run ends when Then shows.
type Prompts struct {
	First, Answer, Then string
	Timeout             time.Duration
}

// UntilShown runs bin in a 120x30 pseudo-terminal through p and then kills
// it. Wall is the time ampgo made the user wait: from start to First, plus
// from the answer to Then (the bench's own reaction is left out). CPU and
// peak RSS cover the whole process until it was killed.
func UntilShown(ctx context.Context, bin, dir string, env []string, p Prompts, args ...string) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, append(env, "TERM=xterm-256color")
	scr := &screen{emu: vt.NewEmulator(120, 30)}
	first := scr.expect(p.First)
	start := time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		return Result{}, fmt.Errorf("start %s in a pty: %w", bin, err)
	}
	stopRSS := watchRSS(cmd.Process.Pid)
	go func() { _, _ = io.Copy(scr, tty) }()
	go func() { _, _ = io.Copy(tty, scr.emu) }() // answers to terminal queries
	finish := func() Result {
		peak := stopRSS() // before the kill: a killed process has no address space
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		tty.Close()
		return Result{ExitCode: cmd.ProcessState.ExitCode(), CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
			MaxRSS: peak}
	}
	wait := func(ch <-chan time.Time, what string) (time.Time, error) {
		select {
		case t := <-ch:
			return t, nil
		case <-ctx.Done():
			text := scr.text()
			finish()
			return time.Time{}, fmt.Errorf("%q never showed within %v; screen:\n%s", what, p.Timeout, text)
		}
	}
	t1, err := wait(first, p.First)
	if err != nil {
		return Result{}, err
	}
	then := scr.expect(p.Then)
	t2 := time.Now()
	if _, err := io.WriteString(tty, p.Answer); err != nil {
		finish()
		return Result{}, fmt.Errorf("answer %q: %w", p.Answer, err)
	}
	t3, err := wait(then, p.Then)
	if err != nil {
		return Result{}, err
	}
	r := finish()
	r.Wall = t1.Sub(start) + t3.Sub(t2)
	r.ExitCode = 0 // killed on purpose once the list showed
	return r, nil
}
