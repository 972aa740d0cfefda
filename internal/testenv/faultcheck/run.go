package faultcheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Result is one finished (or killed) ampgo run.
type Result struct {
	Stdout, Stderr string
	Code           int  // -1 when the process was killed
	Hung           bool // killed by the run's own deadline
	Elapsed        time.Duration
}

// Run runs bin with args in dir, bounded by ctx: when ctx ends first the
// process is killed and the result says Hung. started, when set, gets the
// process as soon as it runs (the chaos runner kills it from the proxy;
// os.Process.Signal is safe after the process ended).
func Run(ctx context.Context, bin, dir string, env []string, stdin string, started func(*os.Process), args ...string) (Result, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, fmt.Errorf("start %s: %w", bin, err)
	}
	if started != nil {
		started(cmd.Process)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	hung := false
	select {
	case err = <-done:
	case <-ctx.Done():
		hung = true
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		err = <-done
	}
	r := Result{Stdout: out.String(), Stderr: errOut.String(), Hung: hung, Elapsed: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.Code = ee.ExitCode() // -1 when killed by a signal
	default:
		return r, fmt.Errorf("wait for %s: %w", bin, err)
	}
	return r, nil
}

// Workspace is a parent folder holding the project and things that must
// survive every command: a sentinel file and a victim folder next to it.
type Workspace struct {
	Parent, Project string
}

// NewWorkspace creates parent/{sentinel.txt,victim/,project/}.
func NewWorkspace(parent string) (*Workspace, error) {
	w := &Workspace{Parent: parent, Project: filepath.Join(parent, "project")}
	files := map[string]string{
		"sentinel.txt":        "ampgo must never touch this file\n",
		"victim/keep.txt":     "nor this folder\n",
		"victim/sub/deep.txt": "nor anything in it\n",
	}
	for name, body := range files {
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return nil, err
		}
	}
	return w, os.MkdirAll(w.Project, 0o755)
}

// Outside hashes everything in the parent folder but the project.
func (w *Workspace) Outside() (Tree, error) {
	return ReadTree(w.Parent, func(rel string) bool { return rel == "project" || strings.HasPrefix(rel, "project/") })
}

// CopyDir replaces dst with a copy of src (regular files and folders only;
// the lock file is left out). src's absolute path inside a file becomes
// dst's, as if the project had been made at dst.
func CopyDir(src, dst string) error {
	absSrc, err1 := filepath.Abs(src)
	absDst, err2 := filepath.Abs(dst)
	if err := errors.Join(err1, err2, os.RemoveAll(dst)); err != nil {
		return err
	}
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case info.IsDir():
			return os.MkdirAll(target, 0o755)
		case !info.Mode().IsRegular() || filepath.ToSlash(rel) == lockFile:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, bytes.ReplaceAll(b, []byte(absSrc), []byte(absDst)), info.Mode().Perm())
	})
}
