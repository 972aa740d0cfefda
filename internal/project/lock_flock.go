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

// tryLock takes an exclusive flock(2) on path without blocking. flock locks
// belong to the open file description, so the kernel drops the lock when
// the holder closes the file or dies for any reason (crash, kill -9, power
// loss): a stale lock cannot exist, and the lock file's mere presence means
// nothing. Two opens of the file in one process are two descriptions, so
// they exclude each other too.
func tryLock(path string) (func() error, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
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
	if f.Truncate(0) == nil {
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
