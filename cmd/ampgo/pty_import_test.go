package main

import (
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/testenv"
)

// The import walkthrough's pool list and wrong-fix messages of issue 16.

// TestPTYImportIneligiblePoolReturnsToList: picking a pool that cannot be
// imported (its only app client has a secret) prints the findings and shows
// the list again with the pool marked, instead of exit 3; a good pool then
// imports.
func TestPTYImportIneligiblePoolReturnsToList(t *testing.T) {
	parallel(t)
	good := seed(t, testenv.SetupOptions{})
	bad := seed(t, testenv.SetupOptions{NoWebClient: true, UserPoolOnly: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)

	scr, tty, cmd, copied := startPTY(t, dir, env, "import", "auth")
	scr.waitFor(t, "What type of auth resource")
	type_(t, tty, "\r") // user pool and identity pool
	scr.waitFor(t, "Select the User Pool")
	type_(t, tty, bad.Suffix)
	scr.waitUntil(t, "the list filtered down to "+bad.UserPoolName, func(text string) bool {
		return strings.Contains(text, bad.UserPoolName+" ("+bad.UserPoolID) && !strings.Contains(text, good.UserPoolID)
	})
	type_(t, tty, "\r")

	marked := bad.UserPoolID + ")  ✖ no app client without a secret"
	scr.waitUntil(t, "the list again with "+bad.UserPoolName+" marked", func(text string) bool {
		return strings.Contains(text, marked) && strings.Contains(text, good.UserPoolName+" ("+good.UserPoolID)
	})
	type_(t, tty, good.Suffix)
	scr.waitUntil(t, "the list filtered down to "+good.UserPoolName, func(text string) bool {
		return strings.Contains(text, good.UserPoolName+" ("+good.UserPoolID) && !strings.Contains(text, marked)
	})
	type_(t, tty, "\r")
	scr.waitFor(t, "Select a Native client")
	type_(t, tty, good.NativeClientName)
	scr.waitFor(t, "(has app client secret)")
	type_(t, tty, "\r")

	if code := exitCode(t, cmd.Wait()); code != 0 {
		t.Fatalf("exit %d, want 0; screen:\n%s", code, scr.text())
	}
	<-copied
	raw := scr.raw.String()
	for _, want := range []string{
		"every app client has a client secret: app client \"" + bad.NativeClientName + "\"",
		"User pool " + bad.UserPoolName + " (" + bad.UserPoolID + ") cannot be imported (1 problem above)",
		"successfully imported",
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	a := loadAuth(t, dir)
	if a.Env.UserPoolID != good.UserPoolID || a.Env.WebClientID != good.WebClientID || a.Env.IdentityPoolID != good.IdentityPoolID {
		t.Errorf("recorded %+v, want the ids of setup %s", a.Env, good.Suffix)
	}
}

// TestImportNativeClientAsWebClient: the native client (with a secret)
// passed as web client is exit 3, and the fix names the existing client
// without a secret instead of telling the user to create one.
func TestImportNativeClientAsWebClient(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	before := treeHash(t, dir)

	r := runAmpgo(t, dir, env, "", "import", "auth", "--user-pool-only", "--user-pool-id", s.UserPoolID,
		"--web-client-id", s.NativeClientID)

	if r.code != exit.Requirements {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exit.Requirements, r.stderr)
	}
	want := "use --web-client-id " + s.WebClientID + " (" + s.WebClientName + "), which has no client secret"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	for _, wrong := range []string{"every app client has a client secret", "create-user-pool-client"} {
		if strings.Contains(r.stderr, wrong) {
			t.Errorf("stderr says %q although %s has no secret:\n%s", wrong, s.WebClientName, r.stderr)
		}
	}
	if treeHash(t, dir) != before {
		t.Error("the failed import changed project files")
	}
}

// TestEnvAddMissingIdentityPoolHint: env add takes no --user-pool-only, so
// its fix for an identity pool that does not exist must not suggest it.
func TestEnvAddMissingIdentityPoolHint(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, "import", "auth", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID,
		"--native-client-id", s.NativeClientID, "--identity-pool-id", s.IdentityPoolID)
	before := treeHash(t, dir)

	missing := "us-east-1:00000000-0000-0000-0000-000000000000"
	r := runAmpgo(t, dir, env, "", "env", "add", "staging", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID,
		"--identity-pool-id", missing)

	if r.code != exit.Requirements {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exit.Requirements, r.stderr)
	}
	if !strings.Contains(r.stderr, "identity pool "+missing+" does not exist") {
		t.Errorf("stderr does not name the missing identity pool:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "--user-pool-only") {
		t.Errorf("env add suggests --user-pool-only, which it rejects:\n%s", r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Error("the failed env add changed project files")
	}
}
