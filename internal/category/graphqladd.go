package category

import (
	"fmt"
	"strings"
	"time"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/project"
)

// GraphQLModeFlags maps the flag values of --default-auth and
// --additional-auth to AppSync authorization types.
var GraphQLModeFlags = map[string]string{"userpool": project.AuthUserPools, "iam": project.AuthIAM, "apikey": project.AuthAPIKey}

// ParseGraphQLModes reads --default-auth and --additional-auth into AppSync
// types, default first, without duplicates.
func ParseGraphQLModes(def, additional string) ([]string, error) {
	var modes []string
	for i, v := range append([]string{def}, strings.Split(additional, ",")...) {
		v = strings.ToLower(strings.TrimSpace(v))
		if v == "" && i > 0 {
			continue
		}
		m, ok := GraphQLModeFlags[v]
		if !ok {
			flag := "--additional-auth"
			if i == 0 {
				flag = "--default-auth"
			}
			return nil, exit.UsageErrorf("use userpool, iam or apikey", "invalid %s value %q", flag, v)
		}
		dup := false
		for _, have := range modes {
			dup = dup || have == m
		}
		if !dup {
			modes = append(modes, m)
		}
	}
	return modes, nil
}

// StarterSchema is the schema of a new GraphQL API without --schema: one
// model that each signed-in user owns.
const StarterSchema = `# ampgo GraphQL schema: edit it, then run ` + "`ampgo push`" + `.
# Supported: @model, @auth (owner, groups, private, public), @primaryKey, @index.
type Todo @model @auth(rules: [{allow: owner}]) {
  id: ID!
  name: String!
  description: String
}
`

// AddGraphQLAPI validates a GraphQL API (name, modes, the schema, and the
// imported auth its modes and rules need) and records it with its schema.
// now dates the API key's expiry. The caller saves the project.
func AddGraphQLAPI(p *project.Project, a project.GraphQLAPI, schema []byte, now time.Time) error {
	a, err := checkGraphQLAPI(p, "add api", a, schema, nil, now)
	if err != nil {
		return err
	}
	return p.AddGraphQLAPI(a, schema)
}

// UpdateGraphQLAPI re-checks a recorded GraphQL API with new modes (and, when
// APIKeyExpirationDays is set, a new API key lifetime from now) against its
// schema and the imported auth, and records it. An API key keeps its expiry
// unless a lifetime is given or the API_KEY mode is new.
func UpdateGraphQLAPI(p *project.Project, a project.GraphQLAPI, old project.GraphQLAPI, now time.Time) error {
	schema, err := p.ReadGraphQLSchema(a.Name)
	if err != nil {
		return err
	}
	if a, err = checkGraphQLAPI(p, "update api", a, schema, &old, now); err != nil {
		return err
	}
	return p.UpdateGraphQLAPI(a)
}

// checkGraphQLAPI checks a GraphQL API and fills in its auth and API key
// expiry (kept from old when it had one and no new lifetime is asked).
func checkGraphQLAPI(p *project.Project, verb string, a project.GraphQLAPI, schema []byte, old *project.GraphQLAPI, now time.Time) (project.GraphQLAPI, error) {
	var ps problems
	checkName(&ps, "api", a.Name)
	s, err := graphql.Parse(project.GraphQLSchemaName, schema)
	if err != nil {
		return a, err
	}
	ia := importedAuth(p)
	checkGraphQLAuth(&ps, ia, a, s)
	if err := ps.err(verb + " " + a.Name); err != nil {
		return a, err
	}
	a.Auth = ia.Name
	days := a.APIKeyExpirationDays
	a.APIKeyExpirationDays, a.APIKeyExpires = 0, 0
	if !a.HasMode(project.AuthAPIKey) {
		return a, nil
	}
	if days == 0 && old != nil && old.APIKeyExpires != 0 {
		a.APIKeyExpirationDays, a.APIKeyExpires = old.APIKeyExpirationDays, old.APIKeyExpires
		return a, nil
	}
	if days == 0 {
		days = 7 // AppSync's default lifetime of an API key
	}
	a.APIKeyExpirationDays = days
	a.APIKeyExpires = now.Add(time.Duration(days) * 24 * time.Hour).Unix()
	return a, nil
}

// checkGraphQLAuth adds what keeps the modes and the schema's rules from
// working on the imported auth: a rule whose provider is not a mode of the
// API (exit 2), user pools without an imported pool, iam without the
// identity pool's roles, public iam rules without guests (exit 3).
func checkGraphQLAuth(ps *problems, a *project.ImportedAuth, api project.GraphQLAPI, s *graphql.Schema) {
	has := map[string]bool{}
	for _, m := range api.Modes {
		has[m] = true
	}
	providerMode := map[string]string{graphql.ProviderUserPools: project.AuthUserPools, graphql.ProviderIAM: project.AuthIAM, graphql.ProviderAPIKey: project.AuthAPIKey}
	guest := false
	for _, m := range s.Models {
		for _, r := range m.Rules {
			mode := providerMode[r.Provider]
			if !has[mode] {
				ps.add(exit.Usage, fmt.Sprintf("%s:%d:%d: model %s rule {allow: %s, provider: %s} needs authorization mode %s, which the API does not have",
					project.GraphQLSchemaName, r.Pos.Line, r.Pos.Column, m.Name, r.Allow, r.Provider, mode),
					"add it: --additional-auth "+ModeFlag(mode)+" (or change the rule)")
			}
			guest = guest || (r.Allow == graphql.AllowPublic && r.Provider == graphql.ProviderIAM)
		}
	}
	if has[project.AuthUserPools] {
		checkUserPoolAuth(ps, a, "a GraphQL API with user pool authorization")
	}
	if has[project.AuthIAM] {
		checkRolesAuth(ps, a, guest, "a GraphQL API with IAM authorization")
	}
	if a == nil && !has[project.AuthUserPools] && !has[project.AuthIAM] {
		ps.add(exit.Requirements, "a GraphQL API needs imported auth, and this project has none", "import it first with `ampgo import auth`")
	}
}

// ModeFlag is the --default-auth/--additional-auth value of an AppSync
// authorization type.
func ModeFlag(mode string) string {
	for flag, m := range GraphQLModeFlags {
		if m == mode {
			return flag
		}
	}
	return mode
}

// CheckGraphQLAPIs reports what keeps the GraphQL APIs from deploying on
// the imported auth of the current environment (an exit-3 error), or nil.
func CheckGraphQLAPIs(a *project.ImportedAuth, apis []project.GraphQLAPI, schemas map[string]*graphql.Schema) error {
	var ps problems
	for _, api := range apis {
		var sub problems
		checkGraphQLAuth(&sub, a, api, schemas[api.Name])
		for i := range sub.msgs {
			ps.add(sub.code, "api "+api.Name+": "+sub.msgs[i], sub.fixes[i])
		}
	}
	return ps.err("deploy GraphQL APIs")
}
