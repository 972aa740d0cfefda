package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Hostile and broken projects (issue 10): names from disk never reach
// outside the project, a symlinked lock is never written through, broken
// files fail with exit 1 and are never rewritten, and read-only commands
// work in a read-only checkout.

const backendConfig = "amplify/backend/backend-config.json"

func writeHostile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A resource name in backend-config.json that climbs out of the project
// must not let `remove` delete a folder outside it.
func TestHostileRemoveVictimDir(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	for _, cat := range []string{"storage", "function"} {
		t.Run(cat, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "app")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			mustRun(t, dir, env, "init", "--project", "acmeapp", "--env", "dev", "--region", "us-east-1", "--yes")
			// amplify/backend/<cat>/../../../../victimdir is parent/victimdir.
			victim := filepath.Join(parent, "victimdir")
			writeHostile(t, filepath.Join(victim, "keep.txt"), "precious")
			bc := `{"` + cat + `":{"../../../../victimdir":{"service":"S3","providerPlugin":"awscloudformation","dependsOn":[]}}}`
			writeHostile(t, filepath.Join(dir, backendConfig), bc)
			r := runAmpgo(t, dir, env, "", "remove", cat, "--name", "../../../../victimdir", "--yes")
			if r.code != 1 || !strings.Contains(r.stderr, cat+`["../../../../victimdir"]`) || !strings.Contains(r.stderr, "Fix:") ||
				!strings.Contains(r.stderr, "git checkout -- "+backendConfig) {
				t.Errorf("remove %s: exit %d, stderr:\n%s\nwant exit 1 naming the file, key and fix", cat, r.code, r.stderr)
			}
			if got := readFile(t, "", filepath.Join(victim, "keep.txt")); got != "precious" {
				t.Errorf("victim changed: %q", got)
			}
			if got := readFile(t, "", filepath.Join(dir, backendConfig)); got != bc {
				t.Errorf("backend-config.json changed: %q", got)
			}
			if r := runAmpgo(t, dir, env, "", "status", "--offline"); r.code != 1 {
				t.Errorf("status: exit %d, want 1", r.code)
			}
		})
	}
}

// A lock file committed as a symbolic link is refused; its target is
// neither truncated nor written.
func TestHostileSymlinkedLock(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	target := filepath.Join(t.TempDir(), "victim")
	writeHostile(t, target, "precious\n")
	lock := filepath.Join(dir, "amplify", ".config", "ampgo.lock")
	_ = os.Remove(lock)
	if err := os.Symlink(target, lock); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"env", "list"}, {"status", "--offline"}, {"env", "checkout", "dev", "--yes"}} {
		r := runAmpgo(t, dir, env, "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, "symbolic link") || !strings.Contains(r.stderr, "Fix:") {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 1 refusing the link", args, r.code, r.stderr)
		}
		if got := readFile(t, "", target); got != "precious\n" {
			t.Fatalf("%v wrote through the lock link: target is %q", args, got)
		}
	}
}

// A backend-config.json that is null, an array or garbage fails every
// command with exit 1 and is never rewritten.
func TestHostileBrokenBackendConfig(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	for _, data := range []string{"null", "[]", `"x"`, "{garbage", `{"storage":null}`} {
		writeHostile(t, filepath.Join(dir, backendConfig), data)
		for _, args := range [][]string{
			{"status", "--offline"}, {"status"}, {"push", "--yes"},
			{"add", "storage", "--name", "files", "--auth-access", "read", "--yes"},
		} {
			r := runAmpgo(t, dir, env, "", args...)
			if r.code != 1 || !strings.Contains(r.stderr, backendConfig) || !strings.Contains(r.stderr, "Fix:") {
				t.Errorf("%s with %v: exit %d, stderr:\n%s\nwant exit 1 naming the file", data, args, r.code, r.stderr)
			}
			if got := readFile(t, "", filepath.Join(dir, backendConfig)); got != data {
				t.Fatalf("%v rewrote backend-config.json %s as %q", args, data, got)
			}
		}
	}
}

// Read-only commands work in a read-only checkout. As root, permissions do
// not apply, so the commands run as nobody there.
func TestHostileReadOnlyCheckout(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	_ = os.Remove(filepath.Join(dir, "amplify", ".config", "ampgo.lock")) // a fresh clone has none
	bin := ampgoBin
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		binDir, err := os.MkdirTemp("", "ampgo-ro-bin-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(binDir) })
		bin = filepath.Join(binDir, "ampgo")
		data, err := os.ReadFile(ampgoBin)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(binDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for d := dir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
			_ = os.Chmod(d, 0o755)
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	before := treeHash(t, dir)
	if err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chmod(p, info.Mode().Perm()&^0o222)
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil {
				_ = os.Chmod(p, info.Mode().Perm()|0o200)
			}
			return nil
		})
	})
	for _, args := range [][]string{{"status", "--offline"}, {"env", "list"}, {"generate", "config", "--format", "outputs", "--out", "-"}} {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, append(env, "HOME=/nonexistent")
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			// generate config needs a push first: that refusal is fine, a
			// lock or permission failure is not.
			if strings.Contains(string(out), "lock") || strings.Contains(string(out), "permission denied") || !strings.Contains(strings.Join(args, " "), "generate") {
				t.Errorf("%v in a read-only checkout: %v\n%s", args, err, out)
			}
		}
	}
	// A write in the same checkout must be refused by the file system (the
	// check that the checkout really is read-only for the runs above).
	cmd := exec.Command(bin, "env", "checkout", "dev", "--yes")
	cmd.Dir, cmd.Env = dir, env
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	if err := cmd.Run(); err == nil {
		t.Error("env checkout succeeded in a read-only checkout: the test setup is not read-only")
	}
	if after := treeHash(t, dir); after != before {
		t.Error("a read-only command changed the project")
	}
}
