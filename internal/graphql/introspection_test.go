package graphql

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ampgo/ampgo/internal/testenv"
)

// introspectionSchemaFile is amplify-codegen's own JSON schema of the
// format, copied unchanged from aws-amplify/amplify-codegen
// packages/appsync-modelgen-plugin/schemas/introspection/1/ModelIntrospectionSchema.json
// (last changed in b4821bd3e02b41d35f1cf00f8076c84740975659; read at
// 9e11644cd36ea5fc79af3b7f8b4d9b132f3badf0, reference
// amplify-api-behaviour.md §3). codegen validates its own output with it.
var introspectionSchemaFile = filepath.Join("testdata", "introspection-ModelIntrospectionSchema.json")

// The hand-built schemas the generators of this file's helper (H-C) are
// tested on, as Parse is meant to return them (model.go: implicit fields
// after the declared ones, normalized rules).

// todoSchema is the starter schema:
//
//	type Todo @model @auth(rules: [{allow: owner}]) { id: ID! name: String! description: String }
func todoSchema() *Schema {
	return &Schema{Models: []*Model{{
		Name: "Todo", Plural: "Todos",
		Fields: []Field{
			{Name: "id", Type: "ID", Required: true},
			{Name: "name", Type: "String", Required: true},
			{Name: "description", Type: "String"},
			{Name: "createdAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
			{Name: "updatedAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
			{Name: "owner", Type: "String", Implicit: true},
		},
		PrimaryKey: []string{"id"},
		Rules: []Rule{{
			Allow: AllowOwner, Provider: ProviderUserPools, OwnerField: "owner",
			IdentityClaim: "sub::username", Operations: []string{OpCreate, OpRead, OpUpdate, OpDelete},
		}},
	}}}
}

// shopSchema covers the rest: an enum, lists, a custom primary key with a
// sort key, an index with and one without a query field, group, private
// IAM and public API-key rules, a model without @auth, a plural that is not
// name+s.
//
//	enum Status { OPEN CLOSED }
//	type Order @model @auth(rules: [{allow: groups, groups: ["Admins"]}, {allow: private, provider: iam, operations: [read]}]) {
//	  customerId: ID! @primaryKey(sortKeyFields: ["placedAt"])
//	  placedAt: AWSDateTime!
//	  status: Status! @index(name: "byStatus", queryField: "ordersByStatus", sortKeyFields: ["placedAt"])
//	  tags: [String!]
//	  lines: [Int]!
//	  email: AWSEmail @index(name: "byEmail")
//	}
//	type Category @model @auth(rules: [{allow: public}]) { name: String! }
//	type Note @model { text: String }
func shopSchema() *Schema {
	ts := func(name string) Field {
		return Field{Name: name, Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true}
	}
	all := []string{OpCreate, OpRead, OpUpdate, OpDelete}
	return &Schema{
		Enums: []*Enum{{Name: "Status", Values: []string{"OPEN", "CLOSED"}}},
		Models: []*Model{
			{
				Name: "Order", Plural: "Orders",
				Fields: []Field{
					{Name: "customerId", Type: "ID", Required: true},
					{Name: "placedAt", Type: "AWSDateTime", Required: true},
					{Name: "status", Type: "Status", Required: true, Enum: true},
					{Name: "tags", Type: "String", List: true, ListItemRequired: true},
					{Name: "lines", Type: "Int", List: true, Required: true},
					{Name: "email", Type: "AWSEmail"},
					ts("createdAt"), ts("updatedAt"),
				},
				PrimaryKey: []string{"customerId", "placedAt"},
				Indexes: []Index{
					{Name: "byStatus", Fields: []string{"status", "placedAt"}, QueryField: "ordersByStatus"},
					{Name: "byEmail", Fields: []string{"email"}},
				},
				Rules: []Rule{
					{Allow: AllowGroups, Provider: ProviderUserPools, Groups: []string{"Admins"}, Operations: all},
					{Allow: AllowPrivate, Provider: ProviderIAM, Operations: []string{OpRead}},
				},
			},
			{
				Name: "Category", Plural: "Categories",
				Fields: []Field{
					{Name: "name", Type: "String", Required: true},
					{Name: "id", Type: "ID", Required: true, Implicit: true},
					ts("createdAt"), ts("updatedAt"),
				},
				PrimaryKey: []string{"id"},
				Rules:      []Rule{{Allow: AllowPublic, Provider: ProviderAPIKey, Operations: all}},
			},
			{
				Name: "Note", Plural: "Notes",
				Fields: []Field{
					{Name: "text", Type: "String"},
					{Name: "id", Type: "ID", Required: true, Implicit: true},
					ts("createdAt"), ts("updatedAt"),
				},
				PrimaryKey: []string{"id"},
			},
		},
	}
}

var testSchemas = []struct {
	name   string
	schema func() *Schema
}{
	{"todo", todoSchema},
	{"shop", shopSchema},
}

func compileIntrospectionSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(introspectionSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("ModelIntrospectionSchema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("ModelIntrospectionSchema.json")
	if err != nil {
		t.Fatalf("compile %s: %v", introspectionSchemaFile, err)
	}
	return sch
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (go test -run %s -update writes it): %v", t.Name(), err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", path, got)
	}
}

func TestModelIntrospection(t *testing.T) {
	sch := compileIntrospectionSchema(t)
	for _, tc := range testSchemas {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ModelIntrospection(tc.schema())
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("not JSON: %v\n%s", err, got)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("does not validate against codegen's schema: %v", err)
			}
			again, err := ModelIntrospection(tc.schema())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Error("two runs gave different bytes")
			}
			checkGolden(t, "introspection-"+tc.name+".golden", got)
		})
	}
}

