//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package project

import (
	"errors"
	"os"
	"strconv"
	"sync"
	"syscall"
)

// lockReleaseNote explains why there is never a stale lock here.
const lockReleaseNote = "the lock is released automatically when that process exits, even if it crashes, so there is no lock file to delete"

// tryLock takes an flock(2) on path without blocking: exclusive for a
// command that changes the project, shared for one that only reads. flock
// locks belong to the open file description, so the kernel drops the lock
// when the holder closes the file or dies for any reason (crash, kill -9,
// power loss): a stale lock cannot exist, and the lock file's mere presence
// means nothing. Two opens of the file in one process are two descriptions,
// so they exclude each other too.
//
// The file is opened with O_NOFOLLOW and must be a regular file with one
// link (checked on the open descriptor): a lock file committed as a
// symbolic link, or hard-linked to another file, is refused and never
// written (issue 10). A shared lock opens the file read-only and never
// writes it; when the file cannot be opened at all because the checkout is
// read-only, the reader proceeds without a lock (nothing can write there
// either) and release is a no-op.
func tryLock(path string, shared bool) (func() error, error) {
	f, err := openLockFile(path, shared)
	if shared && f == nil && err != nil && readOnlyErr(err) {
		return func() error { return nil }, nil
	}
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_EX
	if shared {
		how = syscall.LOCK_SH
	}
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errBusy
		}
		return nil, err
	}
	// The pid is only for the error message of the next command.
	if !shared && f.Truncate(0) == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	var once sync.Once
	var rerr error
	return func() error {
		once.Do(func() {
			rerr = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			if err := f.Close(); rerr == nil {
				rerr = err
			}
		})
		return rerr
	}, nil
}

// openLockFile opens (creating if needed) the lock file without following
// a symbolic link, and checks what it opened.
func openLockFile(path string, shared bool) (*os.File, error) {
	// O_NONBLOCK: opening a FIFO planted there must not hang; the type
	// check below refuses it.
	const safe = syscall.O_NOFOLLOW | syscall.O_CLOEXEC | syscall.O_NONBLOCK
	var f *os.File
	var err error
	if shared {
		f, err = os.OpenFile(path, os.O_RDONLY|safe, 0)
		if errors.Is(err, os.ErrNotExist) {
			f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|safe, 0o644)
		}
	} else {
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|safe, 0o644)
	}
	if errors.Is(err, syscall.ELOOP) {
		return nil, &LockFileError{Path: path, Found: "a symbolic link"}
	}
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		_ = f.Close()
		return nil, &LockFileError{Path: path, Found: fileKind(fi.Mode())}
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink != 1 {
		_ = f.Close()
		return nil, &LockFileError{Path: path, Found: "a file with " + strconv.Itoa(int(st.Nlink)) + " hard links"}
	}
	return f, nil
}

// readOnlyErr reports whether err means the lock file cannot be opened or
// created because the checkout (or file system) is read-only.
func readOnlyErr(err error) bool {
	return errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EPERM)
}
