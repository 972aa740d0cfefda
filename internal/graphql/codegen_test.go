package graphql

import (
	"bytes"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

func TestStatements(t *testing.T) {
	for _, tc := range testSchemas {
		t.Run(tc.name, func(t *testing.T) {
			q, m, s, err := Statements(tc.schema())
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name string
				data []byte
				op   ast.Operation
			}{
				{"queries", q, ast.Query},
				{"mutations", m, ast.Mutation},
				{"subscriptions", s, ast.Subscription},
			} {
				checkStatements(t, f.name, f.data, f.op)
				checkGolden(t, "codegen-"+tc.name+"-"+f.name+".js.golden", f.data)
			}
		})
	}
}

var exportRe = regexp.MustCompile("(?s)export const (\\w+) = /\\* GraphQL \\*/ `\n(.*?)`;\n")

// checkStatements checks codegen's file shape and that every statement is
// a GraphQL document of one operation of the file's kind, named as codegen
// names it (PascalCase of the root field), selecting that field.
func checkStatements(t *testing.T, file string, data []byte, op ast.Operation) {
	t.Helper()
	body, ok := bytes.CutPrefix(data, []byte(statementsHeader))
	if !ok {
		t.Fatalf("%s does not start with codegen's header:\n%s", file, data)
	}
	rest := exportRe.ReplaceAll(body, nil)
	if len(rest) > 0 {
		t.Errorf("%s: text outside the export statements: %q", file, rest)
	}
	matches := exportRe.FindAllSubmatch(body, -1)
	if len(matches) == 0 {
		t.Fatalf("%s: no statements", file)
	}
	for _, mt := range matches {
		field, src := string(mt[1]), string(mt[2])
		doc, err := parser.ParseQuery(&ast.Source{Name: file + ":" + field, Input: src})
		if err != nil {
			t.Errorf("%s %s does not parse: %v\n%s", file, field, err, src)
			continue
		}
		if len(doc.Operations) != 1 {
			t.Errorf("%s %s: %d operations", file, field, len(doc.Operations))
			continue
		}
		o := doc.Operations[0]
		if o.Operation != op || o.Name != strings.ToUpper(field[:1])+field[1:] {
			t.Errorf("%s %s: operation %s %s", file, field, o.Operation, o.Name)
		}
		root, ok := o.SelectionSet[0].(*ast.Field)
		if len(o.SelectionSet) != 1 || !ok || root.Name != field {
			t.Errorf("%s %s: root selection is not %s", file, field, field)
			continue
		}
		// Every variable is passed to the argument of the same name.
		for _, v := range o.VariableDefinitions {
			a := root.Arguments.ForName(v.Variable)
			if a == nil || a.Value.Kind != ast.Variable || a.Value.Raw != v.Variable {
				t.Errorf("%s %s: $%s is not passed as %s", file, field, v.Variable, v.Variable)
			}
		}
		if len(root.Arguments) != len(o.VariableDefinitions) {
			t.Errorf("%s %s: %d arguments for %d variables", file, field, len(root.Arguments), len(o.VariableDefinitions))
		}
		for _, line := range strings.Split(src, "\n") {
			if len(line) > printWidth && !strings.HasSuffix(line, "(") {
				t.Errorf("%s %s: line over %d columns: %q", file, field, printWidth, line)
			}
		}
	}
}

// TestWriteCall pins prettier's rule at the edge: 80 columns fit, 81 break.
func TestWriteCall(t *testing.T) {
	tests := []struct {
		name, head string
		items      []string
		want       string
	}{
		{"no items", "onX", nil, "  onX {\n"},
		{"80 columns", "query " + strings.Repeat("A", 53), []string{"$id: ID!", "$b: X"},
			"  query " + strings.Repeat("A", 53) + "($id: ID!, $b: X) {\n"},
		{"81 columns", "query " + strings.Repeat("A", 54), []string{"$id: ID!", "$b: X"},
			"  query " + strings.Repeat("A", 54) + "(\n    $id: ID!\n    $b: X\n  ) {\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			writeCall(&b, 2, tc.head, tc.items)
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
		})
	}
}

func TestStatementsErrors(t *testing.T) {
	tests := []struct {
		name   string
		schema *Schema
		want   string
	}{
		{"no key", &Schema{Models: []*Model{{Name: "A", Plural: "As"}}}, "generate statements for model A: no primary key"},
		{"key not a field", &Schema{Models: []*Model{{Name: "A", Plural: "As", PrimaryKey: []string{"id"}}}},
			"generate statements for model A: key field id is not a field"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := Statements(tc.schema)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
		})
	}
	q, m, s, err := Statements(&Schema{})
	if err != nil || q != nil || m != nil || s != nil {
		t.Errorf("no models: got %q %q %q %v, want no files", q, m, s, err)
	}
}

