package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

// screen is a terminal emulator fed by the pty, so the test reads what a
// person would see, and answers the terminal queries bubbletea sends.
type screen struct {
	mu  sync.Mutex
	emu *vt.Emulator
	raw strings.Builder
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw.Write(p)
	return s.emu.Write(p)
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// waitFor waits until the screen shows want, or fails after a bound.
func (s *screen) waitFor(t *testing.T, want string) {
	t.Helper()
	s.waitUntil(t, want, func(text string) bool { return strings.Contains(text, want) })
}

// waitUntil polls the screen until ok holds, or fails after a bound.
func (s *screen) waitUntil(t *testing.T, what string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok(s.text()) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("screen never showed %s; screen:\n%s", what, s.text())
}

// TestInteractiveImport drives `ampgo import auth` in a real pseudo-terminal:
// it types part of a pool's name into the filterable list, picks it and the
// native client, and expects the identity pool to be auto-selected.
func TestInteractiveImport(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	seed(t, testenv.SetupOptions{}) // a second pool, so there is a list to filter
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)

	scr, tty, cmd, copied := startPTY(t, dir, env, "import", "auth")
	scr.waitFor(t, "What type of auth resource")
	type_(t, tty, "\r")
	pickPoolAndNative(t, scr, tty, s)

	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo import auth: %v\nscreen:\n%s", err, scr.text())
	}
	<-copied // everything ampgo wrote has reached the screen
	raw := scr.raw.String()
	for _, want := range []string{"Only one Web app client found", "Only one Identity Pool resource found", "successfully imported"} {
		if !strings.Contains(raw, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	a := loadAuth(t, dir)
	if a.Env.UserPoolID != s.UserPoolID || a.Env.WebClientID != s.WebClientID ||
		a.Env.NativeClientID != s.NativeClientID || a.Env.IdentityPoolID != s.IdentityPoolID {
		t.Errorf("recorded %+v, want the ids of setup %s", a.Env, s.Suffix)
	}
}

// startPTY starts ampgo in a pseudo-terminal of 120x30 with an emulated screen.
// The returned channel closes once all output has been copied to the screen,
// which happens after the process has exited.
func startPTY(t *testing.T, dir string, env []string, args ...string) (*screen, *os.File, *exec.Cmd, <-chan struct{}) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, ampgoBin, args...)
	cmd.Dir = dir
	cmd.Env = append(env, "TERM=xterm-256color")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		t.Fatalf("start in pty: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	scr := &screen{emu: vt.NewEmulator(120, 30)}
	copied := make(chan struct{})
	go func() { _, _ = io.Copy(scr, tty); close(copied) }() // ends with EIO once the child has exited
	go func() { _, _ = io.Copy(tty, scr.emu) }()            // terminal query answers
	return scr, tty, cmd, copied
}

// TestInteractiveInit answers every init question on a terminal.
func TestInteractiveInit(t *testing.T) {
	parallel(t)
	dir := filepath.Join(t.TempDir(), "shopfront")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	scr, tty, cmd, _ := startPTY(t, dir, ampgoEnv(t, moto.URL()), "init")
	scr.waitFor(t, "Enter a name for the project")
	type_(t, tty, "\r") // default: the folder's name
	scr.waitFor(t, "Enter a name for the environment")
	type_(t, tty, "\x7f\x7f\x7fstaging\r")
	scr.waitFor(t, "AWS profile")
	type_(t, tty, "\r")
	scr.waitFor(t, "AWS region")
	type_(t, tty, "\r")
	scr.waitFor(t, "Choose the type of app")
	type_(t, tty, "\r")
	scr.waitFor(t, "Source directory path")
	type_(t, tty, "\r")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo init: %v\nscreen:\n%s", err, scr.text())
	}
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Config()
	if c.ProjectName != "shopfront" || p.CurrentEnv() != "staging" || c.Frontend != "javascript" ||
		c.SourceDir() != "src" || p.EnvRegion("staging") != "us-east-1" {
		t.Errorf("init recorded %+v env %q region %q", c, p.CurrentEnv(), p.EnvRegion("staging"))
	}
}

// pickPoolAndNative answers the walkthrough's list questions: it types part
// of the setup's pool name, checks the list filtered down to that pool, picks
// it, then types and picks the native client.
func pickPoolAndNative(t *testing.T, scr *screen, tty *os.File, s *testenv.Setup) {
	t.Helper()
	scr.waitFor(t, "Select the User Pool")
	type_(t, tty, s.Suffix)
	scr.waitUntil(t, "the list filtered down to "+s.UserPoolName, func(text string) bool {
		return strings.Contains(text, s.UserPoolName+" ("+s.UserPoolID) && strings.Count(text, "acme-users-") == 1
	})
	type_(t, tty, "\r")
	scr.waitFor(t, "Select a Native client")
	type_(t, tty, s.NativeClientName)
	scr.waitFor(t, "(has app client secret)")
	type_(t, tty, "\r")
}

func type_(t *testing.T, tty *os.File, keys string) {
	t.Helper()
	if _, err := tty.WriteString(keys); err != nil {
		t.Fatalf("type %q: %v", keys, err)
	}
}
