package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pushedProject is a project with imported auth, a storage resource and a
// function, pushed: the "old" state of the crash tests.
func pushedProject(t *testing.T) string {
	t.Helper()
	p := newTestProject(t)
	steps := []func() error{
		func() error { return p.SetImportedAuth(sampleAuth("acmeapp")) },
		func() error {
			return p.AddStorage(Storage{Name: "files", BucketPrefix: "files", AuthAccess: []string{"read"}})
		},
		func() error {
			return p.AddFunction(Function{Name: "fn", Runtime: "nodejs20.x", Handler: "index.handler"},
				map[string][]byte{"index.js": []byte("exports.handler = async () => 1\n")})
		},
		func() error { return p.MarkPushed(pushTime) },
		func() error { return p.StageFile("src/aws-exports.js", []byte("// old\n"), 0o644) },
		func() error { return p.StageFile(GenerationOutputsFile, []byte("{\"old\":true}\n"), 0o644) },
		p.Save,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return p.Root()
}

// pushChange is a representative multi-file save: a push that removes the
// storage resource (a folder removal), adds another, records outputs, copies
// to #current-cloud-backend and regenerates the client config.
func pushChange(p *Project) error {
	for _, step := range []func() error{
		func() error { return p.RemoveStorage("files") },
		func() error {
			return p.AddStorage(Storage{Name: "photos", BucketPrefix: "photos", GuestAccess: []string{"read"}})
		},
		func() error {
			return p.SetStorageOutput("photos", StorageOutput{BucketName: "photos-1234-dev", Region: "us-east-1"}, pushTime)
		},
		func() error { return p.MarkPushed(pushTime.Add(1)) },
		func() error { return p.StageFile("src/aws-exports.js", []byte("// new\n"), 0o644) },
		func() error { return p.StageFile(GenerationOutputsFile, []byte("{\"new\":true}\n"), 0o644) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// cloneProject copies a project folder to a new temp folder.
func cloneProject(t *testing.T, root string) string { t.Helper(); return copyTree(t, root) }

// saveWithCrash loads root, applies pushChange and saves, stopping after
// step n of the commit (0: never). It reports the number of steps seen.
func saveWithCrash(t *testing.T, root string, n int) int {
	t.Helper()
	p := mustLoad(t, root)
	if err := pushChange(p); err != nil {
		t.Fatal(err)
	}
	steps := 0
	crashAfter = func() bool { steps++; return steps == n }
	defer func() { crashAfter = nil }()
	err := p.Save()
	if n > 0 && steps >= n && !errors.Is(err, errCrash) {
		t.Fatalf("Save = %v, want the simulated crash at step %d", err, n)
	}
	if (n == 0 || steps < n) && err != nil {
		t.Fatalf("Save: %v", err)
	}
	return steps
}

// Stopping a save after any step, as kill -9 would, leaves a state that the
// next command (Recover) completes to wholly old or wholly new, with no temp,
// trash or journal file left (issue 10 item 5). A crash during that
// recovery is completed by the next one.
func TestCrashAtEveryCommitStep(t *testing.T) {
	base := pushedProject(t)
	oldTree := readTree(t, cloneProject(t, base)) // clones keep base's projectPath
	done := cloneProject(t, base)
	total := saveWithCrash(t, done, 0)
	newTree := readTree(t, done)
	if cmp.Equal(oldTree, newTree) {
		t.Fatal("the change changes nothing")
	}
	if _, ok := newTree["amplify/backend/storage/files/cli-inputs.json"]; ok {
		t.Fatal("the change does not remove a folder")
	}
	if total < 10 {
		t.Fatalf("only %d commit steps", total)
	}
	t.Logf("%d commit steps", total)
	var olds, news int
	for n := 1; n <= total; n++ {
		root := cloneProject(t, base)
		saveWithCrash(t, root, n)
		if err := Recover(root); err != nil {
			t.Fatalf("step %d: Recover: %v", n, err)
		}
		got := readTree(t, root)
		switch {
		case cmp.Equal(got, oldTree):
			olds++
		case cmp.Equal(got, newTree):
			news++
		default:
			t.Errorf("crash after step %d: torn state (-new +got):\n%s", n, cmp.Diff(newTree, got))
		}
		checkNoStrays(t, root)
		if _, err := Load(root); err != nil {
			t.Errorf("step %d: Load after recovery: %v", n, err)
		}
	}
	if olds == 0 || news == 0 {
		t.Errorf("old states %d, new states %d: want both", olds, news)
	}
	t.Logf("%d crash points: %d recovered to old, %d to new", total, olds, news)
}

// A crash while Recover completes a journal is completed by the next Recover.
func TestCrashDuringRecovery(t *testing.T) {
	base := pushedProject(t)
	done := cloneProject(t, base)
	total := saveWithCrash(t, done, 0)
	newTree := readTree(t, done)
	// The journal is durable after the two journal steps that follow the
	// temp files; crash right after it, then at every step of recovery.
	for n := 1; n < total; n++ {
		for m := 1; ; m++ {
			root := cloneProject(t, base)
			saveWithCrash(t, root, n)
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(journalFile))); err != nil {
				break // no journal at this step: nothing to complete
			}
			seen := 0
			crashAfter = func() bool { seen++; return seen == m }
			err := Recover(root)
			crashAfter = nil
			if err == nil {
				break // recovery had fewer than m steps
			}
			if !errors.Is(err, errCrash) {
				t.Fatalf("commit step %d, recovery step %d: %v", n, m, err)
			}
			if err := Recover(root); err != nil {
				t.Fatalf("commit step %d, recovery step %d: second Recover: %v", n, m, err)
			}
			if got := readTree(t, root); !cmp.Equal(got, newTree) {
				t.Errorf("commit step %d, recovery step %d: torn state (-new +got):\n%s", n, m, cmp.Diff(newTree, got))
			}
			checkNoStrays(t, root)
		}
	}
}

// A failed (not crashed) rename in the middle rolls back through its own
// journal; a crash during that rollback still ends wholly old.
func TestCrashDuringRollback(t *testing.T) {
	base := pushedProject(t)
	oldTree := readTree(t, cloneProject(t, base))
	done := cloneProject(t, base)
	saveWithCrash(t, done, 0)
	newTree := readTree(t, done)
	rolledBack := 0
	defer func() {
		if rolledBack == 0 {
			t.Error("no crash during the rollback ended in the old state")
		}
	}()
	for m := 1; ; m++ {
		root := cloneProject(t, base)
		p := mustLoad(t, root)
		if err := pushChange(p); err != nil {
			t.Fatal(err)
		}
		renames := 0
		beforeRename = func(string) error {
			if renames++; renames == 4 {
				return errors.New("injected failure")
			}
			return nil
		}
		armed, seen := false, 0
		crashAfter = func() bool {
			if renames >= 4 {
				armed = true
			}
			if armed {
				seen++
			}
			return armed && seen == m
		}
		err := p.Save()
		beforeRename, crashAfter = nil, nil
		if err == nil {
			t.Fatal("Save succeeded")
		}
		crashed := errors.Is(err, errCrash)
		if err := Recover(root); err != nil {
			t.Fatalf("rollback step %d: Recover: %v", m, err)
		}
		// Until the rollback journal replaces the commit journal, a crash
		// rolls the commit forward; after that, back. Never a mix.
		got := readTree(t, root)
		if !cmp.Equal(got, oldTree) && !(crashed && cmp.Equal(got, newTree)) {
			t.Errorf("rollback step %d (crashed %v): torn state (-old +got):\n%s", m, crashed, cmp.Diff(oldTree, got))
		}
		if crashed && cmp.Equal(got, oldTree) {
			rolledBack++
		}
		checkNoStrays(t, root)
		if !crashed {
			break
		}
	}
}

// A journal that is not ampgo's is refused and not followed: nothing
// outside (or inside) the project is touched.
func TestHostileJournal(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim.txt")
	tests := []struct {
		name    string
		journal string
		want    string
	}{
		{"garbage", `{"version":1,"ops":[`, "not JSON"},
		{"null", `null`, "found null"},
		{"unknown version", `{"version":2,"ops":[]}`, "$.version"},
		{"target outside", `{"version":1,"ops":[{"op":"delete","target":"../../victim.txt"}]}`, "not a path inside the project"},
		{"absolute target", `{"version":1,"ops":[{"op":"delete","target":"` + victim + `"}]}`, "not a path inside the project"},
		{"not an ampgo file", `{"version":1,"ops":[{"op":"delete","target":"src/index.js"}]}`, "not a file ampgo writes"},
		{"lock", `{"version":1,"ops":[{"op":"delete","target":"` + LockFile + `"}]}`, "not a file ampgo writes"},
		{"temp elsewhere", `{"version":1,"ops":[{"op":"write","target":"amplify/team-provider-info.json","temp":"src/.team-provider-info.json.ampgo-tmp-1"}]}`, "not ampgo's temp file"},
		{"temp not a temp", `{"version":1,"ops":[{"op":"write","target":"amplify/team-provider-info.json","temp":"amplify/backend/backend-config.json"}]}`, "not ampgo's temp file"},
		{"trash outside", `{"version":1,"ops":[{"op":"remove","target":"amplify/backend/storage","trash":"../x"}]}`, "not ampgo's temp file or trash"},
		{"unknown op", `{"version":1,"ops":[{"op":"chmod","target":"amplify/x"}]}`, "unknown operation"},
		{"through a link", `{"version":1,"ops":[{"op":"delete","target":"amplify/out/victim.txt"}]}`, "symbolic link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			p := newTestProject(t)
			if err := os.Symlink(outside, p.Path("amplify/out")); err != nil {
				t.Fatal(err)
			}
			writeRel(t, p.Root(), journalFile, tt.journal)
			before := regularFiles(t, p.Root())
			err := Recover(p.Root())
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Recover = %v, want a *FileError containing %q", err, tt.want)
			}
			if got, _ := os.ReadFile(victim); string(got) != "precious" {
				t.Errorf("victim changed: %q", got)
			}
			if diff := cmp.Diff(before, regularFiles(t, p.Root())); diff != "" {
				t.Errorf("project changed:\n%s", diff)
			}
			if _, err := Load(p.Root()); err == nil {
				t.Error("Load read a project with an unfinished journal")
			}
		})
	}
}

