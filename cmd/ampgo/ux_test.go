package main

import (
	"encoding/json"
	"os"
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
