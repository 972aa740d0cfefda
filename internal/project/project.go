// Package project is ampgo's on-disk state: the Amplify Gen 1 style project
// folder (DESIGN.md §3). It loads the files, changes them in memory, and
// saves every changed file atomically and as one transaction; it locks the
// project against a second ampgo, and manages environments. It never calls
// AWS.
package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// maxFindDepth is how many parent folders Find climbs.
const maxFindDepth = 8

// Project is a loaded project. Changes are made in memory and written by Save.
// A Project is not safe for concurrent use; take Lock before Load to keep
// other ampgo processes out.
type Project struct {
	root  string
	files map[string]*file // by slash path relative to root
	// removeDirs are slash paths of resource folders deleted on Save.
	removeDirs map[string]bool
	// staged are generated files (StageFile) written by the next Save.
	staged map[string]fileWrite
	// resolvedRoot is root with symbolic links resolved (see realRoot).
	resolvedRoot string
}

// file is one JSON file of the project.
type file struct {
	obj *jsonobj.Object
	// orig is the rendered form of obj as loaded or last saved (nil when the
	// file did not exist). Save writes a file only when its rendering
	// differs, so files ampgo did not change are never touched, even when
	// their formatting differs from ampgo's.
	orig []byte
}

func newProject(root string) *Project {
	return &Project{root: root, files: map[string]*file{}, removeDirs: map[string]bool{}}
}

// Root returns the absolute project root folder.
func (p *Project) Root() string { return p.root }

// Path returns the absolute path of a slash path relative to the root.
func (p *Project) Path(rel string) string { return filepath.Join(p.root, filepath.FromSlash(rel)) }

// Find looks for a project in start and up to maxFindDepth parent folders and
// returns its root.
func Find(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", fmt.Errorf("find project from %s: %w", start, err)
	}
	dir := abs
	for range maxFindDepth + 1 {
		if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(ProjectConfigFile))); err == nil && fi.Mode().IsRegular() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", &NoProjectError{Start: abs}
}

// Load reads the project at root. Files that are missing in a fresh clone
// (local-env-info.json, local-aws-info.json, amplify-meta.json,
// #current-cloud-backend) are treated as empty; CurrentEnv then reports that
// no environment is set.
func Load(root string) (*Project, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("load project %s: %w", root, err)
	}
	p := newProject(abs)
	// Never read files that are between two states: Recover (run by
	// every command that opens the project) completes the save first.
	if _, err := os.Lstat(p.Path(journalFile)); err == nil {
		return nil, &unfinishedError{root: abs}
	}
	found, err := p.loadFile(ProjectConfigFile)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &NoProjectError{Start: abs}
	}
	for _, rel := range []string{LocalEnvInfoFile, LocalAWSInfoFile, TeamProviderInfoFile,
		BackendConfigPath(BackendDir), MetaPath(BackendDir),
		BackendConfigPath(CurrentCloudBackendDir), MetaPath(CurrentCloudBackendDir)} {
		if _, err := p.loadFile(rel); err != nil {
			return nil, err
		}
	}
	for _, base := range []string{BackendDir, CurrentCloudBackendDir} {
		if err := p.loadParameters(base); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// loadFile reads one JSON file; it reports whether the file exists. The
// path must stay inside the project (SafePath), the file must be at most
// maxFileSize bytes and hold one JSON object; anything else is a
// *FileError. Its shape is checked by check, at the end of Load.
func (p *Project) loadFile(rel string) (bool, error) {
	abs, err := p.SafePath(rel)
	if err != nil {
		return false, err
	}
	data, err := readCapped(abs, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return false, err
		}
		return false, fmt.Errorf("read %s: %w", rel, err)
	}
	obj, err := jsonobj.Parse(data)
	if err != nil {
		return false, &FileError{File: rel, Path: "$", Found: describeFile(data), Err: err}
	}
	orig, err := render(obj)
	if err != nil {
		return false, fmt.Errorf("parse %s: %w", rel, err)
	}
	p.files[rel] = &file{obj: obj, orig: orig}
	if err := checkFile(rel, obj); err != nil {
		delete(p.files, rel)
		return false, err
	}
	return true, nil
}

