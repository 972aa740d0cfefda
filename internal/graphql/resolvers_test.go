package graphql

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestResolversCoverSchema checks that Resolvers returns exactly one
// resolver per root field of the AppSync SDL, in the SDL's order, on the
// model's data source (NONE for subscriptions), each an ES module with
// request and response.
func TestResolversCoverSchema(t *testing.T) {
	schemas := append([]struct {
		name  string
		modes []string
		src   string
	}{{"exec", []string{ModeUserPools, ModeIAM, ModeAPIKey}, execSchema}}, goldenSchemas...)
	for _, tc := range schemas {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.name+".graphql", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			sdl, err := AppSyncSchema(s, tc.modes)
			if err != nil {
				t.Fatal(err)
			}
			schema, err := gqlparser.LoadSchema(&ast.Source{Name: "prelude", Input: appSyncPrelude}, &ast.Source{Name: tc.name, Input: sdl})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, root := range []*ast.Definition{schema.Query, schema.Mutation, schema.Subscription} {
				for _, f := range root.Fields {
					if !strings.HasPrefix(f.Name, "__") {
						want = append(want, root.Name+"."+f.Name)
					}
				}
			}
			rs, err := Resolvers(s, execConfig)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, r.TypeName+"."+r.FieldName)
				if (r.TypeName == "Subscription") != (r.Model == "") {
					t.Errorf("%s.%s: data source model %q", r.TypeName, r.FieldName, r.Model)
				}
				for _, part := range []string{jsImport, "\nexport function request(ctx) {\n", "\nexport function response(ctx) {\n"} {
					if strings.Count(r.Code, part) != 1 {
						t.Errorf("%s.%s: want %q once in the code", r.TypeName, r.FieldName, part)
					}
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("resolvers differ from the SDL's root fields (-sdl +resolvers):\n%s", diff)
			}
		})
	}
}

