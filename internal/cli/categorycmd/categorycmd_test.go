package categorycmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// testFactory runs commands in a new project with imported auth whose
// identity pool allows guests, on a "terminal" answered by pr.
func testFactory(t *testing.T, pr prompt.Prompter) (*cmdutil.Factory, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	guests := true
	err = p.SetImportedAuth(project.ImportedAuth{Name: "acmeapp",
		Backend:    project.BackendAuth{Service: "Cognito", ServiceType: project.ServiceTypeImported, ProviderPlugin: project.ProviderPlugin},
		Parameters: project.AuthParameters{AuthSelections: project.IdentityPoolAndUserPool, ResourceName: "acmeapp", ServiceType: project.ServiceTypeImported},
		Env: project.EnvAuth{UserPoolID: "us-east-1_AbC", IdentityPoolID: "us-east-1:1111", AllowUnauthenticatedIdentities: &guests,
			AuthRoleName: "auth-role", UnauthRoleName: "unauth-role"}})
	if err == nil {
		err = p.Save()
	}
	if err != nil {
		t.Fatal(err)
	}
	f, _, errOut := clitest.Factory(dir, pr)
	return f, errOut
}

func TestAddStorageAsks(t *testing.T) {
	t.Setenv("CI", "")
	pr := &clitest.Prompter{Answers: []string{"photos", "read,delete", "read"}}
	f, _ := testFactory(t, pr)
	cmd := NewCmdAddStorage(f, nil)
	cmd.SetArgs([]string{"--bucket-prefix", "acme-photos"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := []string{"Name of the storage resource", "What kind of access do you want for signed-in users?", "What kind of access do you want for guests?"}
	if diff := cmp.Diff(want, pr.Asked); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
	p, err := project.Load(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	storages, _, _ := p.StorageResources()
	wantStorage := []project.Storage{{Name: "photos", BucketPrefix: "acme-photos", AuthAccess: []string{"read", "delete"}, GuestAccess: []string{"read"}}}
	if diff := cmp.Diff(wantStorage, storages); diff != "" {
		t.Errorf("storage (-want +got):\n%s", diff)
	}
}

func TestAddFunctionAsks(t *testing.T) {
	t.Setenv("CI", "")
	pr := &clitest.Prompter{Answers: []string{"hello", "python3.13", "read, update"}}
	f, errOut := testFactory(t, pr)
	cmd := NewCmdAddFunction(f, nil)
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if len(pr.Asked) != 3 || !strings.Contains(pr.Asked[2], `auth "acmeapp"`) {
		t.Errorf("questions: %q", pr.Asked)
	}
	p, err := project.Load(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	fns, _, _ := p.Functions()
	want := []project.Function{{Name: "hello", Runtime: "python3.13", Handler: "index.handler", Auth: "acmeapp", AuthAccess: []string{"read", "update"}}}
	if diff := cmp.Diff(want, fns); diff != "" {
		t.Errorf("function (-want +got):\n%s", diff)
	}
	if !strings.Contains(errOut.String(), "AUTH_ACMEAPP_USERPOOLID, ENV, REGION") {
		t.Errorf("stderr: %s", errOut.String())
	}
}

func TestAddWithoutTerminal(t *testing.T) {
	cases := []struct {
		name     string
		build    func(*cmdutil.Factory) *cobra.Command
		prep     []string // `add storage` arguments run first
		args     []string
		yes      bool
		wantCode int
		wantErr  string
	}{
		{"storage needs --name", addStorage, nil, []string{"--auth-access", "read"}, false, exit.Usage, "--name"},
		{"storage needs --auth-access", addStorage, nil, []string{"--name", "files"}, false, exit.Usage, "--auth-access"},
		{"storage with --yes takes defaults", addStorage, nil, nil, true, exit.OK, ""},
		{"function needs --name", addFunction, nil, nil, false, exit.Usage, "--name"},
		{"function flags are enough", addFunction, nil, []string{"--name", "hello", "--runtime", "python3.13"}, false, exit.OK, ""},
		{"function with --yes takes defaults", addFunction, nil, nil, true, exit.OK, ""},
		{"remove never guesses the name, even with --yes", removeStorage, []string{"--name", "files", "--auth-access", "read"}, nil, true, exit.Usage, "--name"},
		{"remove with nothing to remove", removeStorage, nil, nil, true, exit.Usage, "has none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, _ := testFactory(t, nil)
			f.Yes = c.yes
			if c.prep != nil {
				add := addStorage(f)
				add.SetArgs(c.prep)
				if err := add.Execute(); err != nil {
					t.Fatal(err)
				}
			}
			cmd := c.build(f)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			cmd.SetArgs(c.args)
			err := cmd.Execute()
			if exit.Code(err) != c.wantCode || (c.wantErr != "" && !strings.Contains(err.Error()+exit.Hint(err), c.wantErr)) {
				t.Errorf("error %v (exit %d), want exit %d naming %s", err, exit.Code(err), c.wantCode, c.wantErr)
			}
		})
	}
}

func addStorage(f *cmdutil.Factory) *cobra.Command    { return NewCmdAddStorage(f, nil) }
func addFunction(f *cmdutil.Factory) *cobra.Command   { return NewCmdAddFunction(f, nil) }
func removeStorage(f *cmdutil.Factory) *cobra.Command { return NewCmdRemoveStorage(f, nil) }
