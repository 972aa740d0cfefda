package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// journalVersion is the only journal format there is.
const journalVersion = 1

// Journal operations. A commit writes opWrite and opRemove; a rollback
// writes opWrite (old bytes), opDelete and opRestore.
const (
	opWrite   = "write"   // rename Temp over Target, if Temp is still there
	opDelete  = "delete"  // delete the file Target (a rollback of a new file)
	opRemove  = "remove"  // move the folder Target into Trash, then delete Trash
	opRestore = "restore" // move Target back out of Trash, then delete Trash
)

// journal is journalFile: the renames of one transaction, in order. All
// paths are slash paths relative to the root.
type journal struct {
	Version int         `json:"version"`
	Ops     []journalOp `json:"ops"`
}

// journalOp is one step. Existed records whether a written target existed
// before, which is what a rollback needs to know.
type journalOp struct {
	Op      string `json:"op"`
	Target  string `json:"target"`
	Temp    string `json:"temp,omitempty"`
	Trash   string `json:"trash,omitempty"`
	Existed bool   `json:"existed,omitempty"`
}

// crashAfter, when a test sets it, is called after every step of a commit
// or recovery that changes the disk; when it returns true the commit stops
// right there, without cleanup or rollback, as kill -9 would stop it.
var crashAfter func() bool

// errCrash is the error of a commit stopped by crashAfter.
var errCrash = errors.New("simulated crash")

func crashPoint() error {
	if crashAfter != nil && crashAfter() {
		return errCrash
	}
	return nil
}

// newJournal describes a prepared transaction.
func (p *Project) newJournal(st []*staged, moved []movedDir) (*journal, error) {
	j := &journal{Version: journalVersion}
	for _, s := range st {
		j.Ops = append(j.Ops, journalOp{Op: opWrite, Target: p.rel(s.path), Temp: p.rel(s.tmp), Existed: s.existed})
	}
	for _, m := range moved {
		j.Ops = append(j.Ops, journalOp{Op: opRemove, Target: p.rel(m.path), Trash: p.rel(m.trash)})
	}
	return j, nil
}

// writeJournal writes j durably (temp file, sync, rename, sync folder): once
// it returns, the transaction it describes will happen.
func (p *Project) writeJournal(j *journal) error {
	data, err := render(j)
	if err != nil {
		return fmt.Errorf("encode journal: %w", err)
	}
	abs := p.Path(journalFile)
	tmp, _, err := writeTemp(abs, data, 0o644)
	if err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	if err := crashPoint(); err != nil {
		return err
	}
	if err := os.Rename(tmp, abs); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write journal: %w", err)
	}
	syncDir(filepath.Dir(abs))
	return crashPoint()
}

// removeJournal ends a transaction.
func (p *Project) removeJournal() error {
	abs := p.Path(journalFile)
	if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove journal %s: %w", journalFile, err)
	}
	syncDir(filepath.Dir(abs))
	return crashPoint()
}

// applyJournal does (or finishes) every step of j. Each step is idempotent,
// so applying a journal twice, or after a crash in the middle of applying
// it, gives the same result.
func (p *Project) applyJournal(j *journal) error {
	dirs := map[string]bool{}
	var trash []string
	for _, op := range j.Ops {
		target := p.Path(op.Target)
		dirs[filepath.Dir(target)] = true
		switch op.Op {
		case opWrite:
			tmp := p.Path(op.Temp)
			if fi, err := os.Lstat(tmp); err != nil || !fi.Mode().IsRegular() {
				continue // renamed already
			}
			if err := rename(tmp, target, target); err != nil {
				return fmt.Errorf("replace %s: %w", op.Target, err)
			}
		case opDelete:
			if fi, err := os.Lstat(target); err != nil || fi.IsDir() {
				continue
			}
			if err := os.Remove(target); err != nil {
				return fmt.Errorf("delete %s: %w", op.Target, err)
			}
		case opRemove:
			tr := p.Path(op.Trash)
			trash = append(trash, tr)
			if _, err := os.Lstat(target); err != nil {
				continue // moved already
			}
			if err := os.MkdirAll(tr, 0o755); err != nil {
				return fmt.Errorf("remove %s: %w", op.Target, err)
			}
			if err := rename(target, filepath.Join(tr, path.Base(op.Target)), target); err != nil {
				return fmt.Errorf("remove %s: %w", op.Target, err)
			}
		case opRestore:
			tr := p.Path(op.Trash)
			trash = append(trash, tr)
			from := filepath.Join(tr, path.Base(op.Target))
			if _, err := os.Lstat(from); err != nil {
				continue
			}
			if _, err := os.Lstat(target); err == nil {
				continue // never replace a folder that is there
			}
			if err := os.Rename(from, target); err != nil {
				return fmt.Errorf("restore %s: %w", op.Target, err)
			}
		}
		if err := crashPoint(); err != nil {
			return err
		}
	}
	for d := range dirs {
		syncDir(d)
	}
	for _, tr := range trash {
		if err := os.RemoveAll(tr); err != nil {
			return fmt.Errorf("delete %s: %w", p.rel(tr), err)
		}
		if err := crashPoint(); err != nil {
			return err
		}
	}
	return nil
}

