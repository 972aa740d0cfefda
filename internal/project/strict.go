package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// maxFileSize caps every project file ampgo reads: a real project file is a
// few kilobytes, and a huge one (a mistake or an attack) must fail fast
// instead of making a read-only command use gigabytes (issue 10).
const maxFileSize = 16 << 20

// FileError is a project file ampgo cannot use: too big, not the JSON shape
// ampgo expects, or holding a name that is not safe. Load refuses the whole
// project, so no command ever writes over a file it could not read. It is an
// exit 1 error whose hint says how to restore the file.
type FileError struct {
	File  string // slash path relative to the root
	Path  string // JSON path ("$.storage.files"); "" when about the file itself
	Found string // what was found
	Err   error  // what is wrong, when Found alone does not say it
}

// Error describes the problem.
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("read ")
	b.WriteString(e.File)
	if e.Path != "" {
		b.WriteString(": ")
		b.WriteString(e.Path)
	}
	if e.Found != "" {
		b.WriteString(": found ")
		b.WriteString(e.Found)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// ExitCode is 1: the project is broken, not the command line.
func (e *FileError) ExitCode() int { return 1 }

// Hint says how to get a good file back: committed files come back from
// git; local ones (not committed) can be deleted, since a checkout or push
// writes them again.
func (e *FileError) Hint() string {
	switch {
	case e.File == LocalEnvInfoFile || e.File == LocalAWSInfoFile:
		return "delete " + e.File + " (it is not committed), then run `ampgo env checkout NAME`"
	case e.File == MetaPath(BackendDir) || strings.HasPrefix(e.File, CurrentCloudBackendDir+"/"):
		return "delete " + e.File + " (it is not committed; the next `ampgo push` writes it again), or restore it from a backup"
	case e.File == journalFile:
		return "a save was interrupted and its journal is unreadable: check the files it names with `git status`, restore them from git if needed, then delete " + e.File
	}
	return "restore it from git: git checkout -- " + e.File
}

// readCapped reads a file of at most maxFileSize bytes: it checks the size
// before reading and reads through a limit, so neither a huge file nor one
// that grows while it is read is ever held in memory.
func readCapped(abs, rel string) ([]byte, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &FileError{File: rel, Found: fileKind(fi.Mode()), Err: errors.New("want a regular file")}
	}
	tooBig := &FileError{File: rel, Found: fmt.Sprintf("%d bytes", fi.Size()),
		Err: fmt.Errorf("larger than the %d MiB ampgo reads", maxFileSize>>20)}
	if fi.Size() > maxFileSize {
		return nil, tooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		tooBig.Found = "more than " + strconv.Itoa(maxFileSize) + " bytes"
		return nil, tooBig
	}
	return data, nil
}

// jsonKey appends one key to a JSON path: identifiers as .key, anything
// else quoted, so a hostile key is shown exactly (storage["../../x"]).
func jsonKey(at, key string) string {
	if identRE.MatchString(key) {
		return at + "." + key
	}
	return at + "[" + strconv.Quote(key) + "]"
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// describe names the JSON kind of a raw value for an error message.
func describe(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	if s == "" {
		return "nothing"
	}
	switch s[0] {
	case 'n':
		return "null"
	case '[':
		return "an array"
	case '{':
		return "an object"
	case '"':
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return "the string " + s
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

// checker validates one file; each method reports the first problem as a
// *FileError naming file and JSON path.
type checker struct{ file string }

func (c checker) err(at string, found string, err error) error {
	return &FileError{File: c.file, Path: at, Found: found, Err: err}
}

// object returns the object in raw; anything else (null too) is an error.
func (c checker) object(at string, raw json.RawMessage) (*jsonobj.Object, error) {
	if describe(raw) != "an object" {
		return nil, c.err(at, describe(raw), errors.New("want an object"))
	}
	o := jsonobj.New()
	if err := o.UnmarshalJSON(raw); err != nil {
		return nil, c.err(at, "", err)
	}
	return o, nil
}

// decode decodes raw (which must be an object) into v, reporting a wrong
// type at its JSON path.
func (c checker) decode(at string, raw json.RawMessage, v any) error {
	if _, err := c.object(at, raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			where := at
			if te.Field != "" {
				where = at + "." + te.Field
			}
			return c.err(where, te.Value, fmt.Errorf("want %s", jsonTypeName(te.Type.Kind().String())))
		}
		return c.err(at, "", err)
	}
	return nil
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice", "array":
		return "an array"
	case "map", "struct", "ptr", "interface":
		return "an object"
	}
	return "a number"
}

// name checks a key used as a folder name (category or resource).
func (c checker) name(at, key string) error {
	if err := checkResourceName(key); err != nil {
		return c.err(jsonKey(at, key), "", err)
	}
	return nil
}

// envName checks a key used as an environment name.
func (c checker) envName(at, key string) error {
	if !ValidEnvName(key) {
		return c.err(jsonKey(at, key), "", fmt.Errorf("invalid environment name %q: must be 2 to 10 lower-case letters", key))
	}
	return nil
}

// categories checks an object of categories, each an object of resources,
// each an object: names are checked and each entry is decoded into
// entry(category) (nil: only the object check). skip names keys that are
// not categories.
func (c checker) categories(o *jsonobj.Object, skip string, entry func(cat string) any) error {
	return c.categoriesAt("$", o, skip, entry)
}

// categoriesAt is categories for the object at base.
func (c checker) categoriesAt(base string, o *jsonobj.Object, skip string, entry func(cat string) any) error {
	for _, cat := range o.Keys() {
		if cat == skip {
			continue
		}
		if err := c.name(base, cat); err != nil {
			return err
		}
		at := jsonKey(base, cat)
		res, err := c.object(at, o.Raw(cat))
		if err != nil {
			return err
		}
		for _, name := range res.Keys() {
			if err := c.name(at, name); err != nil {
				return err
			}
			v := entry(cat)
			if v == nil {
				if _, err := c.object(jsonKey(at, name), res.Raw(name)); err != nil {
					return err
				}
				continue
			}
			if err := c.decode(jsonKey(at, name), res.Raw(name), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// describeFile names what a whole file holds, for an error message.
func describeFile(data []byte) string {
	if !json.Valid(data) {
		return "text that is not JSON"
	}
	return describe(data)
}

// fileKind names a file type for an error message.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a device or special file"
}
