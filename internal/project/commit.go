package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// commit writes files and removes folders as one transaction:
//
//  1. prepare: every new content goes to a synced temp file next to its
//     target, and the current content of each target is kept in memory. A
//     failure here removes the temp files; no project file was touched.
//  2. swap: each temp file is renamed over its target and each folder to
//     delete is renamed into a trash folder. A failure here puts back what
//     was already swapped (old bytes, moved folders) and removes the rest.
//  3. cleanup: trash folders are deleted. Nothing can be rolled back any
//     more, so errors are ignored (a leftover trash folder is hidden and
//     harmless).
//
// Each rename is atomic; only a crash of the machine in the middle of step 2,
// a few renames long, can leave a mix of old and new files.
func commit(writes []fileWrite, removeDirs []string) error {
	st, err := prepare(writes)
	if err != nil {
		return err
	}
	moved, err := swap(st, removeDirs)
	if err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, s := range st {
		dirs[filepath.Dir(s.path)] = true
	}
	for _, m := range moved {
		_ = os.RemoveAll(m.trash)
		dirs[filepath.Dir(m.path)] = true
	}
	for d := range dirs {
		syncDir(d)
	}
	return nil
}

func prepare(writes []fileWrite) ([]*staged, error) {
	st := make([]*staged, 0, len(writes))
	for _, w := range writes {
		s := &staged{fileWrite: w, oldPerm: w.perm}
		old, err := os.ReadFile(w.path)
		switch {
		case err == nil:
			s.existed, s.old = true, old
			if fi, err := os.Stat(w.path); err == nil {
				s.oldPerm = fi.Mode().Perm()
			}
		case !errors.Is(err, fs.ErrNotExist):
			discard(st)
			return nil, fmt.Errorf("read %s: %w", w.path, err)
		}
		// Keep the mode of an existing file (a user may have made it 0600).
		s.tmp, s.created, err = writeTemp(w.path, w.data, s.oldPerm)
		if err != nil {
			discard(st)
			return nil, err
		}
		st = append(st, s)
	}
	return st, nil
}

func swap(st []*staged, removeDirs []string) ([]movedDir, error) {
	for _, s := range st {
		if err := rename(s.tmp, s.path, s.path); err != nil {
			return nil, rollback(st, nil, fmt.Errorf("replace %s: %w", s.path, err))
		}
		s.renamed = true
	}
	var moved []movedDir
	for _, dir := range removeDirs {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		trash, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+trashPattern)
		if err != nil {
			return nil, rollback(st, moved, fmt.Errorf("remove %s: %w", dir, err))
		}
		m := movedDir{path: dir, trash: trash}
		if err := rename(dir, filepath.Join(trash, filepath.Base(dir)), dir); err != nil {
			_ = os.Remove(trash)
			return nil, rollback(st, moved, fmt.Errorf("remove %s: %w", dir, err))
		}
		moved = append(moved, m)
	}
	return moved, nil
}

// rename renames from to to; subject is the project path it changes (the
// file replaced or the folder removed), for the test hook.
func rename(from, to, subject string) error {
	if beforeRename != nil {
		if err := beforeRename(subject); err != nil {
			return err
		}
	}
	return os.Rename(from, to)
}

// rollback undoes a failed swap and returns cause joined with anything that
// could not be undone.
func rollback(st []*staged, moved []movedDir, cause error) error {
	errs := []error{cause}
	for i := len(moved) - 1; i >= 0; i-- {
		m := moved[i]
		if err := os.Rename(filepath.Join(m.trash, filepath.Base(m.path)), m.path); err != nil {
			errs = append(errs, fmt.Errorf("restore %s: %w", m.path, err))
			continue
		}
		_ = os.Remove(m.trash)
	}
	for i := len(st) - 1; i >= 0; i-- {
		s := st[i]
		if !s.renamed {
			continue
		}
		var err error
		if s.existed {
			err = WriteFileAtomic(s.path, s.old, s.oldPerm)
		} else {
			err = os.Remove(s.path)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("restore %s: %w", s.path, err))
		}
	}
	discard(st)
	return errors.Join(errs...)
}

// discard removes the temp files that were not renamed and the folders made
// for them.
func discard(st []*staged) {
	for i := len(st) - 1; i >= 0; i-- {
		if !st[i].renamed {
			_ = os.Remove(st[i].tmp)
		}
		removeCreated(st[i].created)
	}
}
