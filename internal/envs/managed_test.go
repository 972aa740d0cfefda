package envs

import (
	"errors"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// TestAddManaged: --auth managed adds an env whose auth push creates,
// from default settings when none are recorded, reads nothing from AWS and
// keeps the other env's imported auth as it was.
func TestAddManaged(t *testing.T) {
	f := newFixture(t)
	res := ok(t)(f.add(prompt.None{}, Request{Name: "preview", AuthMode: AuthManaged, AllowUserPoolDeletion: true}))
	if res.Auth != nil || len(res.Files) != 0 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "ampgo push") {
		t.Fatalf("result %+v", res)
	}
	if len(f.aws.reads) != 0 {
		t.Errorf("reads = %+v, want none", f.aws.reads)
	}
	p := f.load()
	if p.CurrentEnv() != "preview" || p.EnvAuthMode("preview") != project.AuthModeManaged || p.EnvAuthMode("dev") != project.AuthModeImported {
		t.Errorf("current %q, modes preview %q dev %q", p.CurrentEnv(), p.EnvAuthMode("preview"), p.EnvAuthMode("dev"))
	}
	if m, _ := p.EnvManagedAuth("preview"); !m.AllowUserPoolDeletion {
		t.Error("allowUserPoolDeletion not recorded")
	}
	name, s, found := p.ManagedAuth()
	if !found || s.MFA != "OPTIONAL" || len(s.SignIn) != 1 || s.SignIn[0] != "email" {
		t.Errorf("settings %q %+v %v, want the defaults", name, s, found)
	}
	if a, _ := p.ImportedAuth(); a.Name != name || a.Env.UserPoolID != "" {
		t.Errorf("preview's auth %+v: want the project's one resource, no ids yet", a)
	}
	if _, ids, _ := p.EnvImportedAuth("dev"); ids.UserPoolID != poolA {
		t.Errorf("dev's ids changed: %+v", ids)
	}
	// Checking out the managed env before its push asks nothing and
	// writes nothing but the current env.
	ok(t)(f.checkout(prompt.None{}, Request{Name: "dev", Yes: true}))
	res = ok(t)(f.checkout(prompt.None{}, Request{Name: "preview", Yes: true}))
	if res.Auth != nil || len(res.Warnings) != 1 {
		t.Errorf("checkout of the unpushed managed env: %+v", res)
	}
}

// TestAddAuthModesRefused: what --auth cannot do is exit 2 with a way out,
// before anything is written.
func TestAddAuthModesRefused(t *testing.T) {
	cases := []struct {
		name string
		req  Request
		prep func(f *fixture)
		want string
	}{
		{"managed with ids", Request{Name: "prev", AuthMode: AuthManaged, Inputs: Inputs{Flags: cognito.Selection{UserPoolID: poolB}}}, nil, "--auth import"},
		{"same from an unpushed managed env", Request{Name: "qa", AuthMode: AuthSame}, func(f *fixture) {
			ok(t)(f.add(prompt.None{}, Request{Name: "preview", AuthMode: AuthManaged}))
		}, "push environment preview first"},
		{"same with ids", Request{Name: "qa", AuthMode: AuthSame, Inputs: Inputs{Flags: cognito.Selection{UserPoolID: poolB}}}, nil, "--auth import"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			if c.prep != nil {
				c.prep(f)
			}
			before := f.read(project.TeamProviderInfoFile)
			_, err := f.add(prompt.None{}, c.req)
			var ee *exit.Error
			if !errors.As(err, &ee) || ee.Code != exit.Usage || !strings.Contains(ee.Fix, c.want) {
				t.Fatalf("err = %v (fix %q), want exit 2 with %q", err, exit.Hint(err), c.want)
			}
			if after := f.read(project.TeamProviderInfoFile); after != before {
				t.Error("team-provider-info.json changed")
			}
		})
	}
}

// TestAddImportDoesNotOfferReuse: --auth import takes the given ids and
// never the current env's.
func TestAddImportDoesNotOfferReuse(t *testing.T) {
	f := newFixture(t)
	_, err := f.add(prompt.None{}, Request{Name: "prod", AuthMode: AuthImport, Yes: true})
	if exit.Code(err) != exit.Usage {
		t.Fatalf("--auth import --yes without ids: err = %v, want exit 2 naming the inputs", err)
	}
}
