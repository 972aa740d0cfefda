//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package project

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"sync"
)

// lockReleaseNote: without flock a crashed command leaves its lock file.
const lockReleaseNote = "if no ampgo command is running any more, delete the lock file"

// tryLock creates path exclusively (O_EXCL, which never follows a link). It
// is the fallback where flock is not available: a crashed command leaves the
// file behind, and the hint says to delete it. A shared lock only checks
// that no writer holds it; readers do not exclude each other.
func tryLock(path string, shared bool) (func() error, error) {
	if shared {
		if _, err := os.Lstat(path); err == nil {
			return nil, errBusy
		}
		return func() error { return nil }, nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errBusy
	}
	if err != nil {
		return nil, err
	}
	_, _ = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	var once sync.Once
	var rerr error
	return func() error {
		once.Do(func() {
			rerr = f.Close()
			if err := os.Remove(path); rerr == nil {
				rerr = err
			}
		})
		return rerr
	}, nil
}

// openLockFile opens the lock file for reading its pid.
func openLockFile(path string, _ bool) (*os.File, error) { return os.Open(path) }

// readOnlyErr reports whether err means the project cannot be written.
func readOnlyErr(err error) bool { return errors.Is(err, fs.ErrPermission) }