// loadParameters reads parameters.json of every auth resource in the
// backend-config.json under base, and (in the backend) the settings file of
// every storage and function resource, so that a broken one fails at Load
// instead of passing `status` as "No Change".
func (p *Project) loadParameters(base string) error {
	bc := p.read(BackendConfigPath(base))
	for _, name := range bc.LookupObject(CategoryAuth).Keys() {
		if _, err := p.loadFile(ParametersPath(base, CategoryAuth, name)); err != nil {
			return err
		}
	}
	for _, name := range bc.LookupObject(CategoryAuth).Keys() {
		if _, err := p.loadFile(ResourceDir(base, CategoryAuth, name) + "/" + managedAuthName); err != nil {
			return err
		}
	}
	if base != BackendDir {
		return nil
	}
	for _, s := range []struct{ cat, file string }{
		{CategoryStorage, storageInputsName}, {CategoryFunction, functionParamsName}, {CategoryAPI, apiInputsName},
	} {
		for _, name := range bc.LookupObject(s.cat).Keys() {
			if _, err := p.loadFile(ResourceDir(base, s.cat, name) + "/" + s.file); err != nil {
				return err
			}
		}
	}
	return nil
}

// read returns the object of a file, or an empty object (not stored) when
// the file does not exist. Use it only to read.
func (p *Project) read(rel string) *jsonobj.Object {
	if f := p.files[rel]; f != nil && f.obj != nil {
		return f.obj
	}
	return jsonobj.New()
}

// edit returns the object of a file for changes, creating the file.
func (p *Project) edit(rel string) *jsonobj.Object {
	f := p.files[rel]
	if f == nil {
		f = &file{}
		p.files[rel] = f
	}
	if f.obj == nil {
		f.obj = jsonobj.New()
	}
	return f.obj
}

// replace sets the whole content of a file.
func (p *Project) replace(rel string, obj *jsonobj.Object) {
	f := p.files[rel]
	if f == nil {
		f = &file{}
		p.files[rel] = f
	}
	f.obj = obj
}

func (p *Project) exists(rel string) bool {
	f := p.files[rel]
	return f != nil && f.obj != nil
}

// Save writes every changed file and deletes removed resource folders, as one
// transaction (see commit): if it fails, the files on disk are as they were.
func (p *Project) Save() error {
	if err := p.save(); err != nil {
		return fmt.Errorf("save project %s: %w", p.root, err)
	}
	return nil
}

func (p *Project) save() error {
	writes, rendered, err := p.pendingWrites()
	if err != nil {
		return err
	}
	// Generated files go last: they are derived from the project files.
	writes = append(writes, p.stagedWrites()...)
	dirs := make([]string, 0, len(p.removeDirs))
	for rel := range p.removeDirs {
		abs, err := p.SafePath(rel)
		if err != nil {
			return err
		}
		dirs = append(dirs, abs)
	}
	sort.Strings(dirs)
	for _, w := range writes {
		if err := p.safeAbs(w.path); err != nil {
			return err
		}
	}
	if len(writes) == 0 && len(dirs) == 0 {
		return nil
	}
	if err := p.commit(writes, dirs); err != nil {
		return err
	}
	for rel, data := range rendered {
		p.files[rel].orig = data
	}
	clear(p.removeDirs)
	clear(p.staged)
	return nil
}

// pendingWrites renders every file and returns those that changed, in a
// fixed order (see writeRank), and the renderings by file.
func (p *Project) pendingWrites() ([]fileWrite, map[string][]byte, error) {
	rels := make([]string, 0, len(p.files))
	for rel, f := range p.files {
		if f.obj != nil {
			rels = append(rels, rel)
		}
	}
	sort.Slice(rels, func(i, j int) bool {
		ri, rj := writeRank(rels[i]), writeRank(rels[j])
		if ri != rj {
			return ri < rj
		}
		return rels[i] < rels[j]
	})
	var writes []fileWrite
	rendered := map[string][]byte{}
	for _, rel := range rels {
		data, err := render(p.files[rel].obj)
		if err != nil {
			return nil, nil, fmt.Errorf("encode %s: %w", rel, err)
		}
		if bytes.Equal(data, p.files[rel].orig) {
			continue
		}
		rendered[rel] = data
		writes = append(writes, fileWrite{path: p.Path(rel), data: data, perm: 0o644})
	}
	return writes, rendered, nil
}

// writeRank orders the renames of a save so that the files other commands
// read first as "it happened" (amplify-meta.json, the current-cloud copies)
// are replaced last: a crash in the middle of the swap then looks like the
// change did not happen yet.
func writeRank(rel string) int {
	switch {
	case strings.HasPrefix(rel, CurrentCloudBackendDir+"/"):
		if path.Base(rel) == metaName {
			return 5
		}
		return 4
	case rel == MetaPath(BackendDir):
		return 3
	case rel == BackendConfigPath(BackendDir):
		return 2
	case strings.HasPrefix(rel, BackendDir+"/"):
		return 1
	default:
		return 0
	}
}
