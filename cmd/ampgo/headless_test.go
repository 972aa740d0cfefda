package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

// TestHeadlessJSON reads the Amplify headless request from stdin.
func TestHeadlessJSON(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	req := fmt.Sprintf(`{"version":1,"userPoolId":%q,"webClientId":%q,"nativeClientId":%q,"identityPoolId":%q}`,
		s.UserPoolID, s.WebClientID, s.NativeClientID, s.IdentityPoolID)
	if r := runAmpgo(t, dir, env, req, "import", "auth", "--headless"); r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	a := loadAuth(t, dir)
	if a.Env.IdentityPoolID != s.IdentityPoolID || a.Parameters.AuthSelections != project.IdentityPoolAndUserPool {
		t.Errorf("recorded %+v", a.Env)
	}
}

// TestUsageErrors: bad or missing input exits 2, names the flag and writes nothing.
func TestUsageErrors(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	before := treeHash(t, dir)
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"no ids without a terminal", "", []string{"import", "auth"}, "--user-pool-id"},
		{"headless without version", `{"userPoolId":"us-east-1_x","webClientId":"y"}`, []string{"import", "auth", "--headless"}, "version must be 1"},
		{"headless missing web client", `{"version":1,"userPoolId":"us-east-1_x"}`, []string{"import", "auth", "--headless"}, "webClientId"},
		{"headless not json", `nope`, []string{"import", "auth", "--headless"}, "headless import request: not JSON"},
		{"exclusive flags", "", []string{"import", "auth", "--user-pool-only", "--user-pool-id", "us-east-1_x", "--web-client-id", "y", "--identity-pool-id", "us-east-1:11111111-2222-3333-4444-555555555555"}, "exclude each other"},
		{"unknown flag", "", []string{"import", "auth", "--user-pool", "x"}, "unknown flag"},
		{"push without a terminal or --yes", "", []string{"push"}, "--yes"},
		{"remove without auth", "", []string{"remove", "auth", "--yes"}, "no imported auth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runAmpgo(t, dir, env, c.stdin, c.args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("want exit 2 mentioning %q, got %d:\n%s", c.want, r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("errors must go to stderr, stdout got %q", r.stdout)
			}
		})
	}
	if treeHash(t, dir) != before {
		t.Error("usage errors changed project files")
	}
}

// TestDiscoveryWithPoolIDOnly: given only the pool id, the single web
// client and the single linked identity pool are found and said so.
func TestDiscoveryWithPoolIDOnly(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	r := mustRun(t, dir, env, "import", "auth", "--user-pool-id", s.UserPoolID)
	for _, want := range []string{"Only one Web app client found", "Only one Identity Pool resource found"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	a := loadAuth(t, dir)
	if a.Env.WebClientID != s.WebClientID || a.Env.NativeClientID != s.WebClientID || a.Env.IdentityPoolID != s.IdentityPoolID {
		t.Errorf("recorded %+v", a.Env)
	}
}

// TestUserPoolOnly imports a pool without an identity pool.
func TestUserPoolOnly(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, "import", "auth", "--user-pool-only", "--user-pool-id", s.UserPoolID,
		"--web-client-id", s.WebClientID, "--native-client-id", s.NativeClientID)
	mustRun(t, dir, env, "push", "--yes")
	exports := readFile(t, dir, "src/aws-exports.js")
	if strings.Contains(exports, "aws_cognito_identity_pool_id") || !strings.Contains(exports, s.UserPoolID) {
		t.Errorf("user-pool-only aws-exports.js:\n%s", exports)
	}
	if a := loadAuth(t, dir); a.Parameters.AuthSelections != project.UserPoolOnly {
		t.Errorf("authSelections = %q", a.Parameters.AuthSelections)
	}
}

// TestSecondImportRefused: one auth resource per project; the error says how to unlink.
func TestSecondImportRefused(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	args := []string{"import", "auth", "--user-pool-only", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID}
	mustRun(t, dir, env, args...)
	before := treeHash(t, dir)
	r := runAmpgo(t, dir, env, "", args...)
	if r.code != 1 || !strings.Contains(r.stderr, "ampgo remove auth") {
		t.Errorf("want exit 1 with the unlink hint, got %d:\n%s", r.code, r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Error("refused import changed project files")
	}
}

// TestLocked: a second ampgo in the same project fails clearly.
func TestLocked(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	release, err := project.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	r := runAmpgo(t, dir, env, "", "status")
	if r.code == 0 || !strings.Contains(r.stderr, "another ampgo") {
		t.Errorf("want a lock error, got %d:\n%s", r.code, r.stderr)
	}
}

// TestNoCredentials: init checks credentials with STS and exits 4 with a fix.
func TestNoCredentials(t *testing.T) {
	parallel(t)
	env := append(ampgoEnv(t, moto.URL()), "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=")
	dir := t.TempDir()
	r := runAmpgo(t, dir, env, "", "init", "--project", "acmeapp", "--yes")
	if r.code != 4 || !strings.Contains(r.stderr, "Fix:") {
		t.Fatalf("want exit 4 with a fix, got %d:\n%s", r.code, r.stderr)
	}
	if treeHash(t, dir) != "" {
		t.Error("init without credentials wrote files")
	}
}

// TestInitRefusesExisting: init never overwrites a project.
func TestInitRefusesExisting(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	before := treeHash(t, dir)
	r := runAmpgo(t, dir, env, "", "init", "--project", "other", "--yes")
	if r.code == 0 || !strings.Contains(r.stderr, "already") {
		t.Errorf("want refusal, got %d:\n%s", r.code, r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Error("refused init changed files")
	}
}

func loadAuth(t *testing.T, dir string) *project.ImportedAuth {
	t.Helper()
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := p.ImportedAuth()
	if !ok {
		t.Fatal("no imported auth recorded")
	}
	return a
}