// TestStatementsMatchAmplifyJS compares the variables of our get, list and
// index statements with those of the documents aws-amplify v6 builds for
// the same fields from the model introspection (its own copy of the
// transformer's argument names and types, @aws-amplify/data-schema
// APIClient.mjs). The library orders them differently, so they are
// compared as name → type. Needs `make deps`.
func TestStatementsMatchAmplifyJS(t *testing.T) {
	for _, tc := range testSchemas {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.schema()
			queries, _, _, err := Statements(s)
			if err != nil {
				t.Fatal(err)
			}
			ours := map[string]map[string]string{}
			for _, mt := range exportRe.FindAllSubmatch(queries, -1) {
				ours[string(mt[1])] = variableTypes(t, string(mt[2]))
			}
			client := runIntrospectionJS(t, s)
			if len(client.Requests) == 0 {
				t.Fatal("the library sent no requests")
			}
			for _, r := range client.Requests {
				field := rootField(r.Query)
				want, ok := ours[field]
				if !ok {
					t.Errorf("the library queried %s, which queries.js lacks", field)
					continue
				}
				if got := variableTypes(t, r.Query); !maps.Equal(got, want) {
					t.Errorf("%s: the library's variables %v, ours %v", field, got, want)
				}
			}
		})
	}
}

func variableTypes(t *testing.T, src string) map[string]string {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: src})
	if err != nil {
		t.Fatalf("parse %s: %v", src, err)
	}
	vars := map[string]string{}
	for _, v := range doc.Operations[0].VariableDefinitions {
		vars[v.Variable] = v.Type.String()
	}
	return vars
}

// The sources of the hand-built test schemas (introspection_test.go).
var testSchemaSources = map[string]string{
	"todo": `type Todo @model @auth(rules: [{allow: owner}]) { id: ID! name: String! description: String }`,
	"shop": `enum Status { OPEN CLOSED }
type Order @model @auth(rules: [{allow: groups, groups: ["Admins"]}, {allow: private, provider: iam, operations: [read]}]) {
  customerId: ID! @primaryKey(sortKeyFields: ["placedAt"])
  placedAt: AWSDateTime!
  status: Status! @index(name: "byStatus", queryField: "ordersByStatus", sortKeyFields: ["placedAt"])
  tags: [String!]
  lines: [Int]!
  email: AWSEmail @index(name: "byEmail")
}
type Category @model @auth(rules: [{allow: public}]) { name: String! }
type Note @model { text: String }
`,
}

// TestTestSchemasParse checks that the hand-built schemas the generators
// are tested on are what Parse makes of their sources.
func TestTestSchemasParse(t *testing.T) {
	for _, tc := range testSchemas {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.name+".graphql", []byte(testSchemaSources[tc.name]))
			if err != nil {
				t.Fatal(err)
			}
			ignore := cmpopts.IgnoreTypes(Pos{})
			if d := cmp.Diff(tc.schema(), got, ignore, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("Parse differs from the hand-built schema (-hand +Parse):\n%s", d)
			}
		})
	}
}

// codegenPrelude declares (as appsync_test.go's appSyncPrelude) what AppSync has built in, so that gqlparser can
// load the SDL AppSyncSchema renders.
const codegenPrelude = `
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
`

// TestStatementsValidateAgainstAppSyncSchema validates every statement
// against the schema AppSync gets (AppSyncSchema): the fields, arguments
// and input types the statements name exist with those types.
func TestStatementsValidateAgainstAppSyncSchema(t *testing.T) {
	for _, tc := range testSchemas {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.schema()
			sdl, err := AppSyncSchema(s, []string{"AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "API_KEY"})
			if err != nil {
				t.Fatal(err)
			}
			schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "appsync.graphql", Input: codegenPrelude + sdl})
			if gerr != nil {
				t.Fatalf("load AppSync schema: %v", gerr)
			}
			q, m, sub, err := Statements(s)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, file := range [][]byte{q, m, sub} {
				for _, mt := range exportRe.FindAllSubmatch(file, -1) {
					n++
					doc, gerr := gqlparser.LoadQuery(schema, string(mt[2]))
					if gerr != nil {
						t.Errorf("%s is not valid against AppSyncSchema: %v", mt[1], gerr)
						continue
					}
					if errs := validator.Validate(schema, doc); len(errs) > 0 {
						t.Errorf("%s: %v", mt[1], errs)
					}
				}
			}
			if want := 8 * len(s.Models); n < want {
				t.Errorf("validated %d statements, want at least %d", n, want)
			}
		})
	}
}
