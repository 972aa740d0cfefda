package deploy

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/project"
)

func TestZipIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"index.js": "exports.handler = 1;\n", "lib/util.js": "module.exports = 2;\n", "run.sh": "#!/bin/sh\n"}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	first, err := zipDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "index.js"), later, later); err != nil {
		t.Fatal(err)
	}
	second, _ := zipDir(dir)
	if !bytes.Equal(first, second) || codeKey("hello", first) != codeKey("hello", second) {
		t.Error("touching a file changed the zip")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == "run.sh" && f.Mode().Perm() != 0o755 {
			t.Errorf("run.sh mode %v", f.Mode())
		}
	}
	if strings.Join(names, ",") != "index.js,lib/util.js,run.sh" {
		t.Errorf("entries %v", names)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.js"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, _ := zipDir(dir)
	if codeKey("hello", third) == codeKey("hello", first) {
		t.Error("a code change kept the S3 key")
	}
}

// TestFunctionAddedToExistingStack: the deployment bucket joins the
// deployed stack on its own first (nothing else changes), then the
// function follows.
func TestFunctionAddedToExistingStack(t *testing.T) {
	dir := testProject(t, false)
	cf, objs := newFakeCFN(), &fakeObjects{}
	cloud := fakeCloud(cf, objs)
	if _, err := push(t, dir, cloud); err != nil {
		t.Fatal(err)
	}
	cf.ops()
	p := load(t, dir)
	if err := category.AddFunction(p, project.Function{Name: "hello", Runtime: "python3.13"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	var bodies []string
	cf.onUpdate = func(body string) { bodies = append(bodies, body) }
	if log, err := push(t, dir, cloud); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if got := mutations(cf.ops()); got != "UpdateStack,UpdateStack" || len(bodies) != 2 {
		t.Fatalf("calls %s", got)
	}
	first, err := parseTemplate(bodies[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := first.resources["StorageFilesBucket"]; !ok || len(first.resources) != 4 || first.types[category.DeploymentBucketID] != "AWS::S3::Bucket" {
		t.Errorf("bootstrap template: %v", first.types)
	}
	if len(objs.puts) != 1 {
		t.Errorf("uploads %v", objs.puts)
	}
}

// TestFunctionCodeOutsideProject: a function's code folder that a link
// takes out of the project is refused as such (not as "no code").
func TestFunctionCodeOutsideProject(t *testing.T) {
	dir := testProject(t, true)
	// The whole function folder as a link is refused when the project
	// loads (its parameters file is read); the code folder is read here.
	fn := filepath.Join(dir, filepath.FromSlash(project.FunctionSourceDir("hello")))
	outside := filepath.Join(t.TempDir(), "src")
	if err := os.Rename(fn, outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, fn); err != nil {
		t.Fatal(err)
	}
	objs := &fakeObjects{}
	_, err := push(t, dir, fakeCloud(newFakeCFN(), objs))
	var oe *project.OutsideError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v, want an OutsideError", err)
	}
	if len(objs.puts) != 0 {
		t.Errorf("uploaded %v", objs.puts)
	}
}
