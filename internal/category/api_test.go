package category

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

func TestHTTPMethods(t *testing.T) {
	cases := []struct {
		ops  []string
		want []string
	}{
		{[]string{OpCreate}, []string{"POST"}},
		{[]string{OpRead}, []string{"GET"}},
		{[]string{OpUpdate}, []string{"PUT", "PATCH"}},
		{[]string{OpDelete, OpCreate}, []string{"POST", "DELETE"}},
		{APIOps, []string{"*"}},
		{[]string{}, nil},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, HTTPMethods(c.ops)); diff != "" {
			t.Errorf("HTTPMethods(%v) (-want +got):\n%s", c.ops, diff)
		}
	}
}

func TestExecuteARNs(t *testing.T) {
	e := Env{Project: "acme", Env: "prod", Region: "cn-north-1", Account: "123456789012"}
	got := ExecuteARNs(e, "ApiShop", "/items/{id}/notes", []string{"GET", "PUT"})
	want := []string{
		"arn:aws-cn:execute-api:cn-north-1:123456789012:${ApiShop}/prod/GET/items/*/notes/*",
		"arn:aws-cn:execute-api:cn-north-1:123456789012:${ApiShop}/prod/GET/items/*/notes",
		"arn:aws-cn:execute-api:cn-north-1:123456789012:${ApiShop}/prod/PUT/items/*/notes/*",
		"arn:aws-cn:execute-api:cn-north-1:123456789012:${ApiShop}/prod/PUT/items/*/notes",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestInvokeStatementAuthAndGuestDiffer(t *testing.T) {
	e := Env{Project: "acme", Env: "dev", Region: "us-east-1", Account: "123456789012"}
	a := RestAPI{Name: "shop", Authorizer: project.AuthorizerIAM, Paths: []project.APIPath{
		{Path: "/items", Function: "fn", AuthAccess: APIOps, GuestAccess: []string{OpRead}},
		{Path: "/orders", Function: "fn", AuthAccess: []string{OpCreate}},
	}}
	resources := func(st cfn.Statement) []string {
		var out []string
		for _, r := range st.Resource {
			out = append(out, strings.TrimPrefix(r.(cfn.Sub).Sub, "arn:aws:execute-api:us-east-1:123456789012:${ApiShop}/dev/"))
		}
		return out
	}
	auth, ok := a.InvokeStatement(e, false)
	if !ok || !cmp.Equal(auth.Action, []string{"execute-api:Invoke"}) {
		t.Fatalf("auth statement %+v", auth)
	}
	if diff := cmp.Diff([]string{"*/items/*", "*/items", "POST/orders/*", "POST/orders"}, resources(auth)); diff != "" {
		t.Errorf("auth (-want +got):\n%s", diff)
	}
	guest, ok := a.InvokeStatement(e, true)
	if diff := cmp.Diff([]string{"GET/items/*", "GET/items"}, resources(guest)); !ok || diff != "" {
		t.Errorf("guest (-want +got):\n%s", diff)
	}
	a.Paths[0].GuestAccess = nil
	if _, ok := a.InvokeStatement(e, true); ok {
		t.Error("a guest statement without guest access")
	}
}

func TestPathKeys(t *testing.T) {
	if got := pathKey("/items/{id}/my-notes"); got != "ItemsParamIdMyNotes" {
		t.Errorf("pathKey = %q", got)
	}
	if err := CheckPathKeys([]string{"/my-items", "/myItems"}); err == nil {
		t.Error("/my-items and /myItems share logical ids, want an error")
	}
	if err := CheckPathKeys([]string{"/items", "/orders", "/items"}); err != nil {
		t.Errorf("distinct keys: %v", err)
	}
}

func TestAddRestAPIRules(t *testing.T) {
	path := func(p string, auth, guest []string) project.APIPath {
		return project.APIPath{Path: p, Function: "shopfn", AuthAccess: auth, GuestAccess: guest}
	}
	iam := func(paths ...project.APIPath) project.RestAPI {
		return project.RestAPI{Name: "shop", Authorizer: project.AuthorizerIAM, Paths: paths}
	}
	userpool := func(paths ...project.APIPath) project.RestAPI {
		return project.RestAPI{Name: "shop", Authorizer: project.AuthorizerUserPool, Paths: paths}
	}
	cases := []struct {
		name     string
		auth     *project.ImportedAuth
		in       project.RestAPI
		wantCode int
		wantMsgs []string
	}{
		{"iam with an identity pool", testAuth(false), iam(path("/items", APIOps, nil)), exit.OK, nil},
		{"guests allowed", testAuth(true), iam(path("/items", APIOps, []string{OpRead})), exit.OK, nil},
		{"userpool on a user pool only import", userPoolOnly(), userpool(path("/items", APIOps, nil)), exit.OK, nil},
		{"no auth", nil, iam(path("/items", APIOps, nil)), exit.Requirements, []string{"has none", "ampgo import auth"}},
		{"iam without an identity pool", userPoolOnly(), iam(path("/items", APIOps, nil)), exit.Requirements, []string{"without an identity pool"}},
		{"guests not allowed", testAuth(false), iam(path("/items", APIOps, []string{OpRead})), exit.Requirements,
			[]string{"does not allow unauthenticated identities", "Guest access > Activate"}},
		{"userpool with guests", testAuth(true), userpool(path("/items", APIOps, []string{OpRead})), exit.Usage, []string{"no user pool token", "--authorizer iam"}},
		{"userpool with some operations", testAuth(false), userpool(path("/items", []string{OpRead}, nil)), exit.Usage, []string{"must be create,read,update,delete"}},
		{"unknown function", testAuth(false), project.RestAPI{Name: "shop", Authorizer: project.AuthorizerIAM,
			Paths: []project.APIPath{{Path: "/items", Function: "nope", AuthAccess: APIOps}}}, exit.Usage, []string{`function "nope"`, "ampgo add function --name nope"}},
		{"bad path", testAuth(false), iam(path("items", APIOps, nil)), exit.Usage, []string{"must start with /"}},
		{"proxy path", testAuth(false), iam(path("/items/{proxy+}", APIOps, nil)), exit.Usage, []string{"invalid segment"}},
		{"parameter under a path", testAuth(false), iam(path("/items", APIOps, nil), path("/items/{id}", APIOps, nil)), exit.Usage,
			[]string{"already served by /items/{proxy+}"}},
		{"no paths and no operations", testAuth(false), iam(), exit.Usage, []string{"at least one path"}},
		{"every problem at once", nil, project.RestAPI{Name: "1shop", Authorizer: project.AuthorizerIAM,
			Paths: []project.APIPath{path("/a b", nil, nil)}}, exit.Requirements,
			[]string{"invalid api name", "invalid segment", "at least one operation", "has none"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newProject(t, c.auth)
			if err := AddFunction(p, project.Function{Name: "shopfn", Runtime: DefaultRuntime}); err != nil {
				t.Fatal(err)
			}
			err := AddRestAPI(p, c.in)
			if got := exit.Code(err); got != c.wantCode {
				t.Fatalf("exit %d, want %d (%v)", got, c.wantCode, err)
			}
			for _, want := range c.wantMsgs {
				if !strings.Contains(err.Error()+exit.Hint(err), want) {
					t.Errorf("error lacks %q:\n%v\nhint: %s", want, err, exit.Hint(err))
				}
			}
			apis, _, _ := p.RestAPIs()
			if (err == nil) != (len(apis) == 1) {
				t.Errorf("recorded %d APIs after error %v", len(apis), err)
			}
		})
	}
}

// TestCheckAPIsAtPush: an environment whose imported auth cannot carry the
// API, or a function the API needs that is gone, stops the push (exit 3).
func TestCheckAPIsAtPush(t *testing.T) {
	api := project.RestAPI{Name: "shop", Authorizer: project.AuthorizerIAM, Paths: []project.APIPath{
		{Path: "/items", Function: "shopfn", AuthAccess: APIOps, GuestAccess: []string{OpRead}}}}
	fns := []project.Function{{Name: "shopfn"}}
	if err := CheckAPIs(testAuth(true), []project.RestAPI{api}, fns); err != nil {
		t.Errorf("fit env: %v", err)
	}
	err := CheckAPIs(testAuth(false), []project.RestAPI{api}, nil)
	if exit.Code(err) != exit.Requirements {
		t.Fatalf("exit %d (%v)", exit.Code(err), err)
	}
	for _, want := range []string{"api shop path /items needs function \"shopfn\"", "unauthenticated identities", "ampgo remove api --name shop"} {
		if !strings.Contains(err.Error()+exit.Hint(err), want) {
			t.Errorf("error lacks %q:\n%v\nhint: %s", want, err, exit.Hint(err))
		}
	}
}

func TestAddGraphQLAPIRules(t *testing.T) {
	publicIAM := []byte("type Note @model @auth(rules: [{allow: public, provider: iam, operations: [read]}, {allow: owner}]) {\n  text: String\n}\n")
	cases := []struct {
		name     string
		auth     *project.ImportedAuth
		modes    []string
		schema   []byte
		wantCode int
		wantMsgs []string
	}{
		{"starter on user pools", testAuth(false), []string{project.AuthUserPools}, []byte(StarterSchema), exit.OK, nil},
		{"starter on a user pool only import", userPoolOnly(), []string{project.AuthUserPools, project.AuthAPIKey}, []byte(StarterSchema), exit.OK, nil},
		{"owner rule without user pools", testAuth(false), []string{project.AuthAPIKey}, []byte(StarterSchema), exit.Usage,
			[]string{"schema.graphql:3:32", "needs authorization mode AMAZON_COGNITO_USER_POOLS", "--additional-auth userpool"}},
		{"public iam without guests", testAuth(false), []string{project.AuthUserPools, project.AuthIAM}, publicIAM, exit.Requirements,
			[]string{"does not allow unauthenticated identities"}},
		{"public iam with guests", testAuth(true), []string{project.AuthUserPools, project.AuthIAM}, publicIAM, exit.OK, nil},
		{"iam without an identity pool", userPoolOnly(), []string{project.AuthUserPools, project.AuthIAM}, publicIAM, exit.Requirements,
			[]string{"without an identity pool"}},
		{"no auth", nil, []string{project.AuthUserPools}, []byte(StarterSchema), exit.Requirements, []string{"ampgo import auth"}},
		{"unsupported directive", testAuth(false), []string{project.AuthUserPools}, []byte("type A @model {\n  b: [B] @hasMany\n}\ntype B @model { x: String }\n"),
			exit.Usage, []string{"@hasMany", "schema.graphql:2:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := newProject(t, c.auth)
			err := AddGraphQLAPI(p, project.GraphQLAPI{Name: "data", Modes: c.modes}, c.schema, time.Unix(1767225600, 0))
			if got := exit.Code(err); got != c.wantCode {
				t.Fatalf("exit %d, want %d (%v)", got, c.wantCode, err)
			}
			for _, want := range c.wantMsgs {
				if !strings.Contains(err.Error()+exit.Hint(err), want) {
					t.Errorf("error lacks %q:\n%v\nhint: %s", want, err, exit.Hint(err))
				}
			}
			apis, _ := p.GraphQLAPIs()
			if (err == nil) != (len(apis) == 1) {
				t.Fatalf("recorded %d APIs after error %v", len(apis), err)
			}
			withKey := len(c.modes) > 1 && c.modes[1] == project.AuthAPIKey
			if err == nil && withKey && (apis[0].APIKeyExpirationDays != 7 || apis[0].APIKeyExpires != 1767225600+7*86400) {
				t.Errorf("API key expiry %d days, at %d", apis[0].APIKeyExpirationDays, apis[0].APIKeyExpires)
			}
		})
	}
}
