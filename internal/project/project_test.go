package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/google/go-cmp/cmp"
)

const fixture = "testdata/amplifycli" // a project as the Amplify CLI writes it

func TestFind(t *testing.T) {
	p := newTestProject(t)
	deep := filepath.Join(p.Root(), "src", "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		start string
		want  string
		err   error
	}{
		{name: "root", start: p.Root(), want: p.Root()},
		{name: "subfolder", start: deep, want: p.Root()},
		{name: "no project", start: t.TempDir(), err: ErrNoProject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(tt.start)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Find error = %v, want %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Find = %q, want %q", got, tt.want)
			}
			if err != nil && !strings.Contains(exit.Hint(err), "ampgo init") {
				t.Errorf("hint %q does not mention ampgo init", exit.Hint(err))
			}
		})
	}
}

func TestLoadNoProject(t *testing.T) {
	if _, err := Load(t.TempDir()); !errors.Is(err, ErrNoProject) {
		t.Fatalf("Load = %v, want ErrNoProject", err)
	}
}

func TestLoadMalformed(t *testing.T) {
	tests := []struct {
		name string
		rel  string
		data string
		want string
	}{
		{name: "not json", rel: TeamProviderInfoFile, data: "{", want: "read amplify/team-provider-info.json: $: found text that is not JSON"},
		{name: "not an object", rel: BackendConfigPath(BackendDir), data: "[]", want: "read amplify/backend/backend-config.json: $: found an array"},
		{name: "wrong type", rel: BackendConfigPath(BackendDir), data: `{"auth":{"x":{"customAuth":"yes"}}}`, want: "auth.x"},
		{name: "unsafe name", rel: BackendConfigPath(BackendDir), data: `{"auth":{"../../etc":{}}}`, want: "invalid resource name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestProject(t)
			if err := os.WriteFile(p.Path(tt.rel), []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p.Root())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load = %v, want error containing %q", err, tt.want)
			}
		})
	}
}

// A fresh clone has no local files: loading works, no env is set.
func TestLoadFreshClone(t *testing.T) {
	root := copyTree(t, fixture)
	for _, rel := range []string{LocalEnvInfoFile, LocalAWSInfoFile, MetaPath(BackendDir), CurrentCloudBackendDir} {
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	p := mustLoad(t, root)
	_, err := p.Env()
	if !errors.Is(err, ErrNoEnv) {
		t.Fatalf("CurrentEnv = %v, want ErrNoEnv", err)
	}
	if h := exit.Hint(err); !strings.Contains(h, "ampgo env checkout dev") || !strings.Contains(h, "prod") {
		t.Errorf("hint %q does not list the environments", h)
	}
	a, ok := p.ImportedAuth()
	if !ok || a.Name != "acmeapp" || a.Env.UserPoolID != "" || a.Meta.Output.UserPoolID != "" {
		t.Errorf("ImportedAuth = %+v, %v; want backend data only", a, ok)
	}
	if err := p.Checkout("dev"); err != nil {
		t.Fatalf("Checkout: %v", err)
	}
	if a, _ := p.ImportedAuth(); a.Env.UserPoolID != "us-east-1_AbC123xYz" {
		t.Errorf("after checkout Env.UserPoolID = %q", a.Env.UserPoolID)
	}
}

// Load and Save of a project written by the Amplify CLI, with categories
// ampgo does not know, change no byte.
func TestRoundTripAmplifyCLIProject(t *testing.T) {
	want := readTree(t, fixture)
	tests := []struct {
		name   string
		change func(t *testing.T, p *Project)
	}{
		{name: "no change", change: func(*testing.T, *Project) {}},
		{name: "rewrite every file", change: func(t *testing.T, p *Project) {
			a, ok := p.ImportedAuth()
			if !ok {
				t.Fatal("no imported auth")
			}
			if err := p.SetImportedAuth(*a); err != nil {
				t.Fatalf("SetImportedAuth: %v", err)
			}
			for _, f := range p.files {
				f.orig = nil // force Save to write every file
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyTree(t, fixture)
			p := mustLoad(t, root)
			tt.change(t, p)
			renames := 0
			beforeRename = func(string) error { renames++; return nil }
			t.Cleanup(func() { beforeRename = nil })
			if err := p.Save(); err != nil {
				t.Fatalf("Save: %v", err)
			}
			t.Logf("%d files written", renames)
			if tt.name == "rewrite every file" && renames != 11 {
				t.Errorf("Save wrote %d files, want all 11 JSON files", renames)
			}
			got := readTree(t, root)
			for rel := range want {
				if diff := cmp.Diff(string(want[rel]), string(got[rel])); diff != "" {
					t.Errorf("%s changed (-fixture +saved):\n%s", rel, diff)
				}
			}
			if len(got) != len(want) {
				t.Errorf("saved tree has %d files, fixture %d", len(got), len(want))
			}
		})
	}
}

func TestAccessorsOnAmplifyCLIProject(t *testing.T) {
	p := mustLoad(t, copyTree(t, fixture))
	if got := p.Config().SourceDir(); got != "src" {
		t.Errorf("SourceDir = %q", got)
	}
	if diff := cmp.Diff([]string{"dev", "prod"}, p.Envs()); diff != "" {
		t.Errorf("Envs (-want +got):\n%s", diff)
	}
	if r := p.EnvRegion("prod"); r != "us-east-1" {
		t.Errorf("EnvRegion(prod) = %q", r)
	}
	if r := p.EnvRegion("qa"); r != "" {
		t.Errorf("EnvRegion(qa) = %q, want empty", r)
	}
	if _, err := p.EnvProvider("qa"); !errors.Is(err, ErrUnknownEnv) {
		t.Errorf("EnvProvider(qa) = %v, want ErrUnknownEnv", err)
	}
	if got := p.EnvProfile("prod"); got != "acme-prod" {
		t.Errorf("EnvProfile(prod) = %q", got)
	}
	if !p.HasAuth() {
		t.Error("HasAuth = false")
	}
	if diff := cmp.Diff([]string{"function/acmefn"}, p.DependentsOf(CategoryAuth, "acmeapp")); diff != "" {
		t.Errorf("DependentsOf (-want +got):\n%s", diff)
	}
	want := []ResourceRef{{Category: "function", Name: "acmefn", Service: "Lambda"}}
	if diff := cmp.Diff(want, p.Dependents(CategoryAuth, "acmeapp")); diff != "" {
		t.Errorf("DependentsOf (-want +got):\n%s", diff)
	}
	err := p.RemoveAuth("acmeapp")
	var de *DependentsError
	if !errors.As(err, &de) || !errors.Is(err, ErrHasDependents) || !strings.Contains(err.Error(), "function/acmefn") {
		t.Fatalf("RemoveAuth = %v, want a DependentsError naming function/acmefn", err)
	}
	for _, s := range p.Status() {
		if s.Operation != OpNoChange {
			t.Errorf("Status %s/%s = %s, want %s", s.Category, s.ResourceName, s.Operation, OpNoChange)
		}
	}
}
