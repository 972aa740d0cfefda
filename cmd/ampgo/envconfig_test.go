package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv"
)

// shippedFiles are the JavaScript client config files a build ships.
var shippedFiles = []string{"src/aws-exports.js", "src/amplifyconfiguration.json"}

// readShipped reads shippedFiles of dir.
func readShipped(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, rel := range shippedFiles {
		out[rel] = readFile(t, dir, rel)
	}
	return out
}

// TestEnvCheckoutReadsDeployedOutputs (issue 11 item 1): the client config
// of an env is read from its stack, not remembered. A fresh clone (only
// the files git would commit: no amplify-meta.json, no
// #current-cloud-backend) running the CI step gets the same config as the
// machine that pushed, bucket included; an env whose stack lacks the
// storage fails headless (exit 3) naming what is missing and `ampgo push`,
// unless --allow-incomplete.
func TestEnvCheckoutReadsDeployedOutputs(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir, _ := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read", "--guest-access", "read")
	mustRun(t, dir, env, "add", "function", "--name", "hello", "--auth-access", "read")
	mustRun(t, dir, env, "push", "--yes")
	pushed := readShipped(t, dir)
	if !strings.Contains(pushed["src/aws-exports.js"], `"aws_user_files_s3_bucket": "`) {
		t.Fatalf("push wrote no bucket:\n%s", pushed["src/aws-exports.js"])
	}
	mustRun(t, dir, env, "env", "add", "prod", "--yes") // recorded, never pushed
	mustRun(t, dir, env, "env", "checkout", "dev")
	same := func(where, dir string) {
		t.Helper()
		got := readShipped(t, dir)
		for _, rel := range shippedFiles {
			if got[rel] != pushed[rel] {
				t.Errorf("%s: %s differs from the one push wrote:\ngot\n%s\nwant\n%s", where, rel, got[rel], pushed[rel])
			}
		}
	}
	same("env checkout dev on the machine that pushed", dir)

	ci := append(env, "CI=true")
	clone := gitClone(t, dir)
	for _, rel := range []string{"amplify/backend/amplify-meta.json", "amplify/#current-cloud-backend", "src/aws-exports.js"} {
		if _, err := os.Stat(filepath.Join(clone, rel)); !os.IsNotExist(err) {
			t.Fatalf("%s is in the clone: it must not be committed", rel)
		}
	}
	calls.take()
	mustRun(t, clone, ci, "env", "checkout", "dev", "--yes")
	same("fresh clone env checkout dev --yes", clone)
	if ops := calls.take(); ops["DescribeStacks"] != 1 || ops["CreateStack"]+ops["UpdateStack"]+ops["DeleteStack"] > 0 {
		t.Errorf("checkout: want one DescribeStacks and no stack write, got %v", ops)
	}
	if r := mustRun(t, clone, ci, "generate", "config"); strings.Contains(r.stderr, "warning") {
		t.Errorf("generate config after checkout warned:\n%s", r.stderr)
	}
	same("fresh clone generate config", clone)
	if ops := calls.take(); total(ops) != 0 {
		t.Errorf("generate config with recorded outputs must stay offline, called %v", ops)
	}

	// prod has the storage and the function recorded but no stack.
	clone2 := gitClone(t, dir)
	r := runAmpgo(t, clone2, ci, "", "env", "checkout", "prod", "--yes")
	if r.code != 3 || !strings.Contains(r.stderr, "files") || !strings.Contains(r.stderr, "ampgo push") {
		t.Errorf("checkout of an env not deployed, headless: exit %d, want 3 naming the storage and `ampgo push`\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(clone2, "src/aws-exports.js")); !os.IsNotExist(err) {
		t.Errorf("a refused checkout wrote aws-exports.js (err %v)", err)
	}
	r = mustRun(t, clone2, ci, "env", "checkout", "prod", "--yes", "--allow-incomplete")
	if !strings.Contains(r.stderr, "warning") || !strings.Contains(r.stderr, "files") || !strings.Contains(r.stderr, "ampgo push") {
		t.Errorf("--allow-incomplete: want a warning naming the storage and `ampgo push`:\n%s", r.stderr)
	}
	if exports := readFile(t, clone2, "src/aws-exports.js"); strings.Contains(exports, "aws_user_files_s3_bucket") {
		t.Errorf("prod's config names a bucket it has not deployed:\n%s", exports)
	}
	// generate config has no recorded outputs for prod: it reads the stack
	// and decides the same way.
	calls.take()
	if r := runAmpgo(t, clone2, ci, "", "generate", "config"); r.code != 3 || !strings.Contains(r.stderr, "ampgo push") {
		t.Errorf("generate config of an env not deployed, headless: exit %d, want 3\n%s", r.code, r.stderr)
	}
	if ops := calls.take(); ops["DescribeStacks"] != 1 {
		t.Errorf("generate config without recorded outputs: want one DescribeStacks, got %v", ops)
	}
	if r := mustRun(t, clone2, ci, "generate", "config", "--allow-incomplete"); !strings.Contains(r.stderr, "warning") {
		t.Errorf("generate config --allow-incomplete: want a warning:\n%s", r.stderr)
	}
}
