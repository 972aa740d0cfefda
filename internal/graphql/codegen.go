package graphql

import (
	"bytes"
	"fmt"
	"strings"
)

// Statements renders src/graphql/queries.js, mutations.js and
// subscriptions.js as `amplify codegen` writes them for JavaScript
// (reference amplify-api-behaviour.md §5; amplify-codegen
// packages/graphql-generator statements.ts and its "basic javascript"
// snapshot): a header, then one `export const <field> = /* GraphQL */ `…`;`
// per root field, in the order of the AppSync schema's root types.
//
// Codegen prints the documents with prettier (printWidth 80); this renderer
// reproduces the two places where that matters for our operations: a
// variable or argument list stays on one line when the line fits in 80
// columns, and otherwise goes one per line without commas.
//
// The selection sets are those of codegen's default maxDepth 2 with
// __typename: our models have only scalar and enum fields, so every
// selection is all fields (including the owner fields the transformer adds,
// which the deployed schema has) and __typename; list results are
// { items { … } nextToken __typename }. A file without operations (a schema
// without models) is nil, as codegen writes no file then.
func Statements(s *Schema) (queries, mutations, subscriptions []byte, err error) {
	var qs, ms, ss []statement
	for _, m := range s.Models {
		if len(m.PrimaryKey) == 0 {
			return nil, nil, nil, fmt.Errorf("generate statements for model %s: no primary key", m.Name)
		}
		for _, name := range m.PrimaryKey {
			if m.Field(name) == nil {
				return nil, nil, nil, fmt.Errorf("generate statements for model %s: key field %s is not a field", m.Name, name)
			}
		}
		get := make([]variable, 0, len(m.PrimaryKey))
		for _, k := range m.PrimaryKey {
			get = append(get, variable{k, m.Field(k).Type + "!"})
		}
		qs = append(qs,
			statement{"query", m.GetField(), get, m, false},
			statement{"query", m.ListField(), listVariables(m), m, true},
		)
		ms = append(ms,
			mutation(m.CreateField(), "Create", m),
			mutation(m.UpdateField(), "Update", m),
			mutation(m.DeleteField(), "Delete", m),
		)
		sub := []variable{{"filter", "ModelSubscription" + m.Name + "FilterInput"}}
		sub = append(sub, ownerVariables(m)...)
		ss = append(ss,
			statement{"subscription", m.OnCreateField(), sub, m, false},
			statement{"subscription", m.OnUpdateField(), sub, m, false},
			statement{"subscription", m.OnDeleteField(), sub, m, false},
		)
	}
	// The index transformer adds its query fields after the model
	// transformer has added every get and list field.
	for _, m := range s.Models {
		for _, ix := range m.Indexes {
			if ix.QueryField != "" {
				qs = append(qs, statement{"query", ix.QueryField, indexVariables(m, ix), m, true})
			}
		}
	}
	return renderFile(qs), renderFile(ms), renderFile(ss), nil
}

// statement is one root field's operation.
type statement struct {
	kind, field string
	vars        []variable
	model       *Model
	connection  bool // the result is Model<Name>Connection
}

type variable struct{ name, typ string }

func mutation(field, op string, m *Model) statement {
	return statement{"mutation", field, []variable{
		{"input", op + m.Name + "Input!"},
		{"condition", "Model" + m.Name + "ConditionInput"},
	}, m, false}
}

// listVariables are listX's arguments (§4.1, §4.3): with a custom primary
// key the hash key, a key condition on the sort key and sortDirection join
// filter, limit and nextToken.
func listVariables(m *Model) []variable {
	page := []variable{{"filter", "Model" + m.Name + "FilterInput"}, {"limit", "Int"}, {"nextToken", "String"}}
	if len(m.PrimaryKey) == 1 && m.PrimaryKey[0] == "id" {
		return page
	}
	vars := []variable{{m.PrimaryKey[0], m.Field(m.PrimaryKey[0]).Type}}
	if sk := sortKeyVariable(m, m.PrimaryKey[1:], "Primary"); sk != nil {
		vars = append(vars, *sk)
	}
	vars = append(vars, page...)
	return append(vars, variable{"sortDirection", "ModelSortDirection"})
}

// indexVariables are an @index query field's arguments (§4.3).
func indexVariables(m *Model, ix Index) []variable {
	vars := []variable{{ix.Fields[0], m.Field(ix.Fields[0]).Type + "!"}}
	if sk := sortKeyVariable(m, ix.Fields[1:], upperFirst(ix.Name)); sk != nil {
		vars = append(vars, *sk)
	}
	return append(vars,
		variable{"sortDirection", "ModelSortDirection"},
		variable{"filter", "Model" + m.Name + "FilterInput"},
		variable{"limit", "Int"},
		variable{"nextToken", "String"},
	)
}