// Leftovers of a save that never wrote its journal are deleted.
func TestRecoverRemovesStrays(t *testing.T) {
	p := newTestProject(t)
	for _, rel := range []string{"amplify/backend/.backend-config.json.ampgo-tmp-123", "src/.aws-exports.js.ampgo-tmp-9",
		".amplify_outputs.json.ampgo-tmp-1", "amplify/backend/storage/.files.ampgo-trash-5/files/cli-inputs.json"} {
		writeRel(t, p.Root(), rel, "x")
	}
	writeRel(t, p.Root(), "src/keep.ampgo-tmp-not-ours", "x") // not hidden: not ampgo's
	if need, err := NeedsRecovery(p.Root()); err != nil || !need {
		t.Fatalf("NeedsRecovery = %v, %v", need, err)
	}
	if err := Recover(p.Root()); err != nil {
		t.Fatal(err)
	}
	checkNoStrays(t, p.Root())
	if _, err := os.Stat(p.Path("src/keep.ampgo-tmp-not-ours")); err != nil {
		t.Errorf("a file that is not ampgo's was removed: %v", err)
	}
	if need, err := NeedsRecovery(p.Root()); err != nil || need {
		t.Fatalf("after Recover NeedsRecovery = %v, %v", need, err)
	}
}

// checkNoStrays fails on temp files, trash folders or a journal.
func checkNoStrays(t *testing.T, root string) {
	t.Helper()
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		n := d.Name()
		if isStrayName(n, tempPattern) || isStrayName(n, trashPattern) || strings.HasSuffix(filepath.ToSlash(path), journalFile) {
			t.Errorf("leftover %s", path)
		}
		return nil
	})
}

// regularFiles is readTree that skips symbolic links.
func regularFiles(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