// TestResolversCode checks the generated code for what only some schemas
// produce: the username of a sub::username owner, the role ARNs of iam
// rules (partition and account), the identity pool check, the Query of an
// index.
func TestResolversCode(t *testing.T) {
	tests := []struct {
		name, src, field string
		config           ResolverConfig
		want, never      []string
	}{
		{"sub::username owner shows the username", "type T @model @auth(rules: [{allow: owner}]) { a: String }", "getT", execConfig,
			[]string{`out["owner"] = usernameOf(out["owner"]);`, `values: [sub + '::' + username, username]`}, []string{"AUTH_ROLE"}},
		{"username owner is stored as is", `type T @model @auth(rules: [{allow: owner, ownerField: "by", identityClaim: "cognito:username"}]) { a: String }`, "getT", execConfig,
			[]string{`owners.push({ field: "by", values: [username] });`}, []string{"usernameOf(out["}},
		{"private iam with identity pool", "type T @model @auth(rules: [{allow: private, provider: iam}]) { a: String }", "createT",
			ResolverConfig{Account: "123456789012", Partition: "aws-cn", AuthRoleName: "auth", UnauthRoleName: "unauth", IdentityPoolID: "cn-north-1:p"},
			[]string{`const AUTH_ROLE = "arn:aws-cn:sts::123456789012:assumed-role/auth/CognitoIdentityCredentials";`,
				`if (arn === AUTH_ROLE || (pool === IDENTITY_POOL && kind === 'authenticated')) {`}, []string{"UNAUTH_ROLE ||", "User Pool Authorization"}},
		{"public iam without identity pool, default partition", "type T @model @auth(rules: [{allow: public, provider: iam, operations: [read]}]) { a: String }", "getT",
			ResolverConfig{Account: "123456789012", AuthRoleName: "auth", UnauthRoleName: "unauth"},
			[]string{`const UNAUTH_ROLE = "arn:aws:sts::123456789012:assumed-role/unauth/CognitoIdentityCredentials";`, `if (arn === AUTH_ROLE || arn === UNAUTH_ROLE) {`}, []string{"pool ==="}},
		{"rule without the operation refuses everyone", "type T @model @auth(rules: [{allow: public, operations: [read]}]) { a: String }", "deleteT", execConfig,
			[]string{"if (!full && owners.length === 0) {\n    util.unauthorized();"}, []string{"API Key Authorization"}},
		{"index query", `type T @model @auth(rules: [{allow: private}]) { s: String @index(name: "byS", sortKeyFields: ["n"], queryField: "tsByS") n: Int }`, "tsByS", execConfig,
			[]string{`req.index = "byS";`, `req.query = keyCondition("s", args["s"], "n", args["n"]);`}, nil},
		{"no @auth", "type T @model { a: String }", "updateT", execConfig,
			[]string{"function access() {\n  return { full: true, owners: [] };"}, []string{"util.authType()"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.graphql", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			rs, err := Resolvers(s, tc.config)
			if err != nil {
				t.Fatal(err)
			}
			code := ""
			for _, r := range rs {
				if r.FieldName == tc.field {
					code = r.Code
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(code, w) {
					t.Errorf("%s: missing %q in:\n%s", tc.field, w, code)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(code, n) {
					t.Errorf("%s: unexpected %q in:\n%s", tc.field, n, code)
				}
			}
		})
	}
}

func TestResolversConfigErrors(t *testing.T) {
	tests := []struct {
		name, src string
		config    ResolverConfig
		want      string
	}{
		{"iam rule without the account", "type T @model @auth(rules: [{allow: private, provider: iam}]) { a: String }",
			ResolverConfig{AuthRoleName: "auth"}, "generate resolvers: type T: an iam rule needs the account and the auth role name"},
		{"iam rule without the auth role", "type T @model @auth(rules: [{allow: private, provider: iam}]) { a: String }",
			ResolverConfig{Account: "123456789012"}, "needs the account and the auth role name"},
		{"public iam rule without the unauth role", "type T @model @auth(rules: [{allow: public, provider: iam}]) { a: String }",
			ResolverConfig{Account: "123456789012", AuthRoleName: "auth"}, "generate resolvers: type T: a public iam rule needs the unauth role name"},
		{"no iam rule needs nothing", "type T @model @auth(rules: [{allow: owner}, {allow: public}]) { a: String }", ResolverConfig{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.graphql", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Resolvers(s, tc.config)
			if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Resolvers error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestIAMFields(t *testing.T) {
	tests := []struct {
		name, src    string
		auth, unauth []string
	}{
		{"no iam rule", "type T @model @auth(rules: [{allow: owner}, {allow: public}]) { a: String }", nil, nil},
		{"private iam read", `type Post @model @auth(rules: [{allow: owner}, {allow: private, provider: iam, operations: [read]}]) {
  id: ID!
  s: String @index(name: "byS", queryField: "postsByS")
  t: String @index(name: "byT")
}`, []string{"ModelPostConnection/*", "Post/*", "Query/getPost", "Query/listPosts", "Query/postsByS",
			"Subscription/onCreatePost", "Subscription/onDeletePost", "Subscription/onUpdatePost"}, nil},
		{"public iam create, private iam all, two models, sorted and deduplicated", `type B @model @auth(rules: [{allow: public, provider: iam, operations: [create]}, {allow: private, provider: iam}]) { a: String }
type A @model @auth(rules: [{allow: public, provider: iam, operations: [create, delete]}]) { a: String }`,
			[]string{"A/*", "B/*", "ModelBConnection/*", "Mutation/createA", "Mutation/createB", "Mutation/deleteA", "Mutation/deleteB", "Mutation/updateB",
				"Query/getB", "Query/listBS", "Subscription/onCreateB", "Subscription/onDeleteB", "Subscription/onUpdateB"},
			[]string{"A/*", "B/*", "Mutation/createA", "Mutation/createB", "Mutation/deleteA"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.graphql", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			auth, unauth := IAMFields(s)
			if diff := cmp.Diff(tc.auth, auth, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("auth role fields (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.unauth, unauth, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("unauth role fields (-want +got):\n%s", diff)
			}
		})
	}
}
