package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

// TestRemoveAuthRefusedWhileStorageNeedsIt: storage records no dependsOn
// (as in the Amplify CLI), yet grants access only through the imported
// identity pool's roles, so `remove auth --yes` must refuse with exit 3
// naming the storage and its remove command, and change nothing (issue 11).
func TestRemoveAuthRefusedWhileStorageNeedsIt(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read", "--guest-access", "read")
	before, aws := treeHash(t, dir), snapshot(t)

	r := runAmpgo(t, dir, env, "", "remove", "auth", "--yes")
	if r.code != 3 || !strings.Contains(r.stderr, "storage/files") || !strings.Contains(r.stderr, "ampgo remove storage --name files") {
		t.Errorf("remove auth with storage: exit %d, want 3 naming storage/files and its remove command\n%s", r.code, r.stderr)
	}
	if diff := cmp.Diff(before, treeHash(t, dir)); diff != "" {
		t.Errorf("refused remove auth changed the project (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(aws, snapshot(t)); diff != "" {
		t.Errorf("refused remove auth changed AWS (-before +after):\n%s", diff)
	}
}

// TestDestructiveConfirmationsDefaultNo presses Enter at each destructive
// confirmation on a real terminal: remove auth, remove storage, remove
// function and env remove all keep everything (issue 11: default No).
func TestDestructiveConfirmationsDefaultNo(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	pressEnterKeeps(t, dir, env, "Unlink auth", "remove", "auth")

	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read")
	mustRun(t, dir, env, "add", "function", "--name", "hello", "--auth-access", "read")
	mustRun(t, dir, env, "env", "add", "staging", "--yes")
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	other := "staging"
	if p.CurrentEnv() == "staging" {
		other = "dev"
	}
	pressEnterKeeps(t, dir, env, `Remove storage "files"`, "remove", "storage", "--name", "files")
	pressEnterKeeps(t, dir, env, `Remove function "hello"`, "remove", "function", "--name", "hello")
	pressEnterKeeps(t, dir, env, `Remove environment "`+other+`"`, "env", "remove", other)
}

// pressEnterKeeps runs ampgo args in a pty, waits for question, presses
// Enter and expects exit 0 with the project unchanged byte for byte.
func pressEnterKeeps(t *testing.T, dir string, env []string, question string, args ...string) {
	t.Helper()
	before := treeHash(t, dir)
	scr, tty, cmd, copied := startPTY(t, dir, env, args...)
	scr.waitFor(t, question)
	type_(t, tty, "\r")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo %s: %v\nscreen:\n%s", strings.Join(args, " "), err, scr.text())
	}
	<-copied
	if diff := cmp.Diff(before, treeHash(t, dir)); diff != "" {
		t.Fatalf("Enter at %q changed the project (-before +after):\n%s\nscreen:\n%s", question, diff, scr.text())
	}
}
