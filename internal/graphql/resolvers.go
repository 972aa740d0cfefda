package graphql

import (
	"fmt"

	"github.com/ampgo/ampgo/internal/mapkeys"
)

// ResolverConfig is what the resolvers compare IAM callers with: the
// imported identity pool's roles (by name, as the Amplify stack parameters
// authRoleName/unauthRoleName carry them, reference §4.1) in an account and
// partition, and optionally the identity pool id.
type ResolverConfig struct {
	Account, Partition, AuthRoleName, UnauthRoleName, IdentityPoolID string
}

// Resolver is one APPSYNC_JS unit resolver: the field it resolves, the
// model whose DynamoDB data source it uses ("" for the NONE data source of
// subscriptions) and its code, an ES module exporting request and response.
type Resolver struct {
	TypeName, FieldName string
	Model               string
	Code                string
}

// AppSync's util.authType() values (APPSYNC_JS util reference).
const (
	jsUserPools = "User Pool Authorization"
	jsIAM       = "IAM Authorization"
	jsAPIKey    = "API Key Authorization"
)

// Resolvers returns one APPSYNC_JS unit resolver per root field that
// AppSyncSchema defines, in the order Query, Mutation, Subscription and,
// within each, the models in schema order (get, list, index queries;
// create, update, delete; onCreate, onUpdate, onDelete).
//
// Every resolver enforces the model's @auth rules for its operation
// (reference §4.2) before it touches DynamoDB; docs/graphql-resolvers.md
// has the full semantics. The Amplify transformer returns the username
// part of a "sub::username" owner with a field resolver on the owner
// field; ampgo does it in the response of each operation instead, so a
// model needs no per-field resolver and subscriptions, which AppSync
// feeds with the mutation's result, see the same value.
func Resolvers(s *Schema, c ResolverConfig) ([]Resolver, error) {
	if c.Partition == "" {
		c.Partition = "aws"
	}
	var query, mutation, subscription []Resolver
	for _, m := range s.Models {
		if err := checkIAMConfig(m, c); err != nil {
			return nil, err
		}
		g := resolverGen{m: m, c: c}
		query = append(query, Resolver{"Query", m.GetField(), m.Name, g.get()})
		query = append(query, Resolver{"Query", m.ListField(), m.Name, g.list("", nil)})
		for i := range m.Indexes {
			if ix := m.Indexes[i]; ix.QueryField != "" {
				query = append(query, Resolver{"Query", ix.QueryField, m.Name, g.list(ix.Name, ix.Fields)})
			}
		}
		mutation = append(mutation,
			Resolver{"Mutation", m.CreateField(), m.Name, g.create()},
			Resolver{"Mutation", m.UpdateField(), m.Name, g.update()},
			Resolver{"Mutation", m.DeleteField(), m.Name, g.delete()})
		for _, f := range []string{m.OnCreateField(), m.OnUpdateField(), m.OnDeleteField()} {
			subscription = append(subscription, Resolver{"Subscription", f, "", g.subscribe()})
		}
	}
	return append(append(query, mutation...), subscription...), nil
}

func checkIAMConfig(m *Model, c ResolverConfig) error {
	for _, r := range m.Rules {
		if r.Provider != ProviderIAM {
			continue
		}
		if c.Account == "" || c.AuthRoleName == "" {
			return fmt.Errorf("generate resolvers: type %s: an iam rule needs the account and the auth role name", m.Name)
		}
		if r.Allow == AllowPublic && c.UnauthRoleName == "" {
			return fmt.Errorf("generate resolvers: type %s: a public iam rule needs the unauth role name", m.Name)
		}
	}
	return nil
}

// IAMFields returns the AppSync resources ("Type/field" or "Type/*") that
// the model's iam rules open to the imported auth role (private and public
// iam rules) and to the unauth role (public iam rules), sorted and
// deduplicated: the fields of the operations each rule allows, the model
// type, and its connection type when read is allowed (AppSync checks IAM
// on every type a result passes through, reference §4.2).
func IAMFields(s *Schema) (auth, unauth []string) {
	a, u := map[string]bool{}, map[string]bool{}
	for _, m := range s.Models {
		for _, r := range m.Rules {
			if r.Provider != ProviderIAM {
				continue
			}
			for _, f := range ruleFields(m, r) {
				a[f] = true
				if r.Allow == AllowPublic {
					u[f] = true
				}
			}
		}
	}
	return mapkeys.Sorted(a), mapkeys.Sorted(u)
}

func ruleFields(m *Model, r Rule) []string {
	var out []string
	if len(r.Operations) > 0 {
		out = append(out, m.Name+"/*")
	}
	if r.Allows(OpRead) {
		out = append(out, "Model"+m.Name+"Connection/*", "Query/"+m.GetField(), "Query/"+m.ListField(),
			"Subscription/"+m.OnCreateField(), "Subscription/"+m.OnUpdateField(), "Subscription/"+m.OnDeleteField())
		for _, ix := range m.Indexes {
			if ix.QueryField != "" {
				out = append(out, "Query/"+ix.QueryField)
			}
		}
	}
	for op, field := range map[string]string{OpCreate: m.CreateField(), OpUpdate: m.UpdateField(), OpDelete: m.DeleteField()} {
		if r.Allows(op) {
			out = append(out, "Mutation/"+field)
		}
	}
	return out
}