// sortKeyVariable is the key condition argument of a list or index query,
// named and typed as the transformer does and as amplify-js v6 rebuilds it
// (@aws-amplify/data-schema runtime/internals/APIClient.mjs): one sort key
// → its name and Model<String|Int|…>KeyConditionInput (string-like scalars
// and enums use String); several → their names camel-joined and
// Model<Name><Primary|IndexName>CompositeKeyConditionInput.
func sortKeyVariable(m *Model, sk []string, keyName string) *variable {
	switch len(sk) {
	case 0:
		return nil
	case 1:
		f := m.Field(sk[0])
		t := keyConditionScalar[f.Type]
		if t == "" || f.Enum {
			t = "String"
		}
		return &variable{sk[0], "Model" + t + "KeyConditionInput"}
	}
	name := sk[0]
	for _, f := range sk[1:] {
		name += upperFirst(f)
	}
	return &variable{name, "Model" + m.Name + keyName + "CompositeKeyConditionInput"}
}

var keyConditionScalar = map[string]string{
	"ID": "ID", "String": "String", "Int": "Int", "Float": "Float", "Boolean": "Boolean",
	"AWSDate": "String", "AWSTime": "String", "AWSDateTime": "String", "AWSTimestamp": "Int",
	"AWSEmail": "String", "AWSPhone": "String", "AWSURL": "String", "AWSIPAddress": "String", "AWSJSON": "String",
}

// ownerVariables are the owner arguments the transformer adds to a
// subscription for each owner rule that allows reading (§4.1): one
// `<ownerField>: String` per distinct field.
func ownerVariables(m *Model) []variable {
	var vars []variable
	seen := map[string]bool{}
	for _, r := range m.Rules {
		if r.Allow != AllowOwner || !r.Allows(OpRead) || seen[r.OwnerField] {
			continue
		}
		seen[r.OwnerField] = true
		vars = append(vars, variable{r.OwnerField, "String"})
	}
	return vars
}

const statementsHeader = "/* eslint-disable */\n// this is an auto generated file. This will be overwritten\n\n"

// printWidth is prettier's default, which codegen formats with.
const printWidth = 80

func renderFile(stmts []statement) []byte {
	if len(stmts) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(statementsHeader)
	for _, st := range stmts {
		fmt.Fprintf(&b, "export const %s = /* GraphQL */ `\n", st.field)
		st.render(&b)
		b.WriteString("`;\n")
	}
	return b.Bytes()
}

func (st statement) render(b *bytes.Buffer) {
	defs := make([]string, len(st.vars))
	args := make([]string, len(st.vars))
	for i, v := range st.vars {
		defs[i] = "$" + v.name + ": " + v.typ
		args[i] = v.name + ": $" + v.name
	}
	writeCall(b, 2, st.kind+" "+upperFirst(st.field), defs)
	writeCall(b, 4, st.field, args)
	if st.connection {
		b.WriteString("      items {\n")
		writeSelection(b, 8, st.model)
		b.WriteString("      }\n      nextToken\n      __typename\n")
	} else {
		writeSelection(b, 6, st.model)
	}
	b.WriteString("    }\n  }\n")
}

// writeCall writes `head(items) {` at indent, on one line when it fits in
// printWidth, else with one item per line (prettier's GraphQL printer).
func writeCall(b *bytes.Buffer, indent int, head string, items []string) {
	pad := strings.Repeat(" ", indent)
	line := pad + head + "(" + strings.Join(items, ", ") + ") {"
	if len(items) == 0 {
		line = pad + head + " {"
	}
	if len(line) <= printWidth {
		b.WriteString(line + "\n")
		return
	}
	b.WriteString(pad + head + "(\n")
	for _, it := range items {
		b.WriteString(pad + "  " + it + "\n")
	}
	b.WriteString(pad + ") {\n")
}

// writeSelection writes the model's fields, id first as in the schema
// codegen reads, then __typename.
func writeSelection(b *bytes.Buffer, indent int, m *Model) {
	pad := strings.Repeat(" ", indent)
	if m.Field("id") != nil {
		b.WriteString(pad + "id\n")
	}
	for _, f := range m.Fields {
		if f.Name != "id" {
			b.WriteString(pad + f.Name + "\n")
		}
	}
	b.WriteString(pad + "__typename\n")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
