package graphql

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
)

// AppSync authorization types, as AWS::AppSync::GraphQLApi AuthenticationType
// names them.
const (
	ModeUserPools = "AMAZON_COGNITO_USER_POOLS"
	ModeIAM       = "AWS_IAM"
	ModeAPIKey    = "API_KEY"
)

// modeOf is the AppSync authorization type that carries a rule's provider,
// and modeDirective the schema directive that opens a type or field to it
// (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html,
// "Using additional authorization modes").
var (
	modeOf        = map[string]string{ProviderUserPools: ModeUserPools, ProviderIAM: ModeIAM, ProviderAPIKey: ModeAPIKey}
	modeDirective = map[string]string{ModeUserPools: "@aws_cognito_user_pools", ModeIAM: "@aws_iam", ModeAPIKey: "@aws_api_key"}
	modeFlag      = map[string]string{ModeUserPools: "userpool", ModeIAM: "iam", ModeAPIKey: "apikey"}
)

// baseScalar is the scalar whose filter inputs a field type uses: the
// transformer's DEFAULT_SCALARS map (graphql-transformer-common
// definition.ts), AppSync scalars being strings except AWSTimestamp.
var baseScalar = map[string]string{
	"ID": "ID", "String": "String", "Int": "Int", "Float": "Float", "Boolean": "Boolean",
	"AWSDate": "String", "AWSTime": "String", "AWSDateTime": "String", "AWSTimestamp": "Int",
	"AWSEmail": "String", "AWSJSON": "String", "AWSURL": "String", "AWSPhone": "String", "AWSIPAddress": "String",
}

// AppSyncSchema returns the SDL that AppSync runs for s, as the Amplify v2
// transformer would write it (reference amplify-api-behaviour.md §4): each
// model type with its implicit fields and its Model…Connection, the filter,
// condition, key condition and mutation inputs, and Query, Mutation and
// Subscription. modes are the API's authorization types, the default first.
// With more than one mode, each type and root field that a non-default mode
// reaches carries the AppSync directive of every mode that reaches it:
// AppSync lets only the default mode through an undirected field, and a
// directed field only the modes named on it. The output is deterministic.
func AppSyncSchema(s *Schema, modes []string) (string, error) {
	if err := checkModes(s, modes); err != nil {
		return "", err
	}
	g := &sdl{s: s, modes: modes}
	g.write()
	return g.b.String(), nil
}

func checkModes(s *Schema, modes []string) error {
	if len(modes) == 0 {
		return fmt.Errorf("generate appsync schema: no authorization mode")
	}
	seen := map[string]bool{}
	for _, m := range modes {
		if modeDirective[m] == "" || seen[m] {
			return fmt.Errorf("generate appsync schema: authorization mode %q unknown or repeated", m)
		}
		seen[m] = true
	}
	if len(s.Models) == 0 {
		return exit.UsageErrorf("Add a type with @model, such as: type Todo @model { id: ID! name: String }",
			"generate appsync schema: the schema has no @model type")
	}
	for _, m := range s.Models {
		for _, r := range m.Rules {
			if mode := modeOf[r.Provider]; !seen[mode] {
				return exit.UsageErrorf(fmt.Sprintf("Add %s to the API's authorization modes (--additional-auth %s), or change the rule.", mode, modeFlag[mode]),
					"generate appsync schema: type %s: @auth rule {allow: %s, provider: %s} at %d:%d needs the %s authorization mode",
					m.Name, r.Allow, r.Provider, r.Pos.Line, r.Pos.Column, mode)
			}
		}
	}
	return nil
}

// sdl writes the schema text.
type sdl struct {
	s     *Schema
	modes []string
	b     strings.Builder
}

func (g *sdl) line(format string, a ...any) { fmt.Fprintf(&g.b, format+"\n", a...) }

// authDirectives returns the directives to put on a type or field that the
// modes of the rules allowing any of ops reach. Nothing when the API has one
// mode, or when only the default mode reaches it (AppSync applies the default
// to undirected types and fields). A model without @auth is the default
// mode's alone, as in the Amplify transformer.
func (g *sdl) authDirectives(m *Model, ops ...string) string {
	if len(g.modes) < 2 {
		return ""
	}
	reach := map[string]bool{}
	if len(m.Rules) == 0 {
		reach[g.modes[0]] = true
	}
	for _, r := range m.Rules {
		for _, op := range ops {
			if r.Allows(op) {
				reach[modeOf[r.Provider]] = true
			}
		}
	}
	if len(reach) == 0 || (len(reach) == 1 && reach[g.modes[0]]) {
		return ""
	}
	var out string
	for _, mode := range g.modes {
		if reach[mode] {
			out += " " + modeDirective[mode]
		}
	}
	return out
}

