// Package faultcheck holds the invariants every ampgo run must keep under
// faults (issue 10), shared by the fault matrix in cmd/ampgo and the chaos
// runner in tools/chaos: the project tree is wholly old or wholly new, no
// temp, trash or journal file is left, no secret reaches a file or the
// terminal, and a failure ends with an exit code of the contract and a fix.
package faultcheck

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Tree is a folder's files: slash-separated relative path -> content hash.
type Tree map[string]string

// lockFile is not project state: it exists once any command ran.
const lockFile = "amplify/.config/ampgo.lock"

// volatile matches values that differ between two equal pushes.
var volatile = regexp.MustCompile(`("lastPushTimeStamp"\s*:\s*)"[^"]*"`)

// ReadTree hashes every file under dir except the lock file and the paths
// skip picks (nil: none). Push timestamps and dir's own path (which
// local-env-info.json records) are blanked first, so the trees of the same
// command run in two folders compare equal.
func ReadTree(dir string, skip func(rel string) bool) (Tree, error) {
	t := Tree{}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if skip != nil && rel != "." && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || rel == lockFile {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			t[rel] = "symlink:" + target
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".json") {
			b = volatile.ReplaceAll(b, []byte(`$1"<time>"`))
		}
		b = bytes.ReplaceAll(b, []byte(abs), []byte("<project>"))
		t[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", dir, err)
	}
	return t, nil
}

// Sum is one hash for the whole tree.
func (t Tree) Sum() string {
	keys := t.paths()
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s %s\n", k, t[k])
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

func (t Tree) paths() []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Equal reports whether both trees hold the same files with the same content.
func (t Tree) Equal(o Tree) bool { return t.Sum() == o.Sum() }

// Diff lists the paths that differ: "+ added", "- removed", "~ changed".
func Diff(from, to Tree) []string {
	var out []string
	for _, k := range from.paths() {
		switch v, ok := to[k]; {
		case !ok:
			out = append(out, "- "+k)
		case v != from[k]:
			out = append(out, "~ "+k)
		}
	}
	for _, k := range to.paths() {
		if _, ok := from[k]; !ok {
			out = append(out, "+ "+k)
		}
	}
	return out
}

// leftover matches what a finished command must not leave behind: temp and
// trash files of an atomic save and the journal of a multi-file save.
var leftover = regexp.MustCompile(`\.ampgo-tmp-|\.ampgo-trash-|(^|/)ampgo-journal\.json$`)

// InflightFile is the record of a deploy whose write was sent; it may
// outlive a killed push, never a finished command.
const InflightFile = "amplify/.config/ampgo-deploy-inflight.json"

// State is t without the in-flight deploy record: the record is not
// project state but a note for the next command (see Leftovers).
func (t Tree) State() Tree {
	out := Tree{}
	for k, v := range t {
		if k != InflightFile {
			out[k] = v
		}
	}
	return out
}

// HasInflight reports whether t holds the in-flight deploy record.
func (t Tree) HasInflight() bool { _, ok := t[InflightFile]; return ok }

// Leftovers lists the leftover files of t; withInflight adds the in-flight
// deploy record.
func Leftovers(t Tree, withInflight bool) []string {
	var out []string
	for _, k := range t.paths() {
		if leftover.MatchString(k) || (withInflight && k == InflightFile) {
			out = append(out, k)
		}
	}
	return out
}

// FindSecrets reports where any of secrets occurs: in a file under dir (by
// relative path) or in one of the named texts (stdout, stderr…).
func FindSecrets(dir string, texts map[string]string, secrets []string) []string {
	var found []string
	check := func(where, s string) {
		for _, sec := range secrets {
			if sec != "" && strings.Contains(s, sec) {
				found = append(found, fmt.Sprintf("%s holds %.6s…", where, sec))
			}
		}
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil {
			rel, _ := filepath.Rel(dir, p)
			check(filepath.ToSlash(rel), string(b))
		}
		return nil
	})
	names := make([]string, 0, len(texts))
	for k := range texts {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		check(k, texts[k])
	}
	return found
}

// Codes are the exit codes of DESIGN.md §2 that a command may end with
// (5 only comes from `status --exit-code`, which the fault runs do not pass;
// 130 only after a signal).
var Codes = map[int]string{0: "ok", 1: "error", 2: "usage", 3: "requirements", 4: "credentials", 130: "interrupted"}

// panicMarks are what a Go panic or an unrecovered runtime error prints.
var panicMarks = []string{"panic:", "goroutine ", "runtime error:", "[signal "}

// Exit checks the end of a run that was not killed: an exit code of the
// contract, no stack trace, and a "Fix:" line on stderr for every failure.
func Exit(code int, stderr string) []string {
	var bad []string
	if _, ok := Codes[code]; !ok || code == 130 {
		bad = append(bad, fmt.Sprintf("exit code %d is not in the contract", code))
	}
	for _, m := range panicMarks {
		if strings.Contains(stderr, m) {
			bad = append(bad, fmt.Sprintf("stderr has a Go panic or stack trace (%q)", m))
			break
		}
	}
	if code != 0 && !HasFix(stderr) {
		bad = append(bad, fmt.Sprintf("exit %d without a \"Fix:\" line", code))
	}
	return bad
}

// HasFix reports whether stderr has a line that starts with "Fix:".
func HasFix(stderr string) bool {
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Fix:") {
			return true
		}
	}
	return false
}

// LastLines returns the last n lines of s, for reports.
func LastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
