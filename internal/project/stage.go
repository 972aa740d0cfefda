package project

import (
	"bytes"
	"fmt"
	"os"
	"sort"
)

// StageFile adds a generated file, such as the client config, to the next
// Save, so that it is written in the same transaction as the project files
// (a push that fails leaves neither half-done). rel is a slash path relative
// to the root and must stay inside it. A file whose content is already data
// is not rewritten. Staging the same path again replaces the earlier data.
func (p *Project) StageFile(rel string, data []byte, perm os.FileMode) error {
	clean, err := cleanInside(rel)
	if err == nil && clean == "." {
		err = &OutsideError{Rel: rel}
	}
	if err == nil {
		_, err = p.SafePath(clean)
	}
	if err != nil {
		return fmt.Errorf("stage file %s: %w", rel, err)
	}
	if p.staged == nil {
		p.staged = map[string]fileWrite{}
	}
	p.staged[clean] = fileWrite{path: p.Path(clean), data: append([]byte(nil), data...), perm: perm}
	return nil
}

// stagedWrites returns the staged files whose content differs from disk,
// sorted by path.
func (p *Project) stagedWrites() []fileWrite {
	rels := make([]string, 0, len(p.staged))
	for rel := range p.staged {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	var writes []fileWrite
	for _, rel := range rels {
		w := p.staged[rel]
		if old, err := readCapped(w.path, rel); err == nil && bytes.Equal(old, w.data) {
			continue
		}
		writes = append(writes, w)
	}
	return writes
}
