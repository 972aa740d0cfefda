package testenv

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// JSCheckDir is tools/amplify-js-check, relative to the repository root: a
// Node script that loads a config file with the real aws-amplify v6 library.
const JSCheckDir = "tools/amplify-js-check"

// AmplifyJSCheck returns the node binary and the absolute folder of the
// aws-amplify library check, for a test that runs its check.mjs. Tests never
// install anything: `make deps` (tools/ensure-deps.sh node) runs npm ci, and
// `make test` runs it first. Without node, or with packages missing or
// older than package-lock.json, the test fails (never skips, so the check
// cannot silently vanish) with a message naming `make deps`.
func AmplifyJSCheck(t testing.TB) (node, dir string) {
	t.Helper()
	return nodeTool(t, JSCheckDir, "aws-amplify library check", false)
}

// nodeTool returns node and the absolute folder of the Node tool at rel
// (relative to the repository root) once `make deps` has installed its
// packages. Without them the test fails naming `make deps`; with
// skipOutsideCI it is skipped instead unless CI is set.
func nodeTool(t testing.TB, rel, what string, skipOutsideCI bool) (node, dir string) {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(root, filepath.FromSlash(rel))
	missing := ""
	node, err = exec.LookPath("node")
	if err != nil {
		missing = "node is not installed; install Node.js 20+ and npm"
	} else if err := jsCheckInstalled(dir); err != nil {
		missing = err.Error()
	}
	if missing != "" {
		if skipOutsideCI && os.Getenv("CI") == "" {
			t.Skipf("%s: %s; run `make deps`", what, missing)
		}
		t.Fatalf("%s: %s; run `make deps`", what, missing)
	}
	return node, dir
}

// jsCheckInstalled reports whether npm ci has installed dir's packages from
// its current package-lock.json: node_modules/.package-lock.json exists and
// the marker .installed-lock, which tools/ensure-deps.sh writes after npm ci,
// equals package-lock.json.
func jsCheckInstalled(dir string) error {
	lock, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return fmt.Errorf("read the lock file: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json")); err != nil {
		return fmt.Errorf("the packages of %s are not installed", JSCheckDir)
	}
	installed, err := os.ReadFile(filepath.Join(dir, ".installed-lock"))
	if errors.Is(err, os.ErrNotExist) || (err == nil && !bytes.Equal(installed, lock)) {
		return fmt.Errorf("the packages of %s were not installed from its current package-lock.json", JSCheckDir)
	}
	if err != nil {
		return fmt.Errorf("read the install marker: %w", err)
	}
	return nil
}
