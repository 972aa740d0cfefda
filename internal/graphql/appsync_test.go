package graphql

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ampgo/ampgo/internal/exit"
)

// appSyncPrelude declares what AppSync provides to every schema: its
// scalars and authorization and subscription directives
// (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html,
// …/security-authz.html, …/aws-appsync-real-time-data.html). It lives in the
// test only: AppSync rejects a schema that redeclares them.
const appSyncPrelude = `
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String!]) on OBJECT | FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
`

// goldenSchemas are the schemas whose AppSync SDL is golden-tested.
var goldenSchemas = []struct {
	name  string
	modes []string
	src   string
}{
	{"starter", []string{ModeUserPools}, `type Todo @model @auth(rules: [{allow: owner}]) {
  id: ID!
  name: String!
  description: String
}
`},
	{"multirule", []string{ModeUserPools, ModeIAM, ModeAPIKey}, `type Post @model @auth(rules: [
  {allow: owner, operations: [create, read, update]}
  {allow: groups, groups: ["Admin"]}
  {allow: private, provider: iam, operations: [read]}
  {allow: public, operations: [read]}
]) {
  title: String!
  tags: [String!]
  rating: Int
  score: Float
  published: Boolean
}
`},
	{"primarykey", []string{ModeUserPools}, `type Order @model @auth(rules: [{allow: private}]) {
  customerId: ID! @primaryKey(sortKeyFields: ["orderedAt"])
  orderedAt: AWSDateTime!
  status: String! @index(name: "byStatus", sortKeyFields: ["total"], queryField: "ordersByStatus")
  total: Int
  email: AWSEmail @index(name: "byEmail")
}
`},
	{"enum", []string{ModeUserPools, ModeAPIKey}, `enum Priority {
  LOW
  HIGH
}

type Task @model @auth(rules: [{allow: owner, ownerField: "author"}, {allow: public, operations: [read]}]) {
  id: ID!
  title: String!
  priority: Priority!
  labels: [Priority]
  dueOn: AWSDate
}
`},
}

func TestAppSyncSchemaGolden(t *testing.T) {
	for _, tc := range goldenSchemas {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.name+".graphql", []byte(tc.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := AppSyncSchema(s, tc.modes)
			if err != nil {
				t.Fatalf("AppSyncSchema: %v", err)
			}
			if _, err := gqlparser.LoadSchema(&ast.Source{Name: "prelude", Input: appSyncPrelude},
				&ast.Source{Name: tc.name, Input: got}); err != nil {
				t.Fatalf("generated SDL is not a valid schema: %v\n%s", err, got)
			}
			path := filepath.Join("testdata", "appsync-"+tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("AppSync SDL differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestAppSyncSchemaErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		modes    []string
		want     string
		wantCode int
	}{
		{"public rule without API key mode", "type T @model @auth(rules: [{allow: public}]) { a: String }", []string{ModeUserPools},
			"type T: @auth rule {allow: public, provider: apiKey} at 1:29 needs the API_KEY authorization mode", exit.Usage},
		{"iam rule without IAM mode", "type T @model @auth(rules: [{allow: private, provider: iam}]) { a: String }", []string{ModeUserPools, ModeAPIKey},
			"needs the AWS_IAM authorization mode", exit.Usage},
		{"no model", "enum E { A }", []string{ModeUserPools}, "the schema has no @model type", exit.Usage},
		{"no modes", "type T @model { a: String }", nil, "no authorization mode", exit.Failure},
		{"unknown mode", "type T @model { a: String }", []string{"OPENID_CONNECT"}, `authorization mode "OPENID_CONNECT" unknown`, exit.Failure},
		{"repeated mode", "type T @model { a: String }", []string{ModeIAM, ModeIAM}, `authorization mode "AWS_IAM" unknown or repeated`, exit.Failure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.graphql", []byte(tc.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			_, err = AppSyncSchema(s, tc.modes)
			if err == nil || !strings.Contains(err.Error(), tc.want) || exit.Code(err) != tc.wantCode {
				t.Errorf("AppSyncSchema error = %v (exit %d), want %q (exit %d)", err, exit.Code(err), tc.want, tc.wantCode)
			}
		})
	}
}

// TestAppSyncSchemaDirectives checks where the auth mode directives go:
// only with several modes, and on exactly the types and root fields the
// rules open to a mode other than the default alone.
func TestAppSyncSchemaDirectives(t *testing.T) {
	const src = `type Note @model @auth(rules: [{allow: owner}, {allow: public, provider: iam, operations: [read]}]) { a: String }
type Log @model { a: String }
type Pub @model @auth(rules: [{allow: public, operations: [create]}]) { a: String }`
	tests := []struct {
		name  string
		src   string
		modes []string
		want  []string // lines that must appear as is
		never string
	}{
		{"one mode", "type Note @model @auth(rules: [{allow: owner}, {allow: private}]) { a: String }", []string{ModeUserPools},
			[]string{"type Note {", "  getNote(id: ID!): Note"}, "@aws_cognito_user_pools"},
		{"default mode only", "type Note @model @auth(rules: [{allow: owner}, {allow: private}]) { a: String }", []string{ModeUserPools, ModeIAM},
			[]string{"type Note {", "  getNote(id: ID!): Note"}, "@aws_cognito_user_pools"},
		{"three modes", src, []string{ModeUserPools, ModeIAM, ModeAPIKey}, []string{
			"type Note @aws_cognito_user_pools @aws_iam {",
			"type ModelNoteConnection @aws_cognito_user_pools @aws_iam {",
			"  getNote(id: ID!): Note @aws_cognito_user_pools @aws_iam",
			"  createNote(input: CreateNoteInput!, condition: ModelNoteConditionInput): Note",
			"  onCreateNote(filter: ModelSubscriptionNoteFilterInput, owner: String): Note @aws_subscribe(mutations: [\"createNote\"]) @aws_cognito_user_pools @aws_iam",
			"type Log {",
			"  getLog(id: ID!): Log",
			"type Pub @aws_api_key {",
			"  getPub(id: ID!): Pub",
			"  createPub(input: CreatePubInput!, condition: ModelPubConditionInput): Pub @aws_api_key",
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.graphql", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := AppSyncSchema(s, tc.modes)
			if err != nil {
				t.Fatal(err)
			}
			lines := map[string]bool{}
			for _, l := range strings.Split(got, "\n") {
				lines[l] = true
			}
			for _, w := range tc.want {
				if !lines[w] {
					t.Errorf("missing line %q in:\n%s", w, got)
				}
			}
			if tc.never != "" && strings.Contains(got, tc.never) {
				t.Errorf("output contains %q:\n%s", tc.never, got)
			}
		})
	}
}
