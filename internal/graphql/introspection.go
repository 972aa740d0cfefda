package graphql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// IntrospectionVersion is the version of the model introspection format
// (ModelIntrospectionSchema.json of amplify-codegen, schemas/introspection/1).
const IntrospectionVersion = 1

// ModelIntrospection renders the model introspection JSON the Amplify
// libraries read (amplify-js v6 generateClient, DataStore): the document
// `amplify codegen models --target introspection` writes, and what
// amplify_outputs.json carries as data.model_introspection (reference
// amplify-api-behaviour.md §3 and §2.3).
//
// The bytes are deterministic: keys come in the order codegen writes them
// (JSON.stringify with 4 spaces), models and enums in schema order.
//
// Deliberate choices, all as codegen does for a Gen1 schema:
//   - the owner fields the transformer adds are not listed (codegen models
//     read the input schema, where they are absent);
//   - createdAt and updatedAt are optional and read-only;
//   - an owner rule's default claim is written "cognito:username"
//     (process-auth.ts), although the v2 transformer stores "sub::username"
//     (§3 note, §4.2): the libraries read this claim from the token to fill
//     the owner argument of subscriptions, and the transformer accepts the
//     username there.
//
// No queries, mutations or subscriptions keys: codegen lists only custom
// operations of the input schema there, and ours has none.
func ModelIntrospection(s *Schema) ([]byte, error) {
	enums := make(map[string]bool, len(s.Enums))
	enumsObj := object{}
	for _, e := range s.Enums {
		enums[e.Name] = true
		enumsObj = append(enumsObj, kv{e.Name, object{{"name", e.Name}, {"values", nonNil(e.Values)}}})
	}
	models := object{}
	for _, m := range s.Models {
		mo, err := introspectModel(m, enums)
		if err != nil {
			return nil, err
		}
		models = append(models, kv{m.Name, mo})
	}
	doc := object{
		{"version", IntrospectionVersion},
		{"models", models},
		{"enums", enumsObj},
		{"nonModels", object{}},
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("render model introspection: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "    "); err != nil {
		return nil, fmt.Errorf("render model introspection: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func introspectModel(m *Model, enums map[string]bool) (object, error) {
	if len(m.PrimaryKey) == 0 {
		return nil, fmt.Errorf("introspect model %s: no primary key", m.Name)
	}
	fields := object{}
	// codegen puts id first (sortFields in appsync-visitor.ts), then the
	// fields in schema order, then the timestamps it appends.
	ordered := make([]Field, 0, len(m.Fields))
	for _, f := range m.Fields {
		if f.Name == "id" {
			ordered = append([]Field{f}, ordered...)
			continue
		}
		ordered = append(ordered, f)
	}
	for _, f := range ordered {
		if f.Implicit && !f.ReadOnly && f.Name != "id" {
			continue // an owner field the transformer adds: not in codegen's input schema
		}
		fo, err := introspectField(m, f, enums)
		if err != nil {
			return nil, err
		}
		fields = append(fields, kv{f.Name, fo})
	}
	pk, sk := m.PrimaryKey[0], m.PrimaryKey[1:]
	return object{
		{"name", m.Name},
		{"fields", fields},
		{"syncable", true},
		{"pluralName", m.Plural},
		{"attributes", modelAttributes(m)},
		{"primaryKeyInfo", object{
			// OptionallyManagedId (id alone) is not custom; any other key is
			// (appsync-visitor.ts ensurePrimaryKeyFieldV2).
			{"isCustomPrimaryKey", pk != "id" || len(sk) > 0},
			{"primaryKeyFieldName", pk},
			{"sortKeyFieldNames", nonNil(sk)},
		}},
	}, nil
}

func introspectField(m *Model, f Field, enums map[string]bool) (object, error) {
	var typ any = f.Type
	switch {
	case f.Enum || enums[f.Type]:
		typ = object{{"enum", f.Type}}
	case !introspectionScalars[f.Type]:
		return nil, fmt.Errorf("introspect field %s.%s: unknown type %s", m.Name, f.Name, f.Type)
	}
	// For lists codegen's isRequired is the item's non-null and
	// isArrayNullable the list's nullability ([T!] → true, true).
	required := f.Required
	if f.List {
		required = f.ListItemRequired
	}
	if f.Implicit && f.ReadOnly {
		required = false // codegen adds the timestamps as nullable AWSDateTime
	}
	o := object{
		{"name", f.Name},
		{"isArray", f.List},
		{"type", typ},
		{"isRequired", required},
		{"attributes", []any{}},
	}
	if f.List {
		o = append(o, kv{"isArrayNullable", !f.Required})
	}
	if f.ReadOnly {
		o = append(o, kv{"isReadOnly", true})
	}
	return o, nil
}

// introspectionScalars are the ScalarType values of the introspection
// schema (METADATA_SCALAR_MAP of codegen).
var introspectionScalars = map[string]bool{
	"ID": true, "String": true, "Int": true, "Float": true, "Boolean": true,
	"AWSDate": true, "AWSTime": true, "AWSDateTime": true, "AWSTimestamp": true,
	"AWSEmail": true, "AWSURL": true, "AWSIPAddress": true, "AWSJSON": true, "AWSPhone": true,
}

// modelAttributes are the model's directives as codegen lists them: model,
// then the primary key and the indexes as the old @key (process-primary-key.ts,
// process-index.ts), then auth (processAuthDirectives appends it last).
func modelAttributes(m *Model) []any {
	attrs := []any{object{{"type", "model"}, {"properties", object{}}}}
	if !slices.Equal(m.PrimaryKey, []string{"id"}) {
		attrs = append(attrs, object{{"type", "key"}, {"properties", object{{"fields", m.PrimaryKey}}}})
	}
	for _, ix := range m.Indexes {
		props := object{{"name", ix.Name}}
		if ix.QueryField != "" {
			props = append(props, kv{"queryField", ix.QueryField})
		}
		props = append(props, kv{"fields", ix.Fields})
		attrs = append(attrs, object{{"type", "key"}, {"properties", props}})
	}
	if len(m.Rules) > 0 {
		rules := make([]any, 0, len(m.Rules))
		for _, r := range m.Rules {
			rules = append(rules, authRule(r))
		}
		attrs = append(attrs, object{{"type", "auth"}, {"properties", object{{"rules", rules}}}})
	}
	return attrs
}

// defaultOperations is the order codegen writes when a rule names none
// (process-auth.ts DEFAULT_OPERATIONS).
var defaultOperations = []string{OpCreate, OpUpdate, OpDelete, OpRead}

// authRule writes a normalized rule with the keys and defaults of codegen's
// process-auth.ts. Our rules are already normalized, so a rule that allows
// all four operations is written in codegen's default order.
func authRule(r Rule) object {
	ops := r.Operations
	if len(ops) == len(defaultOperations) && allOf(r, defaultOperations) {
		ops = defaultOperations
	}
	switch r.Allow {
	case AllowOwner:
		claim := r.IdentityClaim
		if claim == "" || claim == "username" || claim == "sub::username" {
			claim = "cognito:username"
		}
		return object{
			{"provider", r.Provider},
			{"ownerField", r.OwnerField},
			{"allow", r.Allow},
			{"identityClaim", claim},
			{"operations", nonNil(ops)},
		}
	case AllowGroups:
		return object{
			{"groupClaim", "cognito:groups"},
			{"provider", r.Provider},
			{"allow", r.Allow},
			{"groups", nonNil(r.Groups)},
			{"operations", nonNil(ops)},
		}
	default:
		// codegen copies private/public rules as written; ours always
		// carry the provider Parse filled in, which names the same default.
		return object{
			{"allow", r.Allow},
			{"provider", r.Provider},
			{"operations", nonNil(ops)},
		}
	}
}

func allOf(r Rule, ops []string) bool {
	for _, op := range ops {
		if !r.Allows(op) {
			return false
		}
	}
	return true
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// kv and object keep JSON keys in the order codegen writes them;
// encoding/json would sort a map's keys.
type kv struct {
	k string
	v any
}

type object []kv

// MarshalJSON writes the pairs in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(p.k)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
