package deploy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

var pushTime = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func noConfig(*project.Project) ([]string, error) { return nil, nil }

// testProject is a saved project with imported auth (guests allowed), one
// storage resource and, with function, one function with auth access.
func testProject(t *testing.T, function bool) string {
	t.Helper()
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := importauth.Record(testSnapshot(), "acmeapp", project.FrontendJavaScript)
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { return p.SetImportedAuth(a) },
		func() error {
			return category.AddStorage(p, project.Storage{Name: "files", BucketPrefix: "acme-files",
				AuthAccess: category.StorageOps, GuestAccess: []string{category.OpRead}})
		},
	}
	if function {
		steps = append(steps, func() error {
			return category.AddFunction(p, project.Function{Name: "hello", Runtime: category.DefaultRuntime, AuthAccess: []string{category.OpRead}})
		})
	}
	for _, step := range append(steps, p.Save) {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, dir string) *project.Project {
	t.Helper()
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// treeHash hashes every file under dir, to prove nothing changed.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		lines = append(lines, fmt.Sprintf("%s %x", p, sha256.Sum256(b)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func push(t *testing.T, dir string, cloud *Cloud, opts ...Option) (string, error) {
	t.Helper()
	var log bytes.Buffer
	err := Push(context.Background(), load(t, dir), fakeReader{}, noConfig, &log, pushTime, append(opts, WithCloud(cloud))...)
	return log.String(), err
}

// TestFailedDeployLeavesProjectUnchanged covers what moto cannot produce: a
// resource that fails, a rollback, and the error naming the resource and
// the reason. The project files stay byte-identical.
func TestFailedDeployLeavesProjectUnchanged(t *testing.T) {
	cases := []struct {
		name     string
		function bool
		fail     fakeFailure
		wantOps  string // the stack calls that change AWS, in order
	}{
		{"create fails on the storage bucket", false,
			fakeFailure{"StorageFilesBucket", "AWS::S3::Bucket", "acme-files-1234abcd-dev already exists"}, "CreateStack"},
		{"update after the deployment bucket fails on the function", true,
			fakeFailure{"FunctionHello", "AWS::Lambda::Function", "Resource handler returned message: \"Role is invalid\""}, "CreateStack,UpdateStack"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := testProject(t, c.function)
			before := treeHash(t, dir)
			cf := newFakeCFN()
			cloud := fakeCloud(cf, &fakeObjects{})
			cf.fail = &c.fail
			if c.function {
				cf.okLeft = 1 // the deployment bucket is created; the real deploy fails
			}
			log, err := push(t, dir, cloud)
			if err == nil {
				t.Fatalf("push succeeded:\n%s", log)
			}
			for _, want := range []string{c.fail.LogicalID, c.fail.Type, c.fail.Reason, "ROLLBACK_COMPLETE"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q: %v", want, err)
				}
			}
			if !strings.Contains(exit.Hint(err), "describe-stack-events") {
				t.Errorf("hint: %q", exit.Hint(err))
			}
			if !strings.Contains(log, c.fail.Type) || !strings.Contains(log, "_FAILED") {
				t.Errorf("progress lacks the failed event:\n%s", log)
			}
			if got := mutations(cf.ops()); got != c.wantOps {
				t.Errorf("stack calls %s, want %s", got, c.wantOps)
			}
			if treeHash(t, dir) != before {
				t.Error("a failed deploy changed project files")
			}
		})
	}
}

// mutations keeps the calls that change a stack.
func mutations(ops string) string {
	var out []string
	for _, op := range strings.Split(ops, ",") {
		if op == "CreateStack" || op == "UpdateStack" || op == "DeleteStack" {
			out = append(out, op)
		}
	}
	return strings.Join(out, ",")
}

func TestPushDeploysRecordsAndSkipsUnchanged(t *testing.T) {
	dir := testProject(t, true)
	cf, objs := newFakeCFN(), &fakeObjects{}
	cloud := fakeCloud(cf, objs)
	log, err := push(t, dir, cloud)
	if err != nil {
		t.Fatalf("push: %v\n%s", err, log)
	}
	if got := mutations(cf.ops()); got != "CreateStack,UpdateStack" {
		t.Errorf("first push: %s, want the deployment bucket then the stack", got)
	}
	if len(objs.puts) != 1 || !strings.HasPrefix(objs.puts[0], category.DeploymentBucketName(category.Env{Project: "acmeapp", Env: "dev", Region: "us-east-1", Account: "123456789012"})+"/amplify-builds/hello-") {
		t.Errorf("uploads: %v", objs.puts)
	}
	var meta map[string]map[string]json.RawMessage
	b, _ := os.ReadFile(filepath.Join(dir, "amplify/backend/amplify-meta.json"))
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	want := `{"service":"S3","providerPlugin":"awscloudformation","dependsOn":[],"output":{"BucketName":"` +
		category.BucketName(category.Env{Project: "acmeapp", Env: "dev", Region: "us-east-1", Account: "123456789012"},
			category.Storage{Name: "files", BucketPrefix: "acme-files"}) +
		`","Region":"us-east-1"},"lastPushTimeStamp":"2026-11-26T12:00:00.000Z"}`
	if got := compact(t, meta["storage"]["files"]); got != want {
		t.Errorf("meta storage.files:\n got %s\nwant %s", got, want)
	}
	if got := compact(t, meta["function"]["hello"]); !strings.Contains(got, `"output":{"Name":"hello-acmeapp-dev","Arn":"arn:aws:lambda:us-east-1:123456789012:function:hello-acmeapp-dev","Region":"us-east-1"}`) {
		t.Errorf("meta function.hello: %s", got)
	}

	// Nothing changed: no stack write, no upload.
	before := len(objs.puts)
	if log, err = push(t, dir, cloud); err != nil {
		t.Fatal(err)
	}
	if got := mutations(cf.ops()); got != "" || len(objs.puts) != before || !strings.Contains(log, "no changes") {
		t.Errorf("second push changed the stack (%s) or uploaded (%d):\n%s", got, len(objs.puts)-before, log)
	}
}

func compact(t *testing.T, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
