package deploy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

func TestMatchOutputs(t *testing.T) {
	files := project.Storage{Name: "files"}
	hello := project.Function{Name: "hello"}
	deployed := map[string]string{
		category.StorageBucketOutput("files"): "app-files-1234-dev",
		category.FunctionNameOutput("hello"):  "hello-dev",
		category.FunctionArnOutput("hello"):   "arn:aws:lambda:eu-west-1:123456789012:function:hello-dev",
	}
	storageMissing := Missing{Category: "storage", Name: "files", Lacks: "aws_user_files_s3_bucket"}
	functionMissing := Missing{Category: "function", Name: "hello"}
	cases := []struct {
		name       string
		storages   []project.Storage
		functions  []project.Function
		outputs    map[string]string
		storage    map[string]project.StorageOutput
		funcs      int
		missing    []Missing
		incomplete bool
	}{
		{"all deployed", []project.Storage{files}, []project.Function{hello}, deployed,
			map[string]project.StorageOutput{"files": {BucketName: "app-files-1234-dev", Region: "eu-west-1"}}, 1, nil, false},
		{"no stack", []project.Storage{files}, []project.Function{hello}, nil,
			map[string]project.StorageOutput{}, 0, []Missing{storageMissing, functionMissing}, true},
		{"stack without the storage", []project.Storage{files}, []project.Function{hello},
			map[string]string{category.FunctionNameOutput("hello"): "h", category.FunctionArnOutput("hello"): "arn"},
			map[string]project.StorageOutput{}, 1, []Missing{storageMissing}, true},
		{"function half deployed", nil, []project.Function{hello}, map[string]string{category.FunctionNameOutput("hello"): "h"},
			map[string]project.StorageOutput{}, 0, []Missing{functionMissing}, false},
		{"empty bucket output", []project.Storage{files}, nil, map[string]string{category.StorageBucketOutput("files"): ""},
			map[string]project.StorageOutput{}, 0, []Missing{storageMissing}, true},
		{"nothing recorded", nil, nil, deployed, map[string]project.StorageOutput{}, 0, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := MatchOutputs("dev", "amplify-app-dev", "eu-west-1", stackResources{Storages: tc.storages, Functions: tc.functions}, tc.outputs)
			if diff := cmp.Diff(tc.storage, d.Storage); diff != "" {
				t.Errorf("storage (-want +got):\n%s", diff)
			}
			if len(d.Functions) != tc.funcs {
				t.Errorf("functions %v, want %d", d.Functions, tc.funcs)
			}
			if diff := cmp.Diff(tc.missing, d.Missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
			if d.Incomplete() != tc.incomplete {
				t.Errorf("Incomplete() = %v, want %v", d.Incomplete(), tc.incomplete)
			}
			if w := d.Warnings(); len(w) != len(tc.missing) {
				t.Errorf("warnings %q: want one per missing resource", w)
			}
		})
	}
}

func TestDeployedMessages(t *testing.T) {
	d := MatchOutputs("prod", "amplify-app-prod", "us-east-1",
		stackResources{Storages: []project.Storage{{Name: "files"}}, Functions: []project.Function{{Name: "hello"}}}, nil)
	w := d.Warnings()
	for i, want := range [][]string{
		{"storage files", "environment prod", "amplify-app-prod", "lacks aws_user_files_s3_bucket", "ampgo push"},
		{"function hello", "does not need it", "ampgo push"},
	} {
		for _, s := range want {
			if !strings.Contains(w[i], s) {
				t.Errorf("warning %d %q lacks %q", i, w[i], s)
			}
		}
	}
	err := d.IncompleteError()
	if exit.Code(err) != exit.Requirements {
		t.Errorf("exit code %d, want %d", exit.Code(err), exit.Requirements)
	}
	if msg := err.Error(); !strings.Contains(msg, "storage files (aws_user_files_s3_bucket)") || strings.Contains(msg, "hello") {
		t.Errorf("error %q: want the storage named, not the function", msg)
	}
	var h interface{ Hint() string }
	if e, ok := err.(interface{ Hint() string }); ok {
		h = e
	}
	if h == nil || !strings.Contains(h.Hint(), "ampgo push") || !strings.Contains(h.Hint(), "--allow-incomplete") {
		t.Errorf("hint must name `ampgo push` and --allow-incomplete: %v", h)
	}
}