var allOps = []string{OpCreate, OpRead, OpUpdate, OpDelete}

func (g *sdl) write() {
	for _, m := range g.s.Models {
		g.line("type %s%s {", m.Name, g.authDirectives(m, allOps...))
		for _, f := range m.Fields {
			g.line("  %s: %s", f.Name, typeRef(f, f.Required))
		}
		g.line("}\n")
	}
	for _, e := range g.s.Enums {
		g.line("enum %s {", e.Name)
		for _, v := range e.Values {
			g.line("  %s", v)
		}
		g.line("}\n")
	}
	g.scalarInputs()
	for _, m := range g.s.Models {
		g.modelTypes(m)
	}
	g.roots()
}

// typeRef writes a field's type; required decides the outer "!".
func typeRef(f Field, required bool) string {
	t := f.Type
	if f.List {
		if f.ListItemRequired {
			t += "!"
		}
		t = "[" + t + "]"
	}
	if required {
		t += "!"
	}
	return t
}

// scalarInputs writes the inputs every model shares, with the fields and
// order of the model transformer (amplify-graphql-model-transformer
// definitions.ts *_CONDITIONS and common.ts makeModelScalarFilterInputObject):
// filter inputs of the five base scalars, their subscription variants, the
// size and attribute type helpers, the sort direction, then the key
// condition and enum inputs the models use.
func (g *sdl) scalarInputs() {
	conds := map[string][]string{
		"String":  {"ne", "eq", "le", "lt", "ge", "gt", "contains", "notContains", "between", "beginsWith"},
		"ID":      {"ne", "eq", "le", "lt", "ge", "gt", "contains", "notContains", "between", "beginsWith"},
		"Int":     {"ne", "eq", "le", "lt", "ge", "gt", "between"},
		"Float":   {"ne", "eq", "le", "lt", "ge", "gt", "between"},
		"Boolean": {"ne", "eq"},
	}
	order := []string{"String", "ID", "Int", "Float", "Boolean"}
	for _, t := range order {
		g.line("input Model%sInput {", t)
		for _, c := range conds[t] {
			g.line("  %s: %s", c, listIf(c == "between", t))
		}
		g.line("  attributeExists: Boolean")
		g.line("  attributeType: ModelAttributeTypes")
		if t == "String" || t == "ID" {
			g.line("  size: ModelSizeInput")
		}
		g.line("}\n")
	}
	for _, t := range order {
		g.line("input ModelSubscription%sInput {", t)
		list := conds[t]
		if t != "Boolean" {
			list = append(append([]string{}, list...), "in", "notIn")
		}
		for _, c := range list {
			g.line("  %s: %s", c, listIf(c == "between" || c == "in" || c == "notIn", t))
		}
		g.line("}\n")
	}
	g.line("input ModelSizeInput {")
	for _, c := range []string{"ne", "eq", "le", "lt", "ge", "gt", "between"} {
		g.line("  %s: %s", c, listIf(c == "between", "Int"))
	}
	g.line("}\n")
	g.line("enum ModelAttributeTypes {")
	for _, v := range []string{"binary", "binarySet", "bool", "list", "map", "number", "numberSet", "string", "stringSet", "_null"} {
		g.line("  %s", v)
	}
	g.line("}\n")
	g.line("enum ModelSortDirection {\n  ASC\n  DESC\n}\n")
	// Key condition inputs (graphql-transformer-common dynamodbUtils.ts),
	// only for the scalars sort keys use; enums sort as strings.
	keyConds := map[string]bool{}
	enumInputs := map[string]bool{}
	for _, m := range g.s.Models {
		for _, k := range sortKeyFields(m) {
			keyConds[keyBase(*m.Field(k))] = true
		}
		for _, f := range m.Fields {
			if f.Enum {
				enumInputs[enumInputName(f)] = true
			}
		}
	}
	for _, t := range []string{"String", "ID", "Int", "Float"} {
		if !keyConds[t] {
			continue
		}
		g.line("input Model%sKeyConditionInput {", t)
		for _, c := range []string{"eq", "le", "lt", "ge", "gt", "between", "beginsWith"} {
			if c == "beginsWith" && (t == "Int" || t == "Float") {
				continue
			}
			g.line("  %s: %s", c, listIf(c == "between", t))
		}
		g.line("}\n")
	}
	// Enum filter inputs (common.ts makeEnumFilterInput): eq and ne, and
	// for list fields contains and notContains.
	for _, e := range g.s.Enums {
		if enumInputs["Model"+e.Name+"Input"] {
			g.line("input Model%sInput {\n  eq: %s\n  ne: %s\n}\n", e.Name, e.Name, e.Name)
		}
		if enumInputs["Model"+e.Name+"ListInput"] {
			g.line("input Model%sListInput {\n  eq: [%s]\n  ne: [%s]\n  contains: %s\n  notContains: %s\n}\n", e.Name, e.Name, e.Name, e.Name, e.Name)
		}
	}
}

