package graphql

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
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