func TestModelIntrospectionErrors(t *testing.T) {
	tests := []struct {
		name   string
		schema *Schema
		want   string
	}{
		{"unknown type", &Schema{Models: []*Model{{Name: "A", Plural: "As", PrimaryKey: []string{"id"},
			Fields: []Field{{Name: "id", Type: "ID", Required: true}, {Name: "b", Type: "B"}}}}},
			"introspect field A.b: unknown type B"},
		{"no key", &Schema{Models: []*Model{{Name: "A", Plural: "As"}}}, "introspect model A: no primary key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ModelIntrospection(tc.schema)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
		})
	}
}

// jsClient is what tools/amplify-js-check/introspection.mjs reports.
type jsClient struct {
	Models   map[string][]string
	Requests []struct{ Model, Query string }
}

// runIntrospectionJS hands s's model introspection to the real aws-amplify
// v6 library: Amplify.configure with it as API.GraphQL.modelIntrospection,
// generateClient() from aws-amplify/data, then list(), get() and each index
// query of every model against a stubbed fetch. Needs `make deps`.
func runIntrospectionJS(t *testing.T, s *Schema) jsClient {
	t.Helper()
	node, dir := testenv.AmplifyJSCheck(t)
	if v, err := os.ReadFile(filepath.Join(dir, "node_modules", "aws-amplify", "package.json")); err == nil {
		var pkg struct{ Version string }
		_ = json.Unmarshal(v, &pkg)
		t.Logf("aws-amplify %s", pkg.Version)
	}
	doc, err := ModelIntrospection(s)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "model-introspection.json")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "introspection.mjs", file)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node introspection.mjs: %v\n%s", err, stderr.Bytes())
	}
	var got jsClient
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return got
}

// TestModelIntrospectionAmplifyJS checks that the real library reads the
// document: every model gets the model methods, each index query field its
// own method, and list()/get()/index queries send listX/getX/<queryField>
// (the names of model.go) selecting the fields of the document.
func TestModelIntrospectionAmplifyJS(t *testing.T) {
	for _, tc := range testSchemas {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.schema()
			got := runIntrospectionJS(t, s)
			if len(got.Models) != len(s.Models) {
				t.Errorf("client.models has %d models, want %d: %v", len(got.Models), len(s.Models), got.Models)
			}
			for _, m := range s.Models {
				methods := got.Models[m.Name]
				want := []string{"get", "list", "create", "update", "delete", "onCreate", "onUpdate", "onDelete", "observeQuery"}
				wantRoots := []string{m.ListField(), m.GetField()}
				for _, ix := range m.Indexes {
					if ix.QueryField != "" {
						want = append(want, ix.QueryField)
						wantRoots = append(wantRoots, ix.QueryField)
					}
				}
				for _, w := range want {
					if !slices.Contains(methods, w) {
						t.Errorf("client.models.%s has no %s(); it has %v", m.Name, w, methods)
					}
				}
				var roots []string
				for _, r := range got.Requests {
					if r.Model != m.Name {
						continue
					}
					roots = append(roots, rootField(r.Query))
					for _, f := range m.Fields {
						if f.Implicit && !f.ReadOnly && f.Name != "id" {
							continue // owner fields are not in the document
						}
						if !strings.Contains(r.Query, "\n      "+f.Name+"\n") && !strings.Contains(r.Query, "\n    "+f.Name+"\n") {
							t.Errorf("%s does not select %s.%s:\n%s", rootField(r.Query), m.Name, f.Name, r.Query)
						}
					}
				}
				if !slices.Equal(roots, wantRoots) {
					t.Errorf("%s: the library sent %v, want %v", m.Name, roots, wantRoots)
				}
			}
		})
	}
}

// rootField is the first field of an operation's selection set.
func rootField(query string) string {
	_, after, ok := strings.Cut(query, "{")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(strings.TrimSpace(after), "(")
	name, _, _ = strings.Cut(name, " ")
	return strings.TrimSpace(name)
}
