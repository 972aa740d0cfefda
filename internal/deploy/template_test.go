package deploy

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

var (
	goldenEnv   = category.Env{Project: "acmeapp", Env: "dev", Region: "us-east-1", Account: "123456789012"}
	goldenRoles = category.ImportedRoles{Auth: "acme-auth-role", Unauth: "acme-unauth-role"}
)

// templateCases are the stacks pinned by golden files and linted with
// cfn-lint: each storage and function variant, and both together.
var templateCases = []struct {
	name      string
	storages  []category.Storage
	functions []category.Function
	apis      []category.RestAPI
	gql       string // a GraphQL API's schema (API "notes", all three modes)
}{
	{name: "storage-auth-only", storages: []category.Storage{
		{Name: "files", BucketPrefix: "acmeapp-files", AuthAccess: []string{category.OpRead}}}},
	{name: "storage-auth-and-guest", storages: []category.Storage{
		{Name: "photos", BucketPrefix: "acmeapp-photos", AuthAccess: category.StorageOps, GuestAccess: []string{category.OpRead}}}},
	{name: "function-without-auth", functions: []category.Function{
		{Name: "plain", Runtime: "python3.13", CodeKey: "amplify-builds/plain-0123456789abcdef.zip"}}},
	{name: "function-full-auth-access", functions: []category.Function{
		{Name: "admin", Runtime: "nodejs24.x", CodeKey: "amplify-builds/admin-0123456789abcdef.zip",
			Auth: &category.FunctionAuth{Resource: "acmeapp", UserPoolID: "us-east-1_AbC123xYz", Ops: category.FunctionAuthOps}}}},
	{name: "storage-and-functions",
		storages: []category.Storage{
			{Name: "files", BucketPrefix: "acmeapp-files", AuthAccess: category.StorageOps, GuestAccess: []string{category.OpRead, category.OpCreate}}},
		functions: []category.Function{
			{Name: "hello", Runtime: "nodejs22.x", CodeKey: "amplify-builds/hello-0123456789abcdef.zip",
				Auth: &category.FunctionAuth{Resource: "acmeapp", UserPoolID: "us-east-1_AbC123xYz", Ops: []string{category.OpRead}}},
			{Name: "report", Runtime: "python3.13", CodeKey: "amplify-builds/report-0123456789abcdef.zip"}}},
	{name: "rest-api-iam",
		functions: []category.Function{{Name: "items", Runtime: "nodejs22.x", CodeKey: "amplify-builds/items-0123456789abcdef.zip"},
			{Name: "reports", Runtime: "python3.13", CodeKey: "amplify-builds/reports-0123456789abcdef.zip"}},
		apis: []category.RestAPI{{Name: "shop", Authorizer: project.AuthorizerIAM, Paths: []project.APIPath{
			{Path: "/items", Function: "items", AuthAccess: category.APIOps, GuestAccess: []string{category.OpRead}},
			{Path: "/reports/{year}/summary", Function: "reports", AuthAccess: []string{category.OpRead, category.OpUpdate}}}}}},
	{name: "rest-api-userpool",
		functions: []category.Function{{Name: "items", Runtime: "nodejs22.x", CodeKey: "amplify-builds/items-0123456789abcdef.zip"}},
		apis: []category.RestAPI{{Name: "members", Authorizer: project.AuthorizerUserPool, UserPoolID: "us-east-1_AbC123xYz",
			Paths: []project.APIPath{{Path: "/profile", Function: "items", AuthAccess: category.APIOps}}}}},
	{name: "graphql-three-modes", gql: `type Todo @model @auth(rules: [{allow: owner}, {allow: private, provider: iam, operations: [read]}]) {
  name: String!
  status: String @index(name: "byStatus", queryField: "todosByStatus")
}
type Notice @model @auth(rules: [{allow: public, provider: iam, operations: [read]}, {allow: groups, groups: ["Admins"]}, {allow: public, provider: apiKey}]) {
  text: String!
}`},
}

func buildCase(t *testing.T, i int) *cfn.Template {
	t.Helper()
	c := templateCases[i]
	var gqls []category.GraphQLAPI
	if c.gql != "" {
		schema, err := graphql.Parse("schema.graphql", []byte(c.gql))
		if err != nil {
			t.Fatal(err)
		}
		g := category.GraphQLAPI{Name: "notes", Modes: []string{project.AuthUserPools, project.AuthIAM, project.AuthAPIKey},
			APIKeyExpires: 1_900_000_000, UserPoolID: "us-east-1_AbC123xYz", Schema: schema}
		rc := graphql.ResolverConfig{Account: goldenEnv.Account, AuthRoleName: goldenRoles.Auth, UnauthRoleName: goldenRoles.Unauth}
		if err := withResolvers(&g, rc); err != nil {
			t.Fatal(err)
		}
		gqls = append(gqls, g)
	}
	tmpl, err := BuildTemplate(goldenEnv, goldenRoles, c.storages, c.functions, c.apis, gqls...)
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// TestTemplateGolden compares each template byte for byte with
// testdata/<case>.template.json.golden (go test -update rewrites them).
func TestTemplateGolden(t *testing.T) {
	for i, c := range templateCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := buildCase(t, i).JSON()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", c.name+".template.json.golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test -update): %v", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("template differs from %s (-golden +got):\n%s", path, diff)
			}
		})
	}
}

// TestTemplateReferencesImportedResourcesOnly proves the promise: the
// imported roles are only named in AWS::IAM::Policy resources, the pool only
// in an ARN, and no Cognito or imported role is a resource.
func TestTemplateReferencesImportedResourcesOnly(t *testing.T) {
	for i, c := range templateCases {
		tmpl := buildCase(t, i)
		for id, r := range tmpl.Resources {
			if strings.HasPrefix(r.Type, "AWS::Cognito::") {
				t.Errorf("%s: %s is a Cognito resource", c.name, id)
			}
			// A function's own role, or a GraphQL API's AppSync service role.
			if r.Type == cfn.TypeRole && !strings.HasPrefix(id, "Function") && !(strings.HasPrefix(id, "Gql") && strings.HasSuffix(id, "Role")) {
				t.Errorf("%s: role %s is neither a function's nor an AppSync API's own role", c.name, id)
			}
		}
		body, _ := tmpl.Body()
		if strings.Contains(body, "Fn::ImportValue") || strings.Contains(body, `"Parameters"`) {
			t.Errorf("%s: the template takes imported values from elsewhere", c.name)
		}
		// GraphQL resolvers make a template larger than an inline body: push
		// then deploys it from the deployment bucket (TemplateURL).
		if len(body) > cfn.MaxBodySize && c.gql == "" || len(body) > cfn.MaxURLBodySize {
			t.Errorf("%s: %d bytes, over the limit", c.name, len(body))
		}
	}
}

// TestTemplatesPassCfnLint runs cfn-lint on every golden template. cfn-lint
// is preinstalled on our machines (pip install cfn-lint elsewhere); the test
// fails rather than skips without it, like the moto tests.
func TestTemplatesPassCfnLint(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, c := range templateCases {
		body, err := buildCase(t, i).JSON()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, c.name+".json")
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	testenv.CfnLint(t, files...)
}