func listIf(list bool, t string) string {
	if list {
		return "[" + t + "]"
	}
	return t
}

func enumInputName(f Field) string {
	if f.List {
		return "Model" + f.Type + "ListInput"
	}
	return "Model" + f.Type + "Input"
}

// filterInput is the filter input type of a field in list filters and
// mutation conditions.
func filterInput(f Field) string {
	if f.Enum {
		return enumInputName(f)
	}
	return "Model" + baseScalar[f.Type] + "Input"
}

// keyBase is the key condition scalar of a sort key field.
func keyBase(f Field) string {
	if f.Enum {
		return "String"
	}
	return baseScalar[f.Type]
}

// sortKeyFields are the sort key fields of the primary key and of the
// indexes that have a query field.
func sortKeyFields(m *Model) []string {
	out := append([]string{}, m.PrimaryKey[1:]...)
	for _, ix := range m.Indexes {
		if ix.QueryField != "" {
			out = append(out, ix.Fields[1:]...)
		}
	}
	return out
}

func customKey(m *Model) bool { return !(len(m.PrimaryKey) == 1 && m.PrimaryKey[0] == "id") }

func isKey(m *Model, name string) bool {
	for _, k := range m.PrimaryKey {
		if k == name {
			return true
		}
	}
	return false
}

// ownerFields are the owner fields of the rules that allow read: each is an
// optional argument of the model's subscriptions (reference §4.1).
func ownerFields(m *Model) []string {
	var out []string
	for _, r := range m.Rules {
		if r.Allow == AllowOwner && r.Allows(OpRead) && !contains(out, r.OwnerField) {
			out = append(out, r.OwnerField)
		}
	}
	return out
}

func (g *sdl) modelTypes(m *Model) {
	g.line("type Model%sConnection%s {\n  items: [%s]!\n  nextToken: String\n}\n", m.Name, g.authDirectives(m, OpRead), m.Name)

	g.line("input Model%sFilterInput {", m.Name)
	for _, f := range m.Fields {
		g.line("  %s: %s", f.Name, filterInput(f))
	}
	g.line("  and: [Model%sFilterInput]\n  or: [Model%sFilterInput]\n  not: Model%sFilterInput\n}\n", m.Name, m.Name, m.Name)

	// Conditions leave out the key fields (and id), which a write cannot
	// change (index transformer schema.ts updateMutationConditionInput).
	g.line("input Model%sConditionInput {", m.Name)
	for _, f := range m.Fields {
		if !isKey(m, f.Name) && f.Name != "id" {
			g.line("  %s: %s", f.Name, filterInput(f))
		}
	}
	g.line("  and: [Model%sConditionInput]\n  or: [Model%sConditionInput]\n  not: Model%sConditionInput\n}\n", m.Name, m.Name, m.Name)

	// Create: the declared fields; the default id is optional (generated
	// when absent) and declared timestamps optional (mutation.ts).
	g.line("input Create%sInput {", m.Name)
	for _, f := range m.Fields {
		switch {
		case f.Name == "id" && !customKey(m):
			g.line("  id: %s", typeRef(f, false))
		case f.Implicit:
		case f.Name == "createdAt" || f.Name == "updatedAt":
			g.line("  %s: %s", f.Name, typeRef(f, false))
		default:
			g.line("  %s: %s", f.Name, typeRef(f, f.Required))
		}
	}
	g.line("}\n")

	// Update: every declared field optional but the key.
	g.line("input Update%sInput {", m.Name)
	for _, f := range m.Fields {
		if f.Implicit && !isKey(m, f.Name) {
			continue
		}
		g.line("  %s: %s", f.Name, typeRef(f, isKey(m, f.Name)))
	}
	g.line("}\n")

	g.line("input Delete%sInput {", m.Name)
	for _, k := range m.PrimaryKey {
		g.line("  %s: %s!", k, m.Field(k).Type)
	}
	g.line("}\n")

	// Subscription filters: enums filter as strings; an owner field keeps
	// the list filter input, as the auth transformer leaves it
	// (model-transformer snapshots: "owner: ModelStringInput").
	owners := ownerFields(m)
	g.line("input ModelSubscription%sFilterInput {", m.Name)
	for _, f := range m.Fields {
		t := "ModelSubscription" + keyBaseOrBool(f) + "Input"
		if f.Implicit && contains(owners, f.Name) {
			t = "ModelStringInput"
		}
		g.line("  %s: %s", f.Name, t)
	}
	g.line("  and: [ModelSubscription%sFilterInput]\n  or: [ModelSubscription%sFilterInput]\n}\n", m.Name, m.Name)
}

