package envs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// trust is the identity pool trust policy the Cognito console writes.
func trust(ipID, amr string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
"Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity",
"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"` + ipID + `"},
"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"` + amr + `"}}}]}`
}

// setup is one healthy existing Cognito setup that passes every rule.
type setup struct {
	pool    cognito.UserPool
	clients []cognito.AppClient
	ip      cognito.IdentityPool
	roles   map[string]cognito.Role // by ARN
}

func newSetup(poolID, webID, nativeID, ipID, name string) setup {
	region, _ := ids.UserPoolRegion(poolID)
	ipRegion, _ := ids.IdentityPoolRegion(ipID)
	provider := "cognito-idp." + region + ".amazonaws.com/" + poolID
	authARN := "arn:aws:iam::123456789012:role/" + name + "-auth"
	unauthARN := "arn:aws:iam::123456789012:role/" + name + "-unauth"
	return setup{
		pool: cognito.UserPool{ID: poolID, Name: name + "-users", Region: region, Domain: name + "-login",
			MFA: cognito.MFA{Configuration: "OFF"}},
		clients: []cognito.AppClient{
			oauthClient(webID, name+"-web", poolID, "https://"+name+".example.com/", false),
			oauthClient(nativeID, name+"-native", poolID, name+"://callback/", true),
		},
		ip: cognito.IdentityPool{ID: ipID, Name: name + "_identity", Region: ipRegion, AllowUnauthenticated: true,
			CognitoProviders: []cognito.CognitoProvider{{ProviderName: provider, ClientID: webID}, {ProviderName: provider, ClientID: nativeID}},
			AuthRoleARN:      authARN, UnauthRoleARN: unauthARN},
		roles: map[string]cognito.Role{
			authARN:   {ARN: authARN, Name: name + "-auth", Found: true, TrustPolicy: trust(ipID, "authenticated")},
			unauthARN: {ARN: unauthARN, Name: name + "-unauth", Found: true, TrustPolicy: trust(ipID, "unauthenticated")},
		},
	}
}

func oauthClient(id, name, poolID, url string, secret bool) cognito.AppClient {
	return cognito.AppClient{ID: id, Name: name, UserPoolID: poolID, HasSecret: secret, OAuthEnabled: true,
		SupportedIdentityProviders: []string{"COGNITO"}, AllowedOAuthFlows: []string{"code"},
		AllowedOAuthScopes: []string{"openid", "email"}, CallbackURLs: []string{url}, LogoutURLs: []string{url}}
}

// fakeAWS answers like cognito.Reader from fixed setups and counts reads.
type fakeAWS struct {
	setups []setup
	reads  []cognito.Selection
}

func (f *fakeAWS) byPool(id string) *setup {
	for i := range f.setups {
		if f.setups[i].pool.ID == id {
			return &f.setups[i]
		}
	}
	return nil
}

func (f *fakeAWS) ReadSnapshot(_ context.Context, sel cognito.Selection) (*cognito.Snapshot, error) {
	f.reads = append(f.reads, sel)
	s := f.byPool(sel.UserPoolID)
	if s == nil {
		return nil, &cognito.NotFoundError{Kind: "user pool", ID: sel.UserPoolID}
	}
	snap := &cognito.Snapshot{Pool: s.pool, WebClientID: sel.WebClientID, NativeClientID: sel.NativeClientID}
	for _, c := range s.clients {
		if c.ID == sel.WebClientID || c.ID == sel.NativeClientID {
			snap.Clients = append(snap.Clients, c)
		}
	}
	if sel.IdentityPoolID == "" {
		return snap, nil
	}
	for _, o := range f.setups {
		if o.ip.ID == sel.IdentityPoolID {
			ip, auth, unauth := o.ip, o.roles[o.ip.AuthRoleARN], o.roles[o.ip.UnauthRoleARN]
			snap.IdentityPool, snap.AuthRole, snap.UnauthRole = &ip, &auth, &unauth
			return snap, nil
		}
	}
	return nil, &cognito.NotFoundError{Kind: "identity pool", ID: sel.IdentityPoolID}
}

func (f *fakeAWS) ListPools(_ context.Context, region string) ([]cognito.PoolSummary, error) {
	var out []cognito.PoolSummary
	for _, s := range f.setups {
		if s.pool.Region == region {
			out = append(out, cognito.PoolSummary{ID: s.pool.ID, Name: s.pool.Name})
		}
	}
	return out, nil
}

func (f *fakeAWS) Clients(_ context.Context, poolID string) ([]cognito.AppClient, error) {
	if s := f.byPool(poolID); s != nil {
		return s.clients, nil
	}
	return nil, nil
}

func (f *fakeAWS) LinkedIdentityPools(_ context.Context, _, userPoolID string) ([]cognito.IdentityPool, error) {
	var out []cognito.IdentityPool
	for _, s := range f.setups {
		if len(importauth.IdentityPoolLinks(&s.ip, userPoolID)) > 0 {
			out = append(out, s.ip)
		}
	}
	return out, nil
}

// scripted is a terminal prompter with scripted answers.
type scripted struct {
	t        *testing.T
	confirms []bool
	selects  []string
	asked    []string
}

func (s *scripted) Select(title string, _ []prompt.Option, _ bool) (string, error) {
	s.asked = append(s.asked, title)
	if len(s.selects) == 0 {
		s.t.Fatalf("unexpected select %q", title)
	}
	v := s.selects[0]
	s.selects = s.selects[1:]
	return v, nil
}

func (s *scripted) Confirm(title string, _ bool) (bool, error) {
	s.asked = append(s.asked, title)
	if len(s.confirms) == 0 {
		s.t.Fatalf("unexpected confirm %q", title)
	}
	v := s.confirms[0]
	s.confirms = s.confirms[1:]
	return v, nil
}

func (s *scripted) Input(title, _ string, _ func(string) error) (string, error) {
	s.t.Fatalf("unexpected input %q", title)
	return "", nil
}

func (s *scripted) Interactive() bool { return true }

var (
	setupA = newSetup(poolA, webA, nativeA, ipA, "alpha")
	setupB = newSetup(poolB, webB, nativeB, ipB, "beta")
)

// fixture is a project whose dev environment (us-east-1) imported setup A.
type fixture struct {
	t   *testing.T
	aws *fakeAWS
	dir string
	log strings.Builder
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, aws: &fakeAWS{setups: []setup{setupA, setupB}}, dir: t.TempDir()}
	p, err := project.Init(f.dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	sel := cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: nativeA, IdentityPoolID: ipA}
	if _, err := importauth.Import(context.Background(), f.chooser(prompt.None{}), f.aws, p, importauth.Request{Selection: sel}); err != nil {
		t.Fatal(err)
	}
	f.aws.reads = nil
	return f
}

func (f *fixture) chooser(pr prompt.Prompter) *importauth.Chooser {
	return &importauth.Chooser{Discovery: f.aws, Prompter: pr, Log: &f.log}
}

func (f *fixture) load() *project.Project {
	f.t.Helper()
	p, err := project.Load(f.dir)
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *fixture) read(rel string) string {
	f.t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(rel)))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// exportsHave checks src/aws-exports.js names want and none of notWant.
func (f *fixture) exportsHave(want []string, notWant []string) {
	f.t.Helper()
	exports := f.read("src/aws-exports.js")
	for _, w := range want {
		if !strings.Contains(exports, w) {
			f.t.Errorf("aws-exports.js lacks %q:\n%s", w, exports)
		}
	}
	for _, w := range notWant {
		if strings.Contains(exports, w) {
			f.t.Errorf("aws-exports.js has %q of another environment:\n%s", w, exports)
		}
	}
}
