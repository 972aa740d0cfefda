package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// beforeRename, when a test sets it, runs before each rename of a commit; an
// error makes the commit fail as if that rename had failed.
var beforeRename func(path string) error

// tempPattern names temp files "<.name>.ampgo-tmp-<random>"; the .gitignore
// block written by Init ignores leftovers of a crash.
const tempPattern = ".ampgo-tmp-*"

// trashPattern names the folders that removed resource folders are moved
// into before they are deleted (see commit).
const trashPattern = ".ampgo-trash-*"

// WriteFileAtomic replaces path with data so that readers see the old or the
// new content, never a partial file: it writes a temp file in the same
// folder, syncs it to disk and renames it over path (DESIGN.md §1 promise 3).
// Missing parent folders are created. All file writes of ampgo, including the
// generated client config, go through this package.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, created, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		removeCreated(created)
		return fmt.Errorf("replace %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeTemp writes data to a synced temp file next to path and returns its
// name and the folders it had to create.
func writeTemp(path string, data []byte, perm os.FileMode) (string, []string, error) {
	dir := filepath.Dir(path)
	created, err := mkdirs(dir)
	if err != nil {
		return "", nil, fmt.Errorf("create folder %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+tempPattern)
	if err != nil {
		removeCreated(created)
		return "", nil, fmt.Errorf("create temp file for %s: %w", path, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		removeCreated(created)
		return "", nil, fmt.Errorf("write temp file for %s: %w", path, err)
	}
	return f.Name(), created, nil
}

// mkdirs is os.MkdirAll that returns the folders it created, outermost first,
// so a failed transaction can take them away again.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append([]string{d}, missing...)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return missing, nil
}

// removeCreated removes folders made by mkdirs, innermost first, as long as
// they are empty.
func removeCreated(dirs []string) {
	for i := len(dirs) - 1; i >= 0; i-- {
		if os.Remove(dirs[i]) != nil {
			return
		}
	}
}

// syncDir makes a rename durable. Errors are ignored: some file systems
// cannot sync a folder, and the rename itself already happened.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// fileWrite is one file of a transaction.
type fileWrite struct {
	path string // absolute
	data []byte
	perm os.FileMode // used when the file is new
}

// staged is a fileWrite whose temp file is on disk, with what it replaces.
type staged struct {
	fileWrite
	tmp     string
	created []string
	old     []byte
	oldPerm os.FileMode
	existed bool
	renamed bool
}

// movedDir is a folder moved into a trash folder, waiting to be deleted.
type movedDir struct {
	path, trash string
}
