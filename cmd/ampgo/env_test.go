package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/testenv"
)

// The environment tests use two regions: the project lives in us-east-1,
// and some environments use a setup seeded in eu-west-1 (moto keeps regions
// apart, as AWS does).
var envRegions = []string{"us-east-1", "eu-west-1"}

// seedIn creates a healthy setup in region.
func seedIn(t *testing.T, region string) *testenv.Setup {
	t.Helper()
	s, err := testenv.Seed(context.Background(), awsConfig(t, region), testenv.SetupOptions{})
	if err != nil {
		t.Fatalf("seed %s: %v", region, err)
	}
	return s
}

// snapshotRegions dumps everything ampgo must never change, in both regions.
func snapshotRegions(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, region := range envRegions {
		st, err := testenv.Snapshot(context.Background(), awsConfig(t, region), region)
		if err != nil {
			t.Fatalf("snapshot %s: %v", region, err)
		}
		fmt.Fprintf(&b, "== %s\n%s\n", region, st.JSON())
	}
	return b.String()
}

// setupVars are the Amplify Hosting variables of a setup; withNative false
// leaves AMPLIFY_NATIVECLIENT_ID out (it defaults to the web client).
func setupVars(s *testenv.Setup, withNative bool) []string {
	v := []string{"AMPLIFY_USERPOOL_ID=" + s.UserPoolID, "AMPLIFY_WEBCLIENT_ID=" + s.WebClientID,
		"AMPLIFY_IDENTITYPOOL_ID=" + s.IdentityPoolID}
	if withNative {
		v = append(v, "AMPLIFY_NATIVECLIENT_ID="+s.NativeClientID)
	}
	return v
}

// idsOf are the values of s that must (or must not) be in a client config.
func idsOf(s *testenv.Setup) []string {
	return []string{s.UserPoolID, s.WebClientID, s.IdentityPoolID, `"aws_cognito_region": "` + s.Region + `"`,
		s.Domain + ".auth." + s.Region + ".amazoncognito.com"}
}

// checkExports proves src/aws-exports.js is the config of want (in a project
// whose region for this env is projectRegion) and names nothing of other.
func checkExports(t *testing.T, dir, step, projectRegion string, want, other *testenv.Setup) {
	t.Helper()
	exports := readFile(t, dir, "src/aws-exports.js")
	for _, w := range append(idsOf(want), `"aws_project_region": "`+projectRegion+`"`) {
		if !strings.Contains(exports, w) {
			t.Errorf("%s: aws-exports.js lacks %q", step, w)
		}
	}
	for _, w := range []string{other.UserPoolID, other.WebClientID, other.IdentityPoolID, other.Domain} {
		if strings.Contains(exports, w) {
			t.Errorf("%s: aws-exports.js has %q of the other setup:\n%s", step, w, exports)
		}
	}
}

// envSummary is one entry of `ampgo env list --output json`.
type envSummary struct {
	Name    string `json:"name"`
	Region  string `json:"region"`
	Current bool   `json:"current"`
	Auth    *struct {
		UserPoolID     string `json:"userPoolId"`
		WebClientID    string `json:"webClientId"`
		NativeClientID string `json:"nativeClientId"`
		IdentityPoolID string `json:"identityPoolId"`
	} `json:"auth"`
}

func listEnvs(t *testing.T, dir string, env []string) map[string]envSummary {
	t.Helper()
	var list []envSummary
	if err := json.Unmarshal([]byte(mustRun(t, dir, env, "env", "list", "--output", "json").stdout), &list); err != nil {
		t.Fatalf("env list --output json: %v", err)
	}
	out := map[string]envSummary{}
	for _, e := range list {
		out[e.Name] = e
	}
	return out
}

