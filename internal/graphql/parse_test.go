package graphql

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/exit"
)

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each must appear in the message
	}{
		{"hasMany", "type Post @model {\n  id: ID!\n  comments: [Comment] @hasMany\n}\ntype Comment @model { id: ID! }", []string{"s.graphql:3:24: @hasMany is not supported", "s.graphql:3:14: field Post.comments: type Comment"}},
		{"belongsTo", "type C @model {\n  post: ID @belongsTo\n}", []string{"s.graphql:2:13: @belongsTo is not supported"}},
		{"hasOne", "type C @model {\n  x: ID @hasOne\n}", []string{"s.graphql:2:10: @hasOne is not supported"}},
		{"manyToMany", "type C @model {\n  x: ID @manyToMany(relationName: \"r\")\n}", []string{"s.graphql:2:10: @manyToMany is not supported"}},
		{"function", "type C @model {\n  x: String @function(name: \"f\")\n}", []string{"s.graphql:2:14: @function is not supported"}},
		{"http", "type C @model {\n  x: String @http(url: \"u\")\n}", []string{"s.graphql:2:14: @http is not supported"}},
		{"searchable", "type C @model @searchable {\n  x: String\n}", []string{"s.graphql:1:16: @searchable is not supported"}},
		{"default", "type C @model {\n  x: String @default(value: \"a\")\n}", []string{"s.graphql:2:14: @default is not supported"}},
		{"key v1", "type C @model @key(fields: [\"x\"]) {\n  x: String\n}", []string{"s.graphql:1:16: @key is not supported"}},
		{"connection v1", "type C @model {\n  x: String @connection\n}", []string{"s.graphql:2:14: @connection is not supported"}},
		{"unknown directive", "type C @model @cache {\n  x: String\n}", []string{"s.graphql:1:16: @cache is not supported"}},
		{"field auth", "type C @model {\n  x: String @auth(rules: [{allow: owner}])\n}", []string{"s.graphql:2:14: @auth is not supported here"}},
		{"model argument", "type C @model(subscriptions: null) {\n  x: String\n}", []string{"s.graphql:1:15: @model argument \"subscriptions\" is not supported"}},
		{"model timestamps", "type C @model(timestamps: {createdAt: \"c\"}) {\n  x: String\n}", []string{"@model argument \"timestamps\""}},
		{"non-model type", "type Address {\n  street: String\n}", []string{"s.graphql:1:6: type Address has no @model"}},
		{"custom query", "type Query {\n  hello: String\n}", []string{"s.graphql:1:6: type Query: custom operations"}},
		{"input type", "input I {\n  x: String\n}", []string{"s.graphql:1:7: input I: only object types"}},
		{"unknown type", "type C @model {\n  x: Money\n}", []string{"s.graphql:2:6: field C.x: type Money"}},
		{"list of lists", "type C @model {\n  x: [[String]]\n}", []string{"lists of lists"}},
		{"dynamic groups", "type C @model @auth(rules: [{allow: groups, groupsField: \"g\"}]) {\n  x: String\n}", []string{"s.graphql:1:59: @auth groups rule argument \"groupsField\" is not supported: dynamic groups"}},
		{"group claim", "type C @model @auth(rules: [{allow: groups, groups: [\"A\"], groupClaim: \"custom:g\"}]) {\n  x: String\n}", []string{"groupClaim \"custom:g\" is not supported"}},
		{"oidc provider", "type C @model @auth(rules: [{allow: owner, provider: oidc}]) {\n  x: String\n}", []string{"s.graphql:1:54: @auth owner rule provider \"oidc\" is not supported"}},
		{"private apiKey", "type C @model @auth(rules: [{allow: private, provider: apiKey}]) {\n  x: String\n}", []string{"@auth private rule provider \"apiKey\""}},
		{"custom allow", "type C @model @auth(rules: [{allow: custom}]) {\n  x: String\n}", []string{"@auth allow \"custom\" is not supported"}},
		{"get operation", "type C @model @auth(rules: [{allow: public, operations: [get]}]) {\n  x: String\n}", []string{"s.graphql:1:58: @auth operation \"get\" is not supported: use read"}},
		{"owner list", "type C @model @auth(rules: [{allow: owner, ownerField: \"editors\"}]) {\n  editors: [String]\n}", []string{"s.graphql:2:3: owner field C.editors must be String"}},
		{"identity claim", "type C @model @auth(rules: [{allow: owner, identityClaim: \"email\"}]) {\n  x: String\n}", []string{"identityClaim \"email\" is not supported"}},
		{"two primary keys", "type C @model {\n  a: ID! @primaryKey\n  b: ID! @primaryKey\n}", []string{"s.graphql:3:11: type C has more than one @primaryKey"}},
		{"nullable primary key", "type C @model {\n  a: ID @primaryKey\n}", []string{"s.graphql:2:10: @primaryKey on C.a: the field must be a non-null"}},
		{"boolean primary key", "type C @model {\n  a: Boolean! @primaryKey\n}", []string{"@primaryKey on C.a"}},
		{"missing sort key", "type C @model {\n  a: ID! @primaryKey(sortKeyFields: [\"b\"])\n}", []string{"s.graphql:2:22: sort key field \"b\" is not a field of type C"}},
		{"composite sort key", "type C @model {\n  a: ID! @primaryKey(sortKeyFields: [\"b\", \"c\"])\n  b: String!\n  c: String!\n}", []string{"composite sort keys"}},
		{"duplicate index", "type C @model {\n  a: String @index(name: \"byA\")\n  b: String @index(name: \"byA\")\n}", []string{"s.graphql:3:14: @index name \"byA\" is used twice"}},
		{"index argument", "type C @model {\n  a: String @index(name: \"byA\", unique: true)\n}", []string{"@index argument \"unique\" is not supported"}},
		{"index query collides", "type C @model {\n  a: String @index(name: \"byA\", queryField: \"listCS\")\n}", []string{"root field listCS"}},
		{"duplicate field", "type C @model {\n  a: String\n  a: Int\n}", []string{"s.graphql:3:3: field C.a is declared twice"}},
		{"reserved field", "type C @model {\n  not: Boolean\n}", []string{"s.graphql:2:3: field C.not: and, or and not are reserved"}},
		{"two models one list field", "type Todo @model { a: String }\ntype Todos @model { a: String }", []string{"s.graphql:2:6: root field listTodos of Todos is also generated for Todo"}},
		{"timestamp type", "type C @model {\n  createdAt: String\n}", []string{"s.graphql:2:3: field C.createdAt must be AWSDateTime"}},
		{"id nullable", "type C @model {\n  id: ID\n}", []string{"s.graphql:2:3: field C.id is the primary key"}},
		{"scalar", "scalar Money", []string{"s.graphql:1:8: scalar Money: only object types"}},
		{"interface", "interface Node {\n  id: ID!\n}", []string{"s.graphql:1:11: interface Node"}},
		{"extension", "extend type Todo @model {\n  x: String\n}", []string{"s.graphql:1:13: type extensions"}},
		{"syntax", "type C @model {\n  a String\n}", []string{"s.graphql:2:5"}},
		{"several problems", "type C @model @searchable {\n  a: ID @hasMany\n}", []string{"1:16: @searchable", "2:10: @hasMany"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.graphql", []byte(tc.src))
			var ee *exit.Error
			if !errors.As(err, &ee) || ee.Code != exit.Usage {
				t.Fatalf("Parse error = %v, want an exit.Usage error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want *Model
	}{
		{"starter", "type Todo @model @auth(rules: [{allow: owner}]) {\n  id: ID!\n  name: String!\n  description: String\n}", &Model{
			Name: "Todo", Plural: "Todos", PrimaryKey: []string{"id"}, Pos: Pos{1, 6},
			Fields: []Field{
				{Name: "id", Type: "ID", Required: true, Pos: Pos{2, 3}},
				{Name: "name", Type: "String", Required: true, Pos: Pos{3, 3}},
				{Name: "description", Type: "String", Pos: Pos{4, 3}},
				{Name: "createdAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
				{Name: "updatedAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
				{Name: "owner", Type: "String", Implicit: true},
			},
			Rules: []Rule{{Allow: AllowOwner, Provider: ProviderUserPools, OwnerField: "owner", IdentityClaim: "sub::username",
				Operations: []string{OpCreate, OpRead, OpUpdate, OpDelete}, Pos: Pos{1, 32}}},
		}},
		{"no auth, implicit id", "type Category @model {\n  name: String\n}", &Model{
			Name: "Category", Plural: "Categories", PrimaryKey: []string{"id"}, Pos: Pos{1, 6},
			Fields: []Field{
				{Name: "name", Type: "String", Pos: Pos{2, 3}},
				{Name: "id", Type: "ID", Required: true, Implicit: true},
				{Name: "createdAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
				{Name: "updatedAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
			},
		}},
		{"rules normalized", `type Box @model @auth(rules: [
  {allow: owner, ownerField: "author", identityClaim: "cognito:username", operations: [read, create]}
  {allow: groups, groups: ["Admin", "Ops"], groupClaim: "cognito:groups"}
  {allow: private, provider: iam, operations: [read]}
  {allow: public}
  {allow: "public", provider: iam, operations: delete}
]) {
  author: String
}`, &Model{
			Name: "Box", Plural: "Boxes", PrimaryKey: []string{"id"}, Pos: Pos{1, 6},
			Fields: []Field{
				{Name: "author", Type: "String", Pos: Pos{8, 3}},
				{Name: "id", Type: "ID", Required: true, Implicit: true},
				{Name: "createdAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
				{Name: "updatedAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
			},
			Rules: []Rule{
				{Allow: AllowOwner, Provider: ProviderUserPools, OwnerField: "author", IdentityClaim: "username", Operations: []string{OpCreate, OpRead}, Pos: Pos{2, 3}},
				{Allow: AllowGroups, Provider: ProviderUserPools, Groups: []string{"Admin", "Ops"}, Operations: []string{OpCreate, OpRead, OpUpdate, OpDelete}, Pos: Pos{3, 3}},
				{Allow: AllowPrivate, Provider: ProviderIAM, Operations: []string{OpRead}, Pos: Pos{4, 3}},
				{Allow: AllowPublic, Provider: ProviderAPIKey, Operations: []string{OpCreate, OpRead, OpUpdate, OpDelete}, Pos: Pos{5, 3}},
				{Allow: AllowPublic, Provider: ProviderIAM, Operations: []string{OpDelete}, Pos: Pos{6, 3}},
			},
		}},
		{"primary key and indexes", `type Order @model {
  customerId: ID! @primaryKey(sortKeyFields: ["orderedAt"])
  orderedAt: AWSDateTime!
  status: String @index(name: "byStatus", queryField: "ordersByStatus") @index(sortKeyFields: "orderedAt")
}`, &Model{
			Name: "Order", Plural: "Orders", PrimaryKey: []string{"customerId", "orderedAt"}, Pos: Pos{1, 6},
			Fields: []Field{
				{Name: "customerId", Type: "ID", Required: true, Pos: Pos{2, 3}},
				{Name: "orderedAt", Type: "AWSDateTime", Required: true, Pos: Pos{3, 3}},
				{Name: "status", Type: "String", Pos: Pos{4, 3}},
				{Name: "createdAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
				{Name: "updatedAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
			},
			Indexes: []Index{
				{Name: "byStatus", Fields: []string{"status"}, QueryField: "ordersByStatus", Pos: Pos{4, 19}},
				{Name: "ordersByStatusAndOrderedAt", Fields: []string{"status", "orderedAt"}, Pos: Pos{4, 74}},
			},
		}},
		{"enum and lists", "enum Level { LOW HIGH }\ntype Item @model {\n  level: Level!\n  tags: [String!]!\n  levels: [Level]\n}", &Model{
			Name: "Item", Plural: "Items", PrimaryKey: []string{"id"}, Pos: Pos{2, 6},
			Fields: []Field{
				{Name: "level", Type: "Level", Required: true, Enum: true, Pos: Pos{3, 3}},
				{Name: "tags", Type: "String", Required: true, List: true, ListItemRequired: true, Pos: Pos{4, 3}},
				{Name: "levels", Type: "Level", List: true, Enum: true, Pos: Pos{5, 3}},
				{Name: "id", Type: "ID", Required: true, Implicit: true},
				{Name: "createdAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
				{Name: "updatedAt", Type: "AWSDateTime", Required: true, Implicit: true, ReadOnly: true},
			},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("s.graphql", []byte(tc.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(s.Models) != 1 {
				t.Fatalf("got %d models, want 1", len(s.Models))
			}
			if diff := cmp.Diff(tc.want, s.Models[0]); diff != "" {
				t.Errorf("model (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseEnums(t *testing.T) {
	s, err := Parse("s.graphql", []byte("enum Level {\n  LOW\n  HIGH\n}\ntype T @model { l: Level }"))
	if err != nil {
		t.Fatal(err)
	}
	want := []*Enum{{Name: "Level", Values: []string{"LOW", "HIGH"}, Pos: Pos{1, 6}}}
	if diff := cmp.Diff(want, s.Enums); diff != "" {
		t.Errorf("enums (-want +got):\n%s", diff)
	}
}

func TestPlural(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Todo", "Todos"},
		{"Child", "Children"},
		{"Person", "People"},
		{"Category", "Categories"},
		{"Address", "Addresses"},
		{"Box", "Boxes"},
		{"Church", "Churches"},
		{"Wish", "Wishes"},
		{"Status", "Statuses"},
		{"Bus", "Buses"},
		{"SSN", "SSNS"},
		{"Day", "Days"},
		{"Key", "Keys"},
		{"Leaf", "Leaves"},
		{"Knife", "Knives"},
		{"Roof", "Roofs"},
		{"Hero", "Heroes"},
		{"Photo", "Photos"},
		{"Analysis", "Analyses"},
		{"Index", "Indices"},
		{"Datum", "Data"},
		{"Sheep", "Sheep"},
		{"Series", "Series"},
		{"News", "News"},
		{"Quiz", "Quizzes"},
		{"Todos", "Todos"},
		{"BlogPost", "BlogPosts"},
		{"UserCategory", "UserCategories"},
		{"Mouse", "Mice"},
		{"Woman", "Women"},
	}
	for _, tc := range tests {
		if got := Plural(tc.in); got != tc.want {
			t.Errorf("Plural(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestValidIndexName(t *testing.T) {
	for name, want := range map[string]bool{"byA": true, "by-owner.v2_x": true, "ab": false, "by a": false, "byÄ": false,
		strings.Repeat("a", 255): true, strings.Repeat("a", 256): false} {
		if got := validIndexName(name); got != want {
			t.Errorf("validIndexName(%.20q…) = %v, want %v", name, got, want)
		}
	}
}
