package project

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockPoll is how often Lock retries while it waits for another command.
const lockPoll = 100 * time.Millisecond

// errBusy is tryLock's "someone else holds it".
var errBusy = errors.New("lock busy")

// LockedError is returned by Lock when another ampgo command holds the lock.
type LockedError struct {
	Root string
	Path string // the lock file
	PID  int    // process that holds it, when known
}

// Error describes the problem.
func (e *LockedError) Error() string {
	return fmt.Sprintf("another ampgo command is running in %s (lock %s); wait for it to finish", e.Root, e.Path)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Hint says what to do.
func (e *LockedError) Hint() string {
	who := "the other ampgo command"
	if e.PID > 0 {
		who += " (pid " + strconv.Itoa(e.PID) + ")"
	}
	return "wait for " + who + " to finish and retry, or stop it; " + lockReleaseNote
}

// Lock takes the project lock (LockFile under root) without waiting, so that
// a second ampgo in the same project fails clearly instead of changing the
// files at the same time (DESIGN.md §1 promise 3). Take it before Load and
// release it after Save. When another command holds it, the error is a
// *LockedError (ErrLocked). Without a project the error is ErrNoProject. A
// lock file that is a symbolic link (or not a regular file) is refused with
// a *LockFileError and never written.
//
// The lock file itself is never deleted: deleting it while another process
// waits on it would let two processes hold "the" lock at once.
func Lock(root string) (release func() error, err error) {
	return LockWait(context.Background(), root, 0)
}

// LockShared takes the lock for a command that only reads: any number of
// readers at once, none while a command that changes the project runs. It
// never writes the lock file, and in a read-only checkout, where the lock
// file cannot be created or opened, it takes no lock at all (no ampgo can
// change the project there either).
func LockShared(root string) (release func() error, err error) {
	return lockWait(context.Background(), root, 0, true)
}

// LockWait is Lock that retries for up to wait while another command holds
// the lock; ctx ends the wait early (Ctrl-C).
func LockWait(ctx context.Context, root string, wait time.Duration) (release func() error, err error) {
	return lockWait(ctx, root, wait, false)
}

func lockWait(ctx context.Context, root string, wait time.Duration, shared bool) (release func() error, err error) {
	path := filepath.Join(root, filepath.FromSlash(LockFile))
	// The folder of the lock must not lead outside the project.
	if p, err := newRootProject(root); err == nil {
		if _, err := p.SafePath(LockFile); err != nil {
			return nil, fmt.Errorf("lock project %s: %w", root, err)
		}
	}
	deadline := time.Now().Add(wait)
	for {
		release, err := tryLock(path, shared)
		if err == nil {
			return release, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &NoProjectError{Start: root}
		}
		if !errors.Is(err, errBusy) {
			return nil, fmt.Errorf("lock project %s: %w", root, err)
		}
		if wait <= 0 || !time.Now().Before(deadline) {
			return nil, &LockedError{Root: root, Path: path, PID: lockHolder(path)}
		}
		t := time.NewTimer(min(lockPoll, time.Until(deadline)))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("wait for lock %s: %w", path, ctx.Err())
		case <-t.C:
		}
	}
}

// LockFileError is a lock file ampgo refuses to open: a symbolic link (a
// cloned repository can commit one pointing at any file of the user), a
// hard link, or not a regular file.
type LockFileError struct {
	Path  string
	Found string
}

// Error describes the problem.
func (e *LockFileError) Error() string {
	return fmt.Sprintf("open lock %s: found %s, want a regular file; ampgo never follows or writes through it", e.Path, e.Found)
}

// ExitCode is 1.
func (e *LockFileError) ExitCode() int { return 1 }

// Hint says what to do: the lock file holds nothing of value.
func (e *LockFileError) Hint() string {
	return "delete it (rm " + e.Path + "; it holds no data, ampgo creates it again) and make sure it is not committed"
}

// lockHolder reads the pid the holder wrote into the lock file, or 0.
func lockHolder(path string) int {
	f, err := openLockFile(path, true)
	if err != nil {
		return 0
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 32))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return 0
	}
	return pid
}