// TestEnvAddCheckoutAcrossRegions adds environments in every headless way,
// switches back and forth with the config checked each time, lists and
// removes, and proves with a snapshot of both regions that nothing in moto
// changed.
func TestEnvAddCheckoutAcrossRegions(t *testing.T) {
	parallel(t)
	a, b := seedIn(t, "us-east-1"), seedIn(t, "eu-west-1")
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(a)...)
	mustRun(t, dir, env, "push", "--yes")
	before := snapshotRegions(t)

	r := mustRun(t, dir, env, "env", "add", "staging", "--yes")
	if !strings.Contains(r.stderr, "Using the same Cognito resources as dev") {
		t.Errorf("env add --yes does not say it reuses dev's resources:\n%s", r.stderr)
	}
	checkExports(t, dir, "add staging (reuse)", "us-east-1", a, b)

	// Cross-region: prod stays in the project's region, its pool is in eu-west-1.
	mustRun(t, dir, append(env, setupVars(b, false)...), "env", "add", "prod")
	checkExports(t, dir, "add prod (variables)", "us-east-1", b, a)

	cats := fmt.Sprintf(`{"auth":{"userPoolId":%q,"webClientId":%q,"nativeClientId":%q,"identityPoolId":%q}}`,
		b.UserPoolID, b.WebClientID, b.NativeClientID, b.IdentityPoolID)
	mustRun(t, dir, env, "env", "add", "qa", "--categories", cats)
	checkExports(t, dir, "add qa (--categories)", "us-east-1", b, a)

	mustRun(t, dir, env, "env", "add", "eu", "--region", "eu-west-1", "--user-pool-id", b.UserPoolID,
		"--web-client-id", b.WebClientID, "--native-client-id", b.NativeClientID, "--identity-pool-id", b.IdentityPoolID)
	checkExports(t, dir, "add eu (flags)", "eu-west-1", b, a)

	checkoutBackAndForth(t, dir, env, calls, a, b)

	list := listEnvs(t, dir, env)
	if len(list) != 5 || list["eu"].Region != "eu-west-1" || list["prod"].Auth.IdentityPoolID != b.IdentityPoolID ||
		list["staging"].Auth.UserPoolID != a.UserPoolID {
		t.Errorf("env list: %+v", list)
	}
	if text := mustRun(t, dir, env, "env", "list").stdout; !strings.Contains(text, "Environment") || !strings.Contains(text, b.UserPoolID) {
		t.Errorf("env list table:\n%s", text)
	}
	r = mustRun(t, dir, env, "env", "remove", "staging", "--yes")
	if !strings.Contains(r.stderr, "Not deleted: the imported Cognito resources") || r.stdout != "" {
		t.Errorf("env remove output:\nstdout %q\nstderr %s", r.stdout, r.stderr)
	}
	if r := runAmpgo(t, dir, env, "", "env", "remove", "dev", "--yes"); r.code != 2 || !strings.Contains(r.stderr, "current environment") {
		t.Errorf("removing the current env: exit %d\n%s", r.code, r.stderr)
	}
	if diff := cmp.Diff(before, snapshotRegions(t)); diff != "" {
		t.Errorf("AWS resources changed (-before +after):\n%s", diff)
	}
}

// checkoutBackAndForth switches between environments with different pools
// and checks the config and the API calls each time.
func checkoutBackAndForth(t *testing.T, dir string, env []string, calls *callCounter, a, b *testenv.Setup) {
	t.Helper()
	calls.take()
	for _, step := range []struct {
		env, region  string
		want, other  *testenv.Setup
		nativeClient string
	}{
		{"dev", "us-east-1", a, b, a.NativeClientID}, {"prod", "us-east-1", b, a, b.WebClientID},
		{"staging", "us-east-1", a, b, a.NativeClientID}, {"eu", "eu-west-1", b, a, b.NativeClientID},
		{"dev", "us-east-1", a, b, a.NativeClientID},
	} {
		mustRun(t, dir, env, "env", "checkout", step.env)
		ops := calls.take()
		t.Logf("env checkout %s: %d API calls %v", step.env, total(ops), ops)
		for op := range ops {
			if strings.HasPrefix(op, "List") && op != "ListIdentityProviders" {
				t.Errorf("checkout %s listed resources: %s", step.env, op)
			}
		}
		checkExports(t, dir, "checkout "+step.env, step.region, step.want, step.other)
		if e := listEnvs(t, dir, env)[step.env]; !e.Current || e.Auth == nil || e.Auth.NativeClientID != step.nativeClient {
			t.Errorf("env list after checkout %s: %+v", step.env, e)
		}
	}
}

