package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Bounds of the walk that looks for leftovers of an interrupted save: deep
// and wide enough for any project ampgo writes, small enough that a huge
// node_modules-like tree under amplify/ cannot make every command slow.
const (
	maxStrayDepth   = 12
	maxStrayEntries = 200_000
)

// Recover completes or rolls back a save that was interrupted (kill -9,
// power loss): an unfinished journal is completed (roll forward: the
// transaction had happened once its journal was written), then temp files
// and trash folders of a save that never reached its journal are deleted
// (roll back). The caller must hold the exclusive lock. A journal that is
// not ampgo's (garbage, paths outside the project) is refused with a
// *FileError and nothing is changed.
func Recover(root string) error {
	p, err := newRootProject(root)
	if err != nil {
		return err
	}
	return p.recover()
}

func (p *Project) recover() error {
	j, err := p.readJournal()
	if err != nil {
		return err
	}
	if j != nil {
		if err := p.applyJournal(j); err != nil {
			return fmt.Errorf("complete the interrupted save of %s: %w", p.root, err)
		}
		if err := p.removeJournal(); err != nil {
			return err
		}
	}
	_, err = p.strays(true)
	return err
}

// NeedsRecovery reports whether an interrupted save left a journal or
// leftovers; a read-only command then takes the exclusive lock once to
// Recover before it reads.
func NeedsRecovery(root string) (bool, error) {
	p, err := newRootProject(root)
	if err != nil {
		return false, err
	}
	if _, err := os.Lstat(p.Path(journalFile)); err == nil {
		return true, nil
	}
	return p.strays(false)
}

// newRootProject is an empty Project at root, for path checks.
func newRootProject(root string) (*Project, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("open project %s: %w", root, err)
	}
	return newProject(abs), nil
}

// errUnfinished is Load's error when a journal is there: the files are
// between two states until Recover completes it.
type unfinishedError struct{ root string }

func (e *unfinishedError) Error() string {
	return fmt.Sprintf("read project %s: a save was interrupted and is not completed yet (%s)", e.root, journalFile)
}

// ExitCode is 1.
func (e *unfinishedError) ExitCode() int { return 1 }

// Hint says how to complete it.
func (e *unfinishedError) Hint() string {
	return "run any ampgo command that changes the project (for example `ampgo status` in a writable checkout) to complete it"
}

// strays finds (and, with remove, deletes) temp files and trash folders
// under amplify/ and in the folders of the generated files. It reports
// whether it found any.
func (p *Project) strays(remove bool) (bool, error) {
	found := false
	visit := func(abs string, d fs.DirEntry) error {
		name := d.Name()
		isTemp := d.Type().IsRegular() && isStrayName(name, tempPattern)
		isTrash := d.IsDir() && isStrayName(name, trashPattern)
		if !isTemp && !isTrash {
			return nil
		}
		found = true
		if !remove {
			return nil
		}
		if err := p.safeAbs(abs); err != nil {
			return err
		}
		if err := os.RemoveAll(abs); err != nil {
			return fmt.Errorf("delete leftover %s: %w", p.rel(abs), err)
		}
		return nil
	}
	amp := p.Path("amplify")
	entries := 0
	err := filepath.WalkDir(amp, func(abs string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
				return nil
			}
			return err
		}
		if entries++; entries > maxStrayEntries {
			return filepath.SkipAll
		}
		if abs == amp {
			return nil
		}
		if err := visit(abs, d); err != nil {
			return err
		}
		if d.IsDir() && (isStrayName(d.Name(), trashPattern) || strings.Count(p.rel(abs), "/") >= maxStrayDepth) {
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		return found, fmt.Errorf("look for leftovers of an interrupted save: %w", err)
	}
	for _, dir := range p.generatedDirs() {
		abs, err := p.SafePath(dir)
		if err != nil {
			continue // Load reports a folder outside the project
		}
		list, err := os.ReadDir(abs)
		if err != nil {
			continue
		}
		for _, d := range list {
			if err := visit(filepath.Join(abs, d.Name()), d); err != nil {
				return found, err
			}
		}
	}
	return found, nil
}

// generatedDirs are the folders outside amplify/ where a save writes: the
// root and the folders of the client config files.
func (p *Project) generatedDirs() []string {
	dirs := []string{"."}
	if _, err := p.loadFile(ProjectConfigFile); err == nil {
		for _, f := range p.Config().ClientConfigFiles() {
			if d := path.Dir(f); d != "." && !strings.HasPrefix(d, "amplify/") {
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// isStrayName reports whether name is ampgo's hidden temp or trash name.
func isStrayName(name, pattern string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, strings.TrimSuffix(pattern, "*"))
}