// readJournal reads journalFile, or returns nil when there is none. A
// journal that is not exactly what commit writes (garbage, unknown ops, a
// path outside the project or not where ampgo puts its temp files) is
// refused as a whole and never followed.
func (p *Project) readJournal() (*journal, error) {
	abs, err := p.SafePath(journalFile)
	if err != nil {
		return nil, err
	}
	data, err := readCapped(abs, journalFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	bad := func(at, found string, err error) error {
		return &FileError{File: journalFile, Path: at, Found: found, Err: err}
	}
	if _, err := jsonobj.Parse(data); err != nil {
		return nil, bad("$", describeFile(data), err)
	}
	var j journal
	c := checker{file: journalFile}
	if err := c.decode("$", data, &j); err != nil {
		return nil, err
	}
	if j.Version != journalVersion {
		return nil, bad("$.version", fmt.Sprint(j.Version), fmt.Errorf("ampgo reads version %d", journalVersion))
	}
	for i, op := range j.Ops {
		if err := p.checkOp(op); err != nil {
			return nil, bad(fmt.Sprintf("$.ops[%d]", i), "", err)
		}
	}
	return &j, nil
}

// checkOp accepts only what commit and rollback write: a target that ampgo
// writes (under amplify/, or a generated client config file), its temp file
// or trash folder next to it with ampgo's name pattern, all inside the
// project with links resolved.
func (p *Project) checkOp(op journalOp) error {
	target, err := cleanInside(op.Target)
	if err != nil || target == "." {
		return fmt.Errorf("target %q is not a path inside the project", op.Target)
	}
	if target == journalFile || target == LockFile || target == ProjectConfigFile ||
		!(strings.HasPrefix(target, "amplify/") || generatedNames[path.Base(target)]) {
		return fmt.Errorf("target %q is not a file ampgo writes", op.Target)
	}
	side, pattern := "", ""
	switch op.Op {
	case opWrite:
		side, pattern = op.Temp, tempPattern
	case opRemove, opRestore:
		side, pattern = op.Trash, trashPattern
	case opDelete:
	default:
		return fmt.Errorf("unknown operation %q", op.Op)
	}
	paths := []string{target}
	if pattern != "" {
		clean, err := cleanInside(side)
		prefix := "." + path.Base(target) + strings.TrimSuffix(pattern, "*")
		if err != nil || path.Dir(clean) != path.Dir(target) || !strings.HasPrefix(path.Base(clean), prefix) {
			return fmt.Errorf("%q is not ampgo's temp file or trash folder for %q", side, op.Target)
		}
		paths = append(paths, clean)
	}
	for _, rel := range paths {
		if _, err := p.SafePath(rel); err != nil {
			return err
		}
	}
	return nil
}

// generatedNames are the files outside amplify/ that a save writes: the
// client config of every frontend and .gitignore.
var generatedNames = map[string]bool{
	"aws-exports.js": true, "amplifyconfiguration.json": true, "awsconfiguration.json": true,
	"amplifyconfiguration.dart": true, GenerationOutputsFile: true, ".gitignore": true,
}
