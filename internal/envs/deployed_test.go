package envs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// fakeStacks answers DescribeStacks from a map of stack name to outputs.
type fakeStacks struct {
	outputs map[string]map[string]string
	calls   []string
}

func (s *fakeStacks) Describe(_ context.Context, name string) (*awsx.Stack, error) {
	s.calls = append(s.calls, name)
	out, ok := s.outputs[name]
	if !ok {
		return nil, fmt.Errorf("describe stack %s: %w", name, awsx.ErrStackNotFound)
	}
	return &awsx.Stack{Name: name, Status: "CREATE_COMPLETE", Outputs: out}, nil
}

// withStorage records storage "files" in the fixture's project, never
// pushed (no amplify-meta.json outputs): a fresh clone.
func withStorage(t *testing.T, f *fixture) {
	t.Helper()
	p := f.load()
	if err := p.AddStorage(project.Storage{Name: "files", BucketPrefix: "files", AuthAccess: []string{"read"}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckoutReadsTheStackOutputs(t *testing.T) {
	f := newFixture(t)
	withStorage(t, f)
	stacks := &fakeStacks{outputs: map[string]map[string]string{
		project.StackName("acmeapp", "dev"): {category.StorageBucketOutput("files"): "acmeapp-files-dev"},
	}}
	res := ok(t)(f.checkout(prompt.None{}, Request{Name: "dev", Yes: true, Stacks: stacks, FailIncomplete: true}))
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
	f.exportsHave([]string{`"aws_user_files_s3_bucket": "acmeapp-files-dev"`, `"aws_user_files_s3_bucket_region": "us-east-1"`}, nil)
	if len(stacks.calls) != 1 {
		t.Errorf("DescribeStacks calls %v, want one", stacks.calls)
	}
}

func TestCheckoutOfAnEnvWithoutTheStorage(t *testing.T) {
	for _, tc := range []struct {
		name string
		fail bool
	}{{"headless", true}, {"allowed", false}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			withStorage(t, f)
			exports := filepath.Join(f.dir, "src", "aws-exports.js")
			before, _ := os.ReadFile(exports)
			stacks := &fakeStacks{} // no stack at all
			res, err := f.checkout(prompt.None{}, Request{Name: "dev", Yes: true, Stacks: stacks, FailIncomplete: tc.fail})
			if tc.fail {
				if exit.Code(err) != exit.Requirements || !strings.Contains(err.Error(), "storage files") || !strings.Contains(exit.Hint(err), "ampgo push") {
					t.Fatalf("err %v (exit %d, hint %q): want exit 3 naming storage files and `ampgo push`", err, exit.Code(err), exit.Hint(err))
				}
				if after, _ := os.ReadFile(exports); string(after) != string(before) {
					t.Error("a refused checkout rewrote aws-exports.js")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "aws_user_files_s3_bucket") || !strings.Contains(res.Warnings[0], "ampgo push") {
				t.Errorf("warnings %q", res.Warnings)
			}
			f.exportsHave(idsA, []string{"aws_user_files_s3_bucket"})
		})
	}
}

// TestCheckoutForgetsOutputsTheStackLost: outputs this checkout remembers
// (amplify-meta.json) but the stack no longer has are dropped, so the
// config never names a bucket the environment does not deploy.
func TestCheckoutForgetsOutputsTheStackLost(t *testing.T) {
	f := newFixture(t)
	withStorage(t, f)
	p := f.load()
	if err := p.SetStorageOutput("files", project.StorageOutput{BucketName: "acmeapp-files-gone", Region: "us-east-1"}, now); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	res := ok(t)(f.checkout(prompt.None{}, Request{Name: "dev", Yes: true, Stacks: &fakeStacks{}}))
	if len(res.Warnings) != 1 {
		t.Errorf("warnings %q", res.Warnings)
	}
	f.exportsHave(idsA, []string{"acmeapp-files-gone"})
	if meta := f.read("amplify/backend/amplify-meta.json"); strings.Contains(meta, "acmeapp-files-gone") {
		t.Errorf("amplify-meta.json still records the lost bucket:\n%s", meta)
	}
}
