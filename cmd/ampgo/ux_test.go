package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv"
)

// TestStatusExitCode: `status --exit-code` exits 0 with nothing to push and
// no drift, 5 with a storage resource to push (text and JSON, the output
// unchanged) or with drift; push's refusal then shows status's drift table.
func TestStatusExitCode(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	if r := runAmpgo(t, dir, env, "", "status", "--exit-code"); r.code != 5 || !strings.Contains(r.stderr, "1 resource to push") {
		t.Errorf("status --exit-code with auth to import: want exit 5 naming it, got %d:\n%s", r.code, r.stderr)
	}
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "status", "--exit-code")
	mustRun(t, dir, env, "status", "--exit-code", "--output", "json")

	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read")
	plain := mustRun(t, dir, env, "status")
	r := runAmpgo(t, dir, env, "", "status", "--exit-code")
	if r.code != 5 || r.stdout != plain.stdout || !strings.Contains(r.stderr, "1 resource to push") {
		t.Errorf("status --exit-code with storage to add: want exit 5 and status's table, got %d:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = runAmpgo(t, dir, env, "", "status", "--exit-code", "--output", "json")
	var st struct{ Resources []struct{ Operation string } }
	if err := json.Unmarshal([]byte(r.stdout), &st); r.code != 5 || err != nil {
		t.Errorf("status --exit-code --output json: want exit 5 and JSON, got %d (%v):\n%s", r.code, err, r.stdout)
	}
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "status", "--exit-code")

	changeConsole(t, s, "https://new.example.com/")
	r = runAmpgo(t, dir, env, "", "status", "--exit-code")
	if r.code != 5 || !strings.Contains(r.stderr, "drifted settings") {
		t.Fatalf("status --exit-code with drift: want exit 5, got %d:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	_, table, ok := strings.Cut(r.stdout, "):\n")
	push := runAmpgo(t, dir, env, "", "push", "--yes")
	if !ok || push.code != 3 || !strings.Contains(push.stderr, table) || strings.Contains(push.stderr, `{"`) {
		t.Errorf("push refusal: want exit 3 with status's drift table and no raw JSON, got %d:\n%s\nstatus table:\n%s", push.code, push.stderr, table)
	}
}

// TestMistypedFlagSuggestion: a flag one typo away gets "did you mean",
// exit 2, before anything else runs.
func TestMistypedFlagSuggestion(t *testing.T) {
	t.Parallel()
	r := runAmpgo(t, t.TempDir(), append(os.Environ(), "CI="), "", "push", "--dryrun")
	if r.code != 2 || !strings.Contains(r.stderr, "Error: unknown flag: --dryrun\nFix: did you mean --dry-run?") {
		t.Errorf("push --dryrun: want exit 2 suggesting --dry-run, got %d:\n%s", r.code, r.stderr)
	}
}

// TestInitRegionFromEnvironment: a region that comes from AWS_REGION (not
// --region) is checked as --region is: a typo is exit 2 naming where it
// came from and the closest region, before any AWS call, and no project is
// written. A known one is recorded.
func TestInitRegionFromEnvironment(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := t.TempDir()
	r := runAmpgo(t, dir, append(env, "AWS_REGION=us-est-1"), "", "init", "--project", "shop", "--env", "dev", "--yes")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown region "us-est-1" (from AWS_REGION or the profile's region; pass --region to choose another)`) ||
		!strings.Contains(r.stderr, "did you mean us-east-1?") {
		t.Errorf("init with AWS_REGION=us-est-1: want exit 2 naming AWS_REGION and us-east-1, got %d:\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "amplify")); !os.IsNotExist(err) {
		t.Errorf("init wrote a project after refusing the region (stat: %v)", err)
	}
	mustRun(t, dir, append(env, "AWS_REGION=eu-west-1"), "init", "--project", "shop", "--env", "dev", "--yes")
	if got := readFile(t, dir, "amplify/team-provider-info.json"); !strings.Contains(got, `"Region": "eu-west-1"`) {
		t.Errorf("team-provider-info.json does not record eu-west-1 from AWS_REGION:\n%s", got)
	}
}
