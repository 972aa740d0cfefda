package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "src", "aws-exports.js")
	for _, content := range []string{"first\n", "second\n"} {
		if err := WriteFileAtomic(path, []byte(content), 0o644); err != nil {
			t.Fatalf("WriteFileAtomic: %v", err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Fatalf("content = %q, %v; want %q", got, err, content)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temp files left: %v", entries)
	}
}

// A save that fails at any rename leaves every file byte-identical and no
// temp or trash files behind.
func TestSaveIsAtomic(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Project) error
		failAt string // suffix of the path whose rename fails
	}{
		{name: "import fails at meta", change: func(p *Project) error { return p.SetImportedAuth(sampleAuth("acmeapp")) },
			failAt: "backend/amplify-meta.json"},
		{name: "import fails at first file", change: func(p *Project) error { return p.SetImportedAuth(sampleAuth("acmeapp")) },
			failAt: "team-provider-info.json"},
		{name: "push fails at cloud meta", change: func(p *Project) error { return p.MarkPushed(pushTime) },
			failAt: "#current-cloud-backend/amplify-meta.json"},
		{name: "remove fails at folder removal", change: func(p *Project) error { return p.RemoveAuth("acmeapp") },
			failAt: "auth/acmeapp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestProject(t)
			if strings.HasPrefix(tt.name, "push") || strings.HasPrefix(tt.name, "remove") {
				if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
					t.Fatal(err)
				}
				if err := p.Save(); err != nil {
					t.Fatal(err)
				}
			}
			before := readTree(t, p.Root())
			if err := tt.change(p); err != nil {
				t.Fatal(err)
			}
			injected := errors.New("injected failure")
			failed := false
			beforeRename = func(path string) error {
				if strings.HasSuffix(filepath.ToSlash(path), tt.failAt) {
					failed = true
					return injected
				}
				return nil
			}
			t.Cleanup(func() { beforeRename = nil })
			err := p.Save()
			if !failed || !errors.Is(err, injected) {
				t.Fatalf("Save = %v (hook hit: %v), want the injected failure", err, failed)
			}
			if diff := cmp.Diff(before, readTree(t, p.Root())); diff != "" {
				t.Errorf("files changed by a failed save (-before +after):\n%s", diff)
			}
			checkNoLeftovers(t, p.Root())
		})
	}
}

func checkNoLeftovers(t *testing.T, root string) {
	t.Helper()
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), ".ampgo-tmp-") || strings.Contains(d.Name(), ".ampgo-trash-")) {
			t.Errorf("leftover %s", path)
		}
		if err == nil && d.IsDir() {
			if entries, _ := os.ReadDir(path); len(entries) == 0 {
				t.Errorf("empty folder left: %s", path)
			}
		}
		return nil
	})
}

// Save writes only files whose content changed.
func TestSaveWritesOnlyChangedFiles(t *testing.T) {
	p := newTestProject(t)
	var written []string
	beforeRename = func(path string) error {
		rel, _ := filepath.Rel(p.Root(), path)
		written = append(written, filepath.ToSlash(rel))
		return nil
	}
	t.Cleanup(func() { beforeRename = nil })
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if len(written) != 0 {
		t.Errorf("Save without changes wrote %v", written)
	}
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	want := []string{TeamProviderInfoFile, ParametersPath(BackendDir, CategoryAuth, "acmeapp"),
		BackendConfigPath(BackendDir), MetaPath(BackendDir)}
	if diff := cmp.Diff(want, written); diff != "" {
		t.Errorf("written files in order (-want +got):\n%s", diff)
	}
}

// Staged generated files are part of the save transaction.
func TestStageFile(t *testing.T) {
	p := newTestProject(t)
	if err := p.StageFile("../outside.js", nil, 0o644); err == nil {
		t.Error("StageFile outside the project succeeded")
	}
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	if err := p.StageFile("src/aws-exports.js", []byte("export default {};\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, p.Root())
	beforeRename = func(path string) error {
		if strings.HasSuffix(path, "aws-exports.js") {
			return errors.New("injected")
		}
		return nil
	}
	err := p.Save()
	beforeRename = nil
	if err == nil {
		t.Fatal("Save succeeded despite the injected failure")
	}
	if diff := cmp.Diff(before, readTree(t, p.Root())); diff != "" {
		t.Errorf("failed save changed files (-before +after):\n%s", diff)
	}
	checkNoLeftovers(t, p.Root())
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p.Path("src/aws-exports.js"))
	if err != nil || string(got) != "export default {};\n" {
		t.Errorf("aws-exports.js = %q, %v", got, err)
	}
	if _, ok := mustLoad(t, p.Root()).ImportedAuth(); !ok {
		t.Error("import not saved together with the staged file")
	}
}
