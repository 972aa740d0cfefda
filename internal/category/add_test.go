package category

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// testAuth is an imported identity pool with both roles; guests allowed.
func testAuth(guests bool) *project.ImportedAuth {
	return &project.ImportedAuth{
		Name:       "acmeapp",
		Backend:    project.BackendAuth{Service: "Cognito", ServiceType: project.ServiceTypeImported, ProviderPlugin: project.ProviderPlugin},
		Parameters: project.AuthParameters{AuthSelections: project.IdentityPoolAndUserPool, ResourceName: "acmeapp", ServiceType: project.ServiceTypeImported},
		Env: project.EnvAuth{UserPoolID: "us-east-1_AbC", UserPoolName: "acme-users", WebClientID: "web", NativeClientID: "native",
			IdentityPoolID: "us-east-1:1111", IdentityPoolName: "acme_identity", AllowUnauthenticatedIdentities: &guests,
			AuthRoleName: "acme-auth-role", UnauthRoleName: "acme-unauth-role"},
		Meta: project.MetaAuth{Service: "Cognito", ServiceType: project.ServiceTypeImported, ProviderPlugin: project.ProviderPlugin},
	}
}

// newProject inits a project in a temp folder, with a (nil: no) auth.
func newProject(t *testing.T, a *project.ImportedAuth) *project.Project {
	t.Helper()
	p, err := project.Init(t.TempDir(), project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	if a != nil {
		if err := p.SetImportedAuth(*a); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func userPoolOnly() *project.ImportedAuth {
	a := testAuth(false)
	a.Parameters.AuthSelections = project.UserPoolOnly
	a.Env.IdentityPoolID, a.Env.IdentityPoolName, a.Env.AuthRoleName, a.Env.UnauthRoleName = "", "", "", ""
	a.Env.AllowUnauthenticatedIdentities = nil
	return a
}

func TestAddStorageRequirements(t *testing.T) {
	ok := project.Storage{Name: "files", BucketPrefix: "acme-files", AuthAccess: []string{OpRead}}
	guest := ok
	guest.GuestAccess = []string{OpRead}
	cases := []struct {
		name     string
		auth     *project.ImportedAuth
		in       project.Storage
		wantCode int
		wantMsgs []string // in the error and hint
	}{
		{"identity pool with both roles", testAuth(false), ok, exit.OK, nil},
		{"guest access with guests allowed", testAuth(true), guest, exit.OK, nil},
		{"no auth at all", nil, ok, exit.Requirements, []string{"has none", "ampgo import auth"}},
		{"user pool only", userPoolOnly(), ok, exit.Requirements, []string{"without an identity pool", "ampgo remove auth"}},
		{"guest access without unauthenticated identities", testAuth(false), guest, exit.Requirements,
			[]string{"does not allow unauthenticated identities", "Guest access > Activate"}},
		{"every problem at once", nil, project.Storage{Name: "1bad", BucketPrefix: "Bad_Prefix"}, exit.Requirements,
			[]string{"invalid storage name", "invalid bucket prefix", "at least one operation", "has none"}},
		{"usage problem only", testAuth(false), project.Storage{Name: "files", BucketPrefix: "acme-files"}, exit.Usage, []string{"--auth-access"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newProject(t, c.auth)
			err := AddStorage(p, c.in)
			if got := exit.Code(err); got != c.wantCode {
				t.Fatalf("exit %d, want %d (%v)", got, c.wantCode, err)
			}
			for _, want := range c.wantMsgs {
				if !strings.Contains(err.Error()+exit.Hint(err), want) {
					t.Errorf("error lacks %q:\n%v\nhint: %s", want, err, exit.Hint(err))
				}
			}
			storages, _, _ := p.StorageResources()
			if (err == nil) != (len(storages) == 1) {
				t.Errorf("recorded %d storage resources after error %v", len(storages), err)
			}
		})
	}
}

func TestAddFunction(t *testing.T) {
	p := newProject(t, testAuth(false))
	if err := AddFunction(p, project.Function{Name: "hello", Runtime: "python3.13", AuthAccess: []string{OpUpdate, OpRead}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(p.Path(project.FunctionSourceDir("hello") + "/index.py"))
	if err != nil || !strings.Contains(string(src), "AUTH_ACMEAPP_USERPOOLID") {
		t.Errorf("hello handler: %v\n%s", err, src)
	}
	if deps := p.DependentsOf(project.CategoryAuth, "acmeapp"); len(deps) != 1 || deps[0] != "function/hello" {
		t.Errorf("dependents of auth: %v", deps)
	}
	fns, _, err := p.Functions()
	if err != nil || len(fns) != 1 || fns[0].Auth != "acmeapp" || strings.Join(fns[0].AuthAccess, ",") != "read,update" || fns[0].Handler != Handler {
		t.Errorf("functions: %+v %v", fns, err)
	}

	// Without auth access a function needs no auth, and records no dependency.
	plain := newProject(t, nil)
	if err := AddFunction(plain, project.Function{Name: "plain", Runtime: DefaultRuntime}); err != nil {
		t.Fatal(err)
	}
	if deps := plain.DependentsOf(project.CategoryAuth, "acmeapp"); len(deps) != 0 {
		t.Errorf("dependents: %v", deps)
	}
	err = AddFunction(plain, project.Function{Name: "admin", Runtime: DefaultRuntime, AuthAccess: []string{OpRead}})
	if exit.Code(err) != exit.Requirements || !strings.Contains(exit.Hint(err), "ampgo import auth") {
		t.Errorf("auth access without auth: %v", err)
	}
	err = AddFunction(plain, project.Function{Name: "Plain", Runtime: "go1.x"})
	if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), "unsupported runtime") {
		t.Errorf("bad runtime: %v", err)
	}
	err = AddFunction(plain, project.Function{Name: "PLAIN", Runtime: DefaultRuntime})
	if !errors.Is(err, project.ErrResourceExists) {
		t.Errorf("same name in other case: %v", err)
	}
}

// TestPushTimeChecks: an environment whose imported auth cannot carry the
// project's storage or functions is refused before any deploy, with both
// ways out.
func TestPushTimeChecks(t *testing.T) {
	storages := []project.Storage{{Name: "files", AuthAccess: []string{OpRead}, GuestAccess: []string{OpRead}}}
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"storage after remove auth", CheckStorage(nil, storages), []string{"deploy storage files", "ampgo import auth", "ampgo remove storage --name files"}},
		{"guests in an env whose pool refuses them", CheckStorage(testAuth(false), storages), []string{"unauthenticated identities"}},
		{"function of another auth", CheckFunctions(testAuth(true), []project.Function{{Name: "hello", Auth: "other", AuthAccess: []string{OpRead}}}),
			[]string{`auth "other"`, "ampgo remove function --name hello"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if exit.Code(c.err) != exit.Requirements {
				t.Fatalf("exit %d: %v", exit.Code(c.err), c.err)
			}
			for _, w := range c.want {
				if !strings.Contains(c.err.Error()+exit.Hint(c.err), w) {
					t.Errorf("lacks %q: %v / %s", w, c.err, exit.Hint(c.err))
				}
			}
		})
	}
	if err := CheckStorage(testAuth(true), storages); err != nil {
		t.Errorf("valid storage refused: %v", err)
	}
}
