// Package graphql turns an Amplify-style GraphQL schema (@model, @auth,
// @primaryKey, @index) into what AppSync runs: the AppSync schema, one
// DynamoDB table per model, APPSYNC_JS resolvers that enforce the @auth
// rules, the IAM fields the rules open, the model introspection the
// Amplify libraries read, and the JavaScript statements of codegen.
//
// The flow is one way: Parse (schema text → Schema, the intermediate model
// below, with line:column errors) → the generators, each a pure function of
// a Schema. Nothing here calls AWS or touches files.
package graphql

// Pos is a place in the schema file, 1-based, for error messages.
type Pos struct {
	Line, Column int
}

// Schema is a parsed and checked schema: its models and enums, in the
// order the file declares them.
type Schema struct {
	Models []*Model
	Enums  []*Enum
}

// Enum is a GraphQL enum the models may use.
type Enum struct {
	Name   string
	Values []string
	Pos    Pos
}

// Model is one `type X @model`: a DynamoDB table and its operations.
type Model struct {
	// Name is the type name ("Todo"); Plural its plural ("Todos"), as the
	// Amplify transformer and codegen pluralise it (listTodos).
	Name, Plural string
	// Fields are the declared fields in file order, then the implicit ones
	// the transformer adds when absent: id (when the primary key is the
	// default), createdAt, updatedAt, and each owner rule's owner field.
	Fields []Field
	// PrimaryKey is the hash key field, then the sort key fields
	// (@primaryKey(sortKeyFields)); ["id"] by default.
	PrimaryKey []string
	// Indexes are the @index GSIs, in file order.
	Indexes []Index
	// Rules are the @auth rules, normalized (defaults filled in). Empty:
	// the model has no @auth, and the API's default authorization mode
	// alone decides (as the Amplify transformer does).
	Rules []Rule
	Pos   Pos
}

// Field is one field of a model.
type Field struct {
	Name string
	// Type is the named type: a scalar (ID, String, Int, Float, Boolean,
	// AWSDate, AWSTime, AWSDateTime, AWSTimestamp, AWSEmail, AWSJSON,
	// AWSURL, AWSPhone, AWSIPAddress) or an enum of the schema.
	Type string
	// Required is the field's non-null (Type!); List marks [Type] and
	// ListItemRequired [Type!].
	Required, List, ListItemRequired bool
	// Enum is true when Type names an enum of the schema.
	Enum bool
	// Implicit marks a field the transformer added (id, createdAt,
	// updatedAt, an owner field); ReadOnly marks createdAt and updatedAt.
	Implicit, ReadOnly bool
	Pos                Pos
}

// Index is one @index: a global secondary index and, when QueryField is
// set, a query field that reads it.
type Index struct {
	Name string
	// Fields are the hash key field, then the sort key fields.
	Fields     []string
	QueryField string
	Pos        Pos
}

// Allow values of an @auth rule.
const (
	AllowOwner   = "owner"
	AllowGroups  = "groups"
	AllowPrivate = "private"
	AllowPublic  = "public"
)

// Providers of an @auth rule.
const (
	ProviderUserPools = "userPools"
	ProviderIAM       = "iam"
	ProviderAPIKey    = "apiKey"
)

// Operations of an @auth rule, as the v2 transformer names them. Read is
// the union of get, list and listen (subscriptions).
const (
	OpCreate = "create"
	OpRead   = "read"
	OpUpdate = "update"
	OpDelete = "delete"
)

// Rule is one normalized @auth rule.
type Rule struct {
	// Allow is owner, groups, private or public.
	Allow string
	// Provider is userPools (owner, groups, private default), iam, or
	// apiKey (public default).
	Provider string
	// OwnerField is the field that holds the owner (owner rules; default
	// "owner"). IdentityClaim is the claim compared with it (default
	// "sub::username": the stored value is "<sub>::<username>", as the v2
	// transformer's default since useSubUsernameForDefaultIdentityClaim).
	OwnerField, IdentityClaim string
	// Groups are the static groups of a groups rule, compared with the
	// token's "cognito:groups" claim.
	Groups []string
	// Operations are the operations the rule allows (default: all four).
	Operations []string
	Pos        Pos
}

// Allows reports whether the rule allows op.
func (r Rule) Allows(op string) bool {
	for _, o := range r.Operations {
		if o == op {
			return true
		}
	}
	return false
}

// The root fields of a model, named as the Amplify v2 transformer names
// them (reference amplify-api-behaviour.md §4.1): every generator uses these
// and nothing else, so schema, resolvers, IAM statements, introspection and
// codegen agree.

// GetField is "get<Name>".
func (m *Model) GetField() string { return "get" + m.Name }

// ListField is "list<Plural>".
func (m *Model) ListField() string { return "list" + m.Plural }

// CreateField is "create<Name>".
func (m *Model) CreateField() string { return "create" + m.Name }

// UpdateField is "update<Name>".
func (m *Model) UpdateField() string { return "update" + m.Name }

// DeleteField is "delete<Name>".
func (m *Model) DeleteField() string { return "delete" + m.Name }

// OnCreateField is "onCreate<Name>"; OnUpdateField and OnDeleteField
// likewise.
func (m *Model) OnCreateField() string { return "onCreate" + m.Name }

// OnUpdateField is "onUpdate<Name>".
func (m *Model) OnUpdateField() string { return "onUpdate" + m.Name }

// OnDeleteField is "onDelete<Name>".
func (m *Model) OnDeleteField() string { return "onDelete" + m.Name }

// TableName is the DynamoDB table of the model in an API and environment:
// "<Name>-<api>-<env>" (the Amplify CLI uses "<Name>-<apiId>-<env>"; the
// API id is not known before the stack creates the API).
func (m *Model) TableName(api, env string) string { return m.Name + "-" + api + "-" + env }

// Field returns the field named name, or nil.
func (m *Model) Field(name string) *Field {
	for i := range m.Fields {
		if m.Fields[i].Name == name {
			return &m.Fields[i]
		}
	}
	return nil
}