// TestEnvCheckoutFreshCloneCI is the CI build step: only the committed files
// (cloned with git, so the .gitignore ampgo writes decides), CI=true, no
// terminal, and `ampgo env checkout prod --yes` writes prod's config.
func TestEnvCheckoutFreshCloneCI(t *testing.T) {
	parallel(t)
	a, b := seedIn(t, "us-east-1"), seedIn(t, "eu-west-1")
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(a)...)
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, append(env, setupVars(b, true)...), "env", "add", "prod")
	mustRun(t, dir, env, "env", "checkout", "dev")

	clone := gitClone(t, dir)
	for _, rel := range []string{"amplify/.config/local-env-info.json", "amplify/backend/amplify-meta.json",
		"amplify/#current-cloud-backend", "src/aws-exports.js"} {
		if _, err := os.Stat(filepath.Join(clone, rel)); !os.IsNotExist(err) {
			t.Errorf("%s is in the clone: it must not be committed", rel)
		}
	}
	ci := append(env, "CI=true")
	if list := listEnvs(t, clone, ci); list["prod"].Current || list["dev"].Current || list["prod"].Auth.UserPoolID != b.UserPoolID {
		t.Errorf("env list on a fresh clone: %+v", list)
	}
	r := mustRun(t, clone, ci, "env", "checkout", "prod", "--yes")
	checkExports(t, clone, "fresh clone checkout prod", "us-east-1", b, a)
	if r.stdout != "" {
		t.Errorf("checkout printed data on stdout: %q", r.stdout)
	}
	// The same build for dev, in a second fresh clone, without --yes.
	clone2 := gitClone(t, dir)
	mustRun(t, clone2, ci, "env", "checkout", "dev")
	checkExports(t, clone2, "fresh clone checkout dev", "us-east-1", a, b)
	// A branch with no committed environment: the Amplify Hosting variables
	// name its resources (the README's recipe).
	clone3 := gitClone(t, dir)
	mustRun(t, clone3, append(ci, setupVars(b, false)...), "env", "add", "preview", "--yes")
	checkExports(t, clone3, "fresh clone env add preview", "us-east-1", b, a)
}

// gitClone commits the project in a throwaway repository and clones it.
func gitClone(t *testing.T, dir string) string {
	t.Helper()
	git := func(in string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = in
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); os.IsNotExist(err) {
		git(dir, "init", "-q")
	}
	git(dir, "add", "-A")
	git(dir, "commit", "-q", "--allow-empty", "-m", "project")
	clone := filepath.Join(t.TempDir(), "clone")
	git(dir, "clone", "-q", dir, clone)
	return clone
}

