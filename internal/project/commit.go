package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// commit writes files and removes folders as one journaled transaction
// (DESIGN.md §1 promise 3):
//
//  1. prepare: every new content goes to a synced temp file next to its
//     target (the current content of each target is kept in memory), and
//     a trash folder is made next to each folder to remove. A crash here
//     leaves only temp and trash files, which the next command deletes
//     (see Recover): the old state.
//  2. journal: the list of renames is written to journalFile and synced.
//     From here on the transaction has happened: a crash leaves the
//     journal, and the next command completes it (roll forward).
//  3. swap: each temp file is renamed over its target and each folder to
//     remove into its trash folder. A failure that is not a crash (a
//     rename refused) rolls back through a journal of its own (see
//     rollback), so that a crash during the rollback is completed too.
//  4. cleanup: trash folders are deleted, then the journal.
//
// Every path has been checked by the caller to be inside the project.
func (p *Project) commit(writes []fileWrite, removeDirs []string) error {
	st, err := p.prepare(writes)
	if err != nil {
		return err
	}
	var moved []movedDir
	for _, dir := range removeDirs {
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		trash, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+trashPattern)
		if err == nil {
			err = crashPoint()
		}
		if err != nil {
			if errors.Is(err, errCrash) {
				return err
			}
			discard(st, moved)
			return fmt.Errorf("remove %s: %w", dir, err)
		}
		moved = append(moved, movedDir{path: dir, trash: trash})
	}
	j, err := p.newJournal(st, moved)
	if err != nil {
		discard(st, moved)
		return err
	}
	if err := p.writeJournal(j); err != nil {
		if !errors.Is(err, errCrash) {
			discard(st, moved)
		}
		return err
	}
	if err := p.swap(st, moved); err != nil {
		return err
	}
	for _, m := range moved {
		if err := os.RemoveAll(m.trash); err != nil {
			return nil // the journal stays; the next command deletes the trash
		}
		if err := crashPoint(); err != nil {
			return err
		}
	}
	return p.removeJournal()
}

// prepare writes the temp files.
func (p *Project) prepare(writes []fileWrite) ([]*staged, error) {
	st := make([]*staged, 0, len(writes))
	for _, w := range writes {
		s := &staged{fileWrite: w, oldPerm: w.perm}
		rel, _ := filepath.Rel(p.root, w.path)
		old, err := readCapped(w.path, filepath.ToSlash(rel))
		switch {
		case err == nil:
			s.existed, s.old = true, old
			if fi, err := os.Stat(w.path); err == nil {
				s.oldPerm = fi.Mode().Perm()
			}
		case !errors.Is(err, fs.ErrNotExist):
			discard(st, nil)
			return nil, fmt.Errorf("read %s: %w", w.path, err)
		}
		// Keep the mode of an existing file (a user may have made it 0600).
		s.tmp, s.created, err = writeTemp(w.path, w.data, s.oldPerm)
		if err == nil {
			st = append(st, s)
			err = crashPoint()
		}
		if err != nil {
			if !errors.Is(err, errCrash) {
				discard(st, nil)
			}
			return nil, err
		}
	}
	return st, nil
}

// swap does the renames of a journaled transaction.
func (p *Project) swap(st []*staged, moved []movedDir) error {
	for _, s := range st {
		if err := rename(s.tmp, s.path, s.path); err != nil {
			return p.rollback(st, moved, fmt.Errorf("replace %s: %w", s.path, err))
		}
		s.renamed = true
		if err := crashPoint(); err != nil {
			return err
		}
	}
	for i, m := range moved {
		if err := rename(m.path, filepath.Join(m.trash, filepath.Base(m.path)), m.path); err != nil {
			return p.rollback(st, moved[:i], fmt.Errorf("remove %s: %w", m.path, err), moved[i:]...)
		}
		if err := crashPoint(); err != nil {
			return err
		}
	}
	return nil
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

// rollback undoes a swap that failed without a crash. It replaces the
// journal with one that puts the old state back (old bytes in new temp
// files, created files deleted, moved folders restored) and applies it, so
// a crash in the middle is completed by the next command like any other
// journal. notMoved are trash folders whose folder was not moved yet. It
// returns cause joined with anything that could not be undone.
func (p *Project) rollback(st []*staged, moved []movedDir, cause error, notMoved ...movedDir) error {
	errs := []error{cause}
	j := &journal{Version: journalVersion}
	for _, s := range st {
		if !s.renamed {
			continue // its temp file goes once the rollback journal is written
		}
		if !s.existed {
			j.Ops = append(j.Ops, journalOp{Op: opDelete, Target: p.rel(s.path)})
			continue
		}
		tmp, _, err := writeTemp(s.path, s.old, s.oldPerm)
		if err != nil {
			errs = append(errs, fmt.Errorf("restore %s: %w", s.path, err))
			continue
		}
		j.Ops = append(j.Ops, journalOp{Op: opWrite, Target: p.rel(s.path), Temp: p.rel(tmp), Existed: true})
	}
	for i := len(moved) - 1; i >= 0; i-- {
		j.Ops = append(j.Ops, journalOp{Op: opRestore, Target: p.rel(moved[i].path), Trash: p.rel(moved[i].trash)})
	}
	if err := p.writeJournal(j); err != nil {
		return errors.Join(append(errs, fmt.Errorf("roll back: %w", err))...)
	}
	// Only now: until the rollback journal is written, a crash rolls the
	// commit journal forward, which needs these temp files.
	for _, s := range st {
		if !s.renamed {
			_ = os.Remove(s.tmp)
		}
	}
	for _, m := range notMoved {
		_ = os.Remove(m.trash)
	}
	if err := p.applyJournal(j); err != nil {
		return errors.Join(append(errs, fmt.Errorf("roll back (the next ampgo command completes it): %w", err))...)
	}
	for i := len(st) - 1; i >= 0; i-- {
		removeCreated(st[i].created)
	}
	if err := p.removeJournal(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// discard removes the temp files and trash folders of a transaction whose
// journal was not written, and the folders made for them.
func discard(st []*staged, moved []movedDir) {
	for _, m := range moved {
		_ = os.Remove(m.trash)
	}
	for i := len(st) - 1; i >= 0; i-- {
		if !st[i].renamed {
			_ = os.Remove(st[i].tmp)
		}
		removeCreated(st[i].created)
	}
}

// rel returns the slash path of abs relative to the root.
func (p *Project) rel(abs string) string {
	r, err := filepath.Rel(p.root, abs)
	if err != nil {
		return abs
	}
	return filepath.ToSlash(r)
}
