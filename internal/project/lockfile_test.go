//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
)

// A lock file that is a symbolic link, a hard link or not a regular file is
// refused, and the file it points at is never truncated or written (issue
// 10 item 3: `ampgo env list` wrote a pid into the link's target).
func TestLockFileRefused(t *testing.T) {
	tests := []struct {
		name  string
		plant func(t *testing.T, lock, victim string)
		want  string
	}{
		{"symlink", func(t *testing.T, lock, victim string) { must(t, os.Symlink(victim, lock)) }, "symbolic link"},
		{"dangling symlink", func(t *testing.T, lock, victim string) {
			must(t, os.Symlink(victim+".new", lock))
		}, "symbolic link"},
		{"hard link", func(t *testing.T, lock, victim string) { must(t, os.Link(victim, lock)) }, "hard links"},
		{"fifo", func(t *testing.T, lock, _ string) { must(t, syscall.Mkfifo(lock, 0o644)) }, "found a named pipe"},
		{"folder", func(t *testing.T, lock, _ string) { must(t, os.Mkdir(lock, 0o755)) }, ""},
	}
	for _, tt := range tests {
		for _, shared := range []bool{false, true} {
			name := tt.name + map[bool]string{false: "/exclusive", true: "/shared"}[shared]
			t.Run(name, func(t *testing.T) {
				root := newTestProject(t).Root()
				victim := filepath.Join(t.TempDir(), "victim")
				must(t, os.WriteFile(victim, []byte("precious\n"), 0o600))
				lock := filepath.Join(root, filepath.FromSlash(LockFile))
				_ = os.Remove(lock)
				tt.plant(t, lock, victim)
				var err error
				if shared {
					_, err = LockShared(root)
				} else {
					_, err = Lock(root)
				}
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("lock = %v, want an error containing %q", err, tt.want)
				}
				if exit.Code(err) != exit.Failure {
					t.Errorf("exit code %d, want 1", exit.Code(err))
				}
				if got, _ := os.ReadFile(victim); string(got) != "precious\n" {
					t.Errorf("victim changed to %q", got)
				}
				if _, err := os.Lstat(victim + ".new"); err == nil {
					t.Error("a dangling link's target was created")
				}
			})
		}
	}
}

// The lock's folder may not lead outside the project either.
func TestLockFolderOutside(t *testing.T) {
	root := newTestProject(t).Root()
	outside := t.TempDir()
	cfg := filepath.Join(root, "amplify", ".config")
	must(t, os.Rename(cfg, filepath.Join(outside, ".config")))
	must(t, os.Symlink(filepath.Join(outside, ".config"), cfg))
	if _, err := Lock(root); !errors.Is(err, ErrOutsideProject) {
		t.Fatalf("Lock = %v, want ErrOutsideProject", err)
	}
	if _, err := os.Stat(filepath.Join(outside, ".config", "ampgo.lock")); err == nil {
		t.Error("a lock file was created outside the project")
	}
}

// Readers share the lock; a writer excludes them and they exclude it.
func TestLockShared(t *testing.T) {
	root := newTestProject(t).Root()
	r1, err := LockShared(root)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := LockShared(root)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	if _, err := Lock(root); !errors.Is(err, ErrLocked) {
		t.Fatalf("writer beside readers: %v, want ErrLocked", err)
	}
	must(t, r1())
	must(t, r2())
	w, err := Lock(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockShared(root); !errors.Is(err, ErrLocked) {
		t.Fatalf("reader beside a writer: %v, want ErrLocked", err)
	}
	must(t, w())
}

// A reader never writes the lock file (no pid, no truncation).
func TestLockSharedDoesNotWrite(t *testing.T) {
	root := newTestProject(t).Root()
	lock := filepath.Join(root, filepath.FromSlash(LockFile))
	must(t, os.WriteFile(lock, []byte("12345\n"), 0o644))
	release, err := LockShared(root)
	if err != nil {
		t.Fatal(err)
	}
	must(t, release())
	if got, _ := os.ReadFile(lock); string(got) != "12345\n" {
		t.Errorf("lock file changed to %q", got)
	}
}

// OpenReadOnly completes an interrupted save when it can, like Open.
func TestOpenReadOnlyRecovers(t *testing.T) {
	base := pushedProject(t)
	root := cloneProject(t, base)
	done := cloneProject(t, base)
	saveWithCrash(t, done, 0)
	// Crash right after the journal is written (the first step after it).
	steps := 0
	saveWithCrashWhen(t, root, func() bool {
		steps++
		_, err := os.Stat(filepath.Join(root, filepath.FromSlash(journalFile)))
		return err == nil
	})
	if _, err := Load(root); err == nil {
		t.Fatal("Load read a project with an unfinished journal")
	}
	p, release, err := OpenReadOnly(root)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if len(p.Status()) == 0 {
		t.Error("no status rows")
	}
	if got, want := readTree(t, root), readTree(t, done); !equalTrees(got, want) {
		t.Error("OpenReadOnly did not complete the save")
	}
	checkNoStrays(t, root)
}

func saveWithCrashWhen(t *testing.T, root string, stop func() bool) {
	t.Helper()
	p := mustLoad(t, root)
	if err := pushChange(p); err != nil {
		t.Fatal(err)
	}
	crashAfter = stop
	defer func() { crashAfter = nil }()
	if err := p.Save(); !errors.Is(err, errCrash) {
		t.Fatalf("Save = %v, want the simulated crash", err)
	}
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if string(b[k]) != string(v) {
			return false
		}
	}
	return true
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
