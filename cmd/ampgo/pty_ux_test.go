package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// The terminal experience of issue 16, driven in a real pseudo-terminal.

// startPTYTerm is startPTY with the terminal type term (startPTY's
// TERM=xterm-256color would win over one in env).
func startPTYTerm(t *testing.T, dir string, env []string, term string, args ...string) (*screen, *os.File, *exec.Cmd, <-chan struct{}) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, ampgoBin, args...)
	cmd.Dir = dir
	cmd.Env = append(env, "TERM="+term)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		t.Fatalf("start in pty: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	scr := &screen{emu: vt.NewEmulator(120, 30)}
	copied := make(chan struct{})
	go func() { _, _ = io.Copy(scr, tty); close(copied) }()
	go func() { _, _ = io.Copy(tty, scr.emu) }()
	return scr, tty, cmd, copied
}

// exitCode is the exit code of a finished command.
func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("wait: %v", err)
	}
	return 0
}

// TestPTYInitExistingProject: in a folder that holds a project, init
// fails before its first question, with the exit code of the check that
// used to come after all six.
func TestPTYInitExistingProject(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	scr, _, cmd, copied := startPTY(t, dir, env, "init")
	code := exitCode(t, cmd.Wait())
	<-copied
	raw := scr.raw.String()
	if want := exit.Code(&project.ProjectExistsError{}); code != want {
		t.Errorf("exit %d, want %d", code, want)
	}
	if !strings.Contains(raw, "already exists") || strings.Contains(raw, "Enter a name") {
		t.Errorf("want the refusal and no question; output:\n%s", raw)
	}
}

// TestPTYInitTypeOverDefaults: a default is a placeholder that typing
// replaces (not "projshopfront"); the region list filters by name, says
// when nothing matches, and each answer stays on screen as a recap line.
func TestPTYInitTypeOverDefaults(t *testing.T) {
	parallel(t)
	dir := filepath.Join(t.TempDir(), "shopfront")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	scr, tty, cmd, copied := startPTY(t, dir, ampgoEnv(t, moto.URL()), "init")
	scr.waitFor(t, "Enter a name for the project")
	scr.waitFor(t, "shopfront") // the placeholder
	type_(t, tty, "proj\r")
	scr.waitFor(t, "✔ Enter a name for the project: proj")
	scr.waitFor(t, "Enter a name for the environment")
	type_(t, tty, "\r") // the default, dev
	scr.waitFor(t, "AWS profile")
	type_(t, tty, "\r")
	scr.waitFor(t, "AWS region")
	scr.waitFor(t, "af-south-1  Africa (Cape Town)")
	type_(t, tty, "xyz")
	scr.waitFor(t, "no region matches 'xyz'")
	type_(t, tty, "\x7f\x7f\x7ffrankfurt")
	scr.waitUntil(t, "the list filtered down to eu-central-1", func(text string) bool {
		return strings.Contains(text, "eu-central-1  Europe (Frankfurt)") && !strings.Contains(text, "af-south-1") &&
			!strings.Contains(text, "no region matches")
	})
	type_(t, tty, "\r")
	scr.waitFor(t, "Choose the type of app")
	type_(t, tty, "\r")
	scr.waitFor(t, "Source directory path")
	type_(t, tty, "web\r")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo init: %v\nscreen:\n%s", err, scr.text())
	}
	<-copied
	raw := scr.raw.String()
	for _, want := range []string{"✔ Enter a name for the environment: dev", "✔ AWS region: eu-central-1  Europe (Frankfurt)",
		"✔ Choose the type of app that you're building: javascript", "✔ Source directory path: web"} {
		if !strings.Contains(raw, want) {
			t.Errorf("no recap %q", want)
		}
	}
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Config()
	if c.ProjectName != "proj" || p.CurrentEnv() != "dev" || c.SourceDir() != "web" || p.EnvRegion("dev") != "eu-central-1" {
		t.Errorf("init recorded %+v env %q region %q", c, p.CurrentEnv(), p.EnvRegion("dev"))
	}
}

// TestPTYInitRegionTypo: a well-formed region where Cognito does not exist
// is refused before any question, with the closest region.
func TestPTYInitRegionTypo(t *testing.T) {
	parallel(t)
	dir := t.TempDir()
	scr, _, cmd, copied := startPTY(t, dir, ampgoEnv(t, moto.URL()), "init", "--region", "us-est-1")
	code := exitCode(t, cmd.Wait())
	<-copied
	raw := scr.raw.String()
	if code != exit.Usage || !strings.Contains(raw, "did you mean us-east-1") || strings.Contains(raw, "Enter a name") {
		t.Errorf("exit %d, want 2 with \"did you mean us-east-1\" and no question; output:\n%s", code, raw)
	}
	if _, err := os.Stat(filepath.Join(dir, "amplify")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("amplify/ was written: %v", err)
	}
}

// TestPTYCtrlCAccessible: with TERM=dumb huh asks line by line in cooked
// mode, where Ctrl-C is a SIGINT; it must end init at once with exit 130
// and nothing written, not at the last question.
func TestPTYCtrlCAccessible(t *testing.T) {
	parallel(t)
	dir := t.TempDir()
	scr, tty, cmd, copied := startPTYTerm(t, dir, ampgoEnv(t, moto.URL()), "dumb", "init")
	scr.waitFor(t, "Enter a name for the project")
	type_(t, tty, "\x03")
	code := exitCode(t, cmd.Wait())
	<-copied
	if code != exit.Interrupted {
		t.Errorf("exit %d, want %d; output:\n%s", code, exit.Interrupted, scr.raw.String())
	}
	if strings.Contains(scr.raw.String(), "Enter a name for the environment") {
		t.Error("init asked the next question after Ctrl-C")
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) > 0 {
		t.Errorf("folder holds %v (%v), want nothing written", entries, err)
	}
}

// TestPTYAddAuth: on a terminal, `add auth` asks how users sign in, MFA
// and guest access (what has no flag given), and records the answers.
func TestPTYAddAuth(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	scr, tty, cmd, copied := startPTY(t, dir, env, "add", "auth", "--mfa", "required")
	scr.waitFor(t, "How do users sign in?")
	type_(t, tty, "\x1b[B\x1b[B\r") // down twice: "email or phone number"
	scr.waitFor(t, "Give guests")
	type_(t, tty, "y\r")
	if code := exitCode(t, cmd.Wait()); code != 0 {
		<-copied
		t.Fatalf("exit %d:\n%s", code, scr.raw.String())
	}
	<-copied
	if raw := scr.raw.String(); strings.Contains(raw, "Multi-factor authentication?") {
		t.Errorf("asked for MFA although --mfa was given:\n%s", raw)
	}
	var s project.ManagedAuthSettings
	names, _ := filepath.Glob(filepath.Join(dir, "amplify/backend/auth/*/managed-auth.json"))
	if len(names) != 1 {
		t.Fatalf("managed-auth.json files: %v", names)
	}
	readJSON(t, dir, strings.TrimPrefix(names[0], dir+string(filepath.Separator)), &s)
	if strings.Join(s.SignIn, ",") != "email,phone" || s.MFA != "ON" || !s.GuestAccess {
		t.Errorf("recorded %+v, want sign-in email,phone, MFA ON, guests", s)
	}
}