// TestEnvAddInputErrors: missing and inconsistent inputs are refused with
// exit 2 or 3 and the right message, before anything is written.
func TestEnvAddInputErrors(t *testing.T) {
	parallel(t)
	a, b := seedIn(t, "us-east-1"), seedIn(t, "eu-west-1")
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(a)...)
	before := treeHash(t, dir)
	cases := []struct {
		name string
		vars []string
		args []string
		code int
		want []string
	}{
		{"identity pool missing", []string{"AMPLIFY_USERPOOL_ID=" + b.UserPoolID, "AMPLIFY_WEBCLIENT_ID=" + b.WebClientID}, nil,
			2, []string{"missing identity pool id", "AMPLIFY_IDENTITYPOOL_ID", "--identity-pool-id", "gives your users AWS credentials"}},
		{"web client of another pool", []string{"AMPLIFY_USERPOOL_ID=" + b.UserPoolID, "AMPLIFY_WEBCLIENT_ID=" + a.WebClientID,
			"AMPLIFY_IDENTITYPOOL_ID=" + b.IdentityPoolID}, nil,
			3, []string{a.WebClientID, "not an app client of this user pool", "do not meet the requirements"}},
		{"identity pool of another pool", []string{"AMPLIFY_USERPOOL_ID=" + b.UserPoolID, "AMPLIFY_WEBCLIENT_ID=" + b.WebClientID,
			"AMPLIFY_IDENTITYPOOL_ID=" + a.IdentityPoolID}, nil, 3, []string{a.IdentityPoolID, "fix:"}},
		{"pool that does not exist", []string{"AMPLIFY_USERPOOL_ID=eu-west-1_doesnotexist", "AMPLIFY_WEBCLIENT_ID=" + b.WebClientID,
			"AMPLIFY_IDENTITYPOOL_ID=" + b.IdentityPoolID}, nil, 3, []string{"eu-west-1_doesnotexist does not exist in region eu-west-1"}},
		{"pool id as web client", []string{"AMPLIFY_USERPOOL_ID=" + b.UserPoolID, "AMPLIFY_WEBCLIENT_ID=" + b.UserPoolID,
			"AMPLIFY_IDENTITYPOOL_ID=" + b.IdentityPoolID}, nil, 2, []string{"is not a valid app client id (this is a user pool id)"}},
		{"no inputs and no terminal", nil, nil, 2, []string{"missing --yes", "same Cognito resources as dev"}},
		{"bad --categories", nil, []string{"--categories", `{"auth":{"userpoolId":"x"}}`}, 2, []string{`unknown key "userpoolId"`}},
		{"existing env", nil, []string{"--yes"}, 2, []string{"already exists"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := "prod"
			if c.name == "existing env" {
				name = "dev"
			}
			r := runAmpgo(t, dir, append(env, c.vars...), "", append([]string{"env", "add", name}, c.args...)...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d:\n%s", r.code, c.code, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("errors must go to stderr, stdout got %q", r.stdout)
			}
			if treeHash(t, dir) != before {
				t.Fatal("a refused env add changed project files")
			}
		})
	}
}

// TestEnvAddInteractive answers env add on a real terminal: yes (the
// default) reuses dev's resources; no runs the import walkthrough, here for
// a pool in another region.
func TestEnvAddInteractive(t *testing.T) {
	parallel(t)
	a, b := seedIn(t, "us-east-1"), seedIn(t, "eu-west-1")
	seedIn(t, "eu-west-1") // a second pool there, so there is a list to filter
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(a)...)

	scr, tty, cmd, _ := startPTY(t, dir, env, "env", "add", "staging")
	scr.waitFor(t, "Use the same Cognito resources as dev")
	type_(t, tty, "\r")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo env add staging: %v\nscreen:\n%s", err, scr.text())
	}
	checkExports(t, dir, "interactive add staging (reuse)", "us-east-1", a, b)

	scr, tty, cmd, _ = startPTY(t, dir, env, "env", "add", "prod", "--region", "eu-west-1")
	scr.waitFor(t, "Use the same Cognito resources as staging")
	type_(t, tty, "n")
	pickPoolAndNative(t, scr, tty, b)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo env add prod: %v\nscreen:\n%s", err, scr.text())
	}
	checkExports(t, dir, "interactive add prod (walkthrough)", "eu-west-1", b, a)
	if e := listEnvs(t, dir, env)["prod"]; e.Auth == nil || e.Auth.NativeClientID != b.NativeClientID || !e.Current {
		t.Errorf("prod after the walkthrough: %+v", e)
	}
}