func keyBaseOrBool(f Field) string {
	if f.Enum {
		return "String"
	}
	return baseScalar[f.Type]
}

// keyArgs are the primary key fields as non-null arguments (getT).
func keyArgs(m *Model) []string {
	var out []string
	for _, k := range m.PrimaryKey {
		out = append(out, k+": "+m.Field(k).Type+"!")
	}
	return out
}

// queryKeyArgs are the hash key argument (non-null for an index query,
// optional for list) and the sort key condition.
func queryKeyArgs(m *Model, fields []string, hashRequired bool) []string {
	hash := fields[0] + ": " + m.Field(fields[0]).Type
	if hashRequired {
		hash += "!"
	}
	out := []string{hash}
	for _, k := range fields[1:] {
		out = append(out, fmt.Sprintf("%s: Model%sKeyConditionInput", k, keyBase(*m.Field(k))))
	}
	return out
}

func (g *sdl) roots() {
	g.line("type Query {")
	for _, m := range g.s.Models {
		read := g.authDirectives(m, OpRead)
		g.line("  %s(%s): %s%s", m.GetField(), strings.Join(keyArgs(m), ", "), m.Name, read)
		var args []string
		if customKey(m) {
			args = queryKeyArgs(m, m.PrimaryKey, false)
		}
		args = append(args, "filter: Model"+m.Name+"FilterInput", "limit: Int", "nextToken: String")
		if customKey(m) {
			args = append(args, "sortDirection: ModelSortDirection")
		}
		g.line("  %s(%s): Model%sConnection%s", m.ListField(), strings.Join(args, ", "), m.Name, read)
		for _, ix := range m.Indexes {
			if ix.QueryField == "" {
				continue
			}
			// index transformer schema.ts ensureQueryField: hash, sort
			// condition, sortDirection, then filter, limit, nextToken.
			args := append(queryKeyArgs(m, ix.Fields, true), "sortDirection: ModelSortDirection",
				"filter: Model"+m.Name+"FilterInput", "limit: Int", "nextToken: String")
			g.line("  %s(%s): Model%sConnection%s", ix.QueryField, strings.Join(args, ", "), m.Name, read)
		}
	}
	g.line("}\n")
	g.line("type Mutation {")
	for _, m := range g.s.Models {
		for _, op := range []struct{ field, input, op string }{
			{m.CreateField(), "Create", OpCreate}, {m.UpdateField(), "Update", OpUpdate}, {m.DeleteField(), "Delete", OpDelete},
		} {
			g.line("  %s(input: %s%sInput!, condition: Model%sConditionInput): %s%s", op.field, op.input, m.Name, m.Name, m.Name, g.authDirectives(m, op.op))
		}
	}
	g.line("}\n")
	g.line("type Subscription {")
	for _, m := range g.s.Models {
		args := "filter: ModelSubscription" + m.Name + "FilterInput"
		for _, o := range ownerFields(m) {
			args += ", " + o + ": String"
		}
		read := g.authDirectives(m, OpRead)
		for _, sub := range [][2]string{{m.OnCreateField(), m.CreateField()}, {m.OnUpdateField(), m.UpdateField()}, {m.OnDeleteField(), m.DeleteField()}} {
			g.line("  %s(%s): %s @aws_subscribe(mutations: [%q])%s", sub[0], args, m.Name, sub[1], read)
		}
	}
	g.b.WriteString("}\n")
}
