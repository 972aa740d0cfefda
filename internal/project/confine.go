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

// ErrOutsideProject means a path would leave the project root, by its name
// ("../x") or through a symbolic link.
var ErrOutsideProject = errors.New("path leaves the project")

// OutsideError is a path ampgo refused to touch because it is not inside the
// project (DESIGN.md §1 promise 6).
type OutsideError struct {
	Rel    string // the project path asked for
	Target string // where it really leads, when a link was followed
}

// Error describes the problem.
func (e *OutsideError) Error() string {
	if e.Target != "" {
		return fmt.Sprintf("refuse %s: it leads outside the project (to %s) through a symbolic link", e.Rel, e.Target)
	}
	return fmt.Sprintf("refuse %s: not a path inside the project", e.Rel)
}

// Is makes errors.Is(err, ErrOutsideProject) true.
func (e *OutsideError) Is(target error) bool { return target == ErrOutsideProject }

// ExitCode is 1: the project (or its folder) is not as ampgo expects.
func (e *OutsideError) ExitCode() int { return 1 }

// Hint says what to do.
func (e *OutsideError) Hint() string {
	return "replace the symbolic link (or the path in the project files) with a folder or file inside the project; ampgo never reads or writes outside it"
}

// cleanInside cleans a slash path relative to the root and refuses one that
// is absolute or climbs out.
func cleanInside(rel string) (string, error) {
	clean := path.Clean(strings.ReplaceAll(rel, "\\", "/"))
	if path.IsAbs(clean) || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "" ||
		clean == ".." || strings.HasPrefix(clean, "../") {
		return "", &OutsideError{Rel: rel}
	}
	return clean, nil
}

// SafePath returns the absolute path of rel (a slash path relative to the
// root) after checking that it stays inside the project: the name may not
// climb out, and the deepest part of it that exists, with every symbolic
// link resolved, must still be inside the (resolved) root. A symbolic link
// inside the project that points elsewhere inside is fine. Every read,
// write and removal of this package goes through it; other packages that
// read project paths (function code, existing client config) should too.
func (p *Project) SafePath(rel string) (string, error) {
	clean, err := cleanInside(rel)
	if err != nil {
		return "", err
	}
	abs := filepath.Join(p.root, filepath.FromSlash(clean))
	if clean == "." {
		return abs, nil
	}
	real, err := p.realRoot()
	if err != nil {
		return "", err
	}
	// Find the deepest existing part; a missing tail is created by ampgo
	// itself, inside whatever the existing part resolves to.
	existing := abs
	for {
		if _, err := os.Lstat(existing); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("check %s: %w", clean, err)
		}
		parent := filepath.Dir(existing)
		if parent == existing || len(parent) < len(p.root) {
			return abs, nil
		}
		existing = parent
	}
	resolved, err := filepath.EvalSymlinks(existing)
	if err != nil {
		// A dangling link: where it leads cannot be checked.
		return "", &OutsideError{Rel: clean, Target: "a missing target"}
	}
	if !within(real, resolved) {
		return "", &OutsideError{Rel: clean, Target: resolved}
	}
	return abs, nil
}

// realRoot is the root with symbolic links resolved, computed once.
func (p *Project) realRoot() (string, error) {
	if p.resolvedRoot != "" {
		return p.resolvedRoot, nil
	}
	r, err := filepath.EvalSymlinks(p.root)
	if err != nil {
		return "", fmt.Errorf("resolve project root %s: %w", p.root, err)
	}
	p.resolvedRoot = r
	return r, nil
}

// within reports whether p is root or below it (both clean and absolute).
func within(root, p string) bool {
	if p == root {
		return true
	}
	return strings.HasPrefix(p, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}

// safeAbs is SafePath for an absolute path that the package built from
// the root (a write or removal target).
func (p *Project) safeAbs(abs string) error {
	rel, err := filepath.Rel(p.root, abs)
	if err != nil {
		return &OutsideError{Rel: abs}
	}
	_, err = p.SafePath(filepath.ToSlash(rel))
	return err
}
