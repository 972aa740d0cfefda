package category

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/mapkeys"
	"github.com/ampgo/ampgo/internal/project"
)

// GraphQLAPI is one AppSync GraphQL API built from a parsed schema: the
// API with the imported pool as its user pool authorization, one DynamoDB
// table and data source per model, the resolvers, and the appsync:GraphQL
// statements the schema's iam rules need on the imported roles.
type GraphQLAPI struct {
	Name string
	// Modes are AppSync authorization types, default first.
	Modes []string
	// APIKeyExpires is the API key's expiry in epoch seconds (API_KEY
	// mode), recorded when the mode was chosen so the template is the
	// same on every push.
	APIKeyExpires int64
	UserPoolID    string
	Schema        *graphql.Schema
	// Resolvers are the APPSYNC_JS resolvers (graphql.Resolvers), and
	// AuthFields/GuestFields the "Type/field" pairs the schema's iam rules
	// open to the imported auth and unauth roles (graphql.IAMFields). The
	// caller computes them, because they need the imported roles.
	Resolvers               []GraphQLResolver
	AuthFields, GuestFields []string
}

// GraphQLResolver is one unit resolver: its field, the model whose table
// it reads ("" for the NONE data source) and its APPSYNC_JS code.
type GraphQLResolver struct {
	TypeName, FieldName, Model, Code string
}

func gqlID(name string) string { return "Gql" + logicalName(name) }

// GraphQLURLOutput, GraphQLIDOutput and GraphQLKeyOutput are the outputs
// of a GraphQL API: its endpoint, its id and its API key.
func GraphQLURLOutput(name string) string { return gqlID(name) + "Url" }

// GraphQLIDOutput is the output that holds the API's id.
func GraphQLIDOutput(name string) string { return gqlID(name) + "Id" }

// GraphQLKeyOutput is the output that holds the API key (API_KEY mode).
func GraphQLKeyOutput(name string) string { return gqlID(name) + "ApiKey" }

// AddTo adds the GraphQL API to t.
func (g GraphQLAPI) AddTo(t *cfn.Template, e Env, roles ImportedRoles) error {
	id := gqlID(g.Name)
	api, err := g.apiProperties(e)
	if err != nil {
		return err
	}
	apiID := cfn.AttOf(id, "ApiId")
	sdl, err := graphql.AppSyncSchema(g.Schema, g.Modes)
	if err != nil {
		return fmt.Errorf("build schema of api %s: %w", g.Name, err)
	}
	res := map[string]cfn.Resource{
		id:                    {Type: cfn.TypeGraphQLAPI, Properties: api},
		id + "Schema":         {Type: cfn.TypeGraphQLSchema, Properties: cfn.GraphQLSchema{APIID: apiID, Definition: sdl}},
		id + "NoneDataSource": {Type: cfn.TypeDataSource, Properties: cfn.DataSource{APIID: apiID, Name: "NONE", Type: "NONE"}},
		id + "Role":           {Type: cfn.TypeRole, Properties: cfn.Role{AssumeRolePolicyDocument: cfn.AssumeRoleBy("appsync.amazonaws.com")}},
	}
	if g.hasMode(project.AuthAPIKey) {
		res[id+"ApiKey"] = cfn.Resource{Type: cfn.TypeAPIKey, Properties: cfn.APIKey{APIID: apiID,
			Description: "ampgo API key of " + g.Name + " (" + e.Env + ")", Expires: g.APIKeyExpires}}
		t.Output(GraphQLKeyOutput(g.Name), cfn.Output{Description: "API key of GraphQL API " + g.Name, Value: cfn.AttOf(id+"ApiKey", "ApiKey")})
	}
	var tableARNs []string
	for _, m := range g.Schema.Models {
		table, err := modelTable(m, m.TableName(g.Name+"-"+e.Project, e.Env))
		if err != nil {
			return fmt.Errorf("build table of model %s: %w", m.Name, err)
		}
		res[id+m.Name+"Table"] = cfn.Resource{Type: cfn.TypeTable, Properties: table}
		res[id+m.Name+"DataSource"] = cfn.Resource{Type: cfn.TypeDataSource, DependsOn: []string{id + m.Name + "Table"},
			Properties: cfn.DataSource{APIID: apiID, Name: m.Name + "Table", Type: "AMAZON_DYNAMODB",
				ServiceRoleArn: cfn.AttOf(id+"Role", "Arn"),
				DynamoDBConfig: &cfn.DynamoDBConfig{TableName: table.TableName, AwsRegion: e.Region}}}
		arn := "arn:" + Partition(e.Region) + ":dynamodb:" + e.Region + ":" + e.Account + ":table/" + table.TableName
		tableARNs = append(tableARNs, arn, arn+"/index/*")
	}
	if len(tableARNs) > 0 {
		res[id+"RolePolicy"] = cfn.Resource{Type: cfn.TypePolicy, Properties: cfn.Policy{
			PolicyName: "dynamodb-access", Roles: []any{cfn.RefTo(id + "Role")},
			PolicyDocument: cfn.Document(cfn.Allow([]string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
				"dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem"}, tableARNs...)),
		}}
	}
	for _, r := range g.Resolvers {
		ds, dependsOn := any("NONE"), []string{id + "Schema", id + "NoneDataSource"}
		if r.Model != "" {
			ds, dependsOn = r.Model+"Table", []string{id + "Schema", id + r.Model + "DataSource"}
		}
		res[id+r.TypeName+upperFirst(r.FieldName)+"Resolver"] = cfn.Resource{Type: cfn.TypeResolver, DependsOn: dependsOn,
			Properties: cfn.Resolver{APIID: apiID, TypeName: r.TypeName, FieldName: r.FieldName, DataSourceName: ds, Kind: "UNIT",
				Runtime: &cfn.Runtime{Name: "APPSYNC_JS", RuntimeVersion: "1.0.0"}, Code: r.Code}}
	}
	for _, grant := range []struct {
		id, role, suffix string
		fields           []string
	}{{id + "AuthPolicy", roles.Auth, "auth", g.AuthFields}, {id + "GuestPolicy", roles.Unauth, "guest", g.GuestFields}} {
		if len(grant.fields) == 0 || !g.hasMode(project.AuthIAM) {
			continue
		}
		var arns []any
		for _, f := range grant.fields {
			arns = append(arns, cfn.Sub{Sub: "arn:" + Partition(e.Region) + ":appsync:" + e.Region + ":" + e.Account +
				":apis/${" + id + ".ApiId}/types/" + fieldPath(f)})
		}
		res[grant.id] = cfn.Resource{Type: cfn.TypePolicy, Properties: cfn.Policy{
			PolicyName:     policyName(e, "api", g.Name, grant.suffix),
			PolicyDocument: cfn.Document(cfn.AllowOn([]string{"appsync:GraphQL"}, arns...)), Roles: []any{grant.role}}}
	}
	for _, k := range mapkeys.Sorted(res) {
		if err := t.Add(k, res[k]); err != nil {
			return err
		}
	}
	t.Output(GraphQLURLOutput(g.Name), cfn.Output{Description: "Endpoint of GraphQL API " + g.Name, Value: cfn.AttOf(id, "GraphQLUrl")})
	t.Output(GraphQLIDOutput(g.Name), cfn.Output{Description: "Id of GraphQL API " + g.Name, Value: apiID})
	return nil
}

func (g GraphQLAPI) hasMode(mode string) bool {
	return project.GraphQLAPI{Modes: g.Modes}.HasMode(mode)
}

// apiProperties is the API with its modes; user pools are always the
// imported pool, in its own region.
func (g GraphQLAPI) apiProperties(e Env) (cfn.GraphQLAPI, error) {
	if len(g.Modes) == 0 {
		return cfn.GraphQLAPI{}, fmt.Errorf("build api %s: no authorization mode", g.Name)
	}
	pool := func(def bool) (*cfn.UserPoolConfig, error) {
		region, err := ids.UserPoolRegion(g.UserPoolID)
		if err != nil {
			return nil, fmt.Errorf("authorize api %s with the user pool: %w", g.Name, err)
		}
		c := &cfn.UserPoolConfig{UserPoolID: g.UserPoolID, AwsRegion: region}
		if def {
			c.DefaultAction = "ALLOW"
		}
		return c, nil
	}
	api := cfn.GraphQLAPI{Name: g.Name + "-" + e.Project + "-" + e.Env, AuthenticationType: g.Modes[0]}
	for i, m := range g.Modes {
		var upc *cfn.UserPoolConfig
		if m == project.AuthUserPools {
			var err error
			if upc, err = pool(i == 0); err != nil {
				return cfn.GraphQLAPI{}, err
			}
		}
		if i == 0 {
			api.UserPoolConfig = upc
			continue
		}
		api.AdditionalAuthenticationProviders = append(api.AdditionalAuthenticationProviders,
			cfn.AdditionalAuthProvider{AuthenticationType: m, UserPoolConfig: upc})
	}
	return api, nil
}

// modelTable is the model's table: on-demand, encrypted, keyed by the
// primary key (several sort key fields make one composite "a#b" attribute,
// as the Amplify transformer does), one GSI per @index.
func modelTable(m *graphql.Model, name string) (cfn.Table, error) {
	t := cfn.Table{TableName: name, BillingMode: "PAY_PER_REQUEST", SSESpecification: &cfn.SSESpecification{SSEEnabled: true}}
	attrs := map[string]string{}
	keys := func(fields []string) ([]cfn.KeySchemaElement, error) {
		if len(fields) == 0 {
			return nil, fmt.Errorf("no key fields")
		}
		hash, err := keyAttr(m, fields[:1])
		if err != nil {
			return nil, err
		}
		attrs[fields[0]] = hash
		out := []cfn.KeySchemaElement{{AttributeName: fields[0], KeyType: "HASH"}}
		if len(fields) > 1 {
			name := strings.Join(fields[1:], "#")
			typ, err := keyAttr(m, fields[1:])
			if err != nil {
				return nil, err
			}
			attrs[name] = typ
			out = append(out, cfn.KeySchemaElement{AttributeName: name, KeyType: "RANGE"})
		}
		return out, nil
	}
	var err error
	if t.KeySchema, err = keys(m.PrimaryKey); err != nil {
		return t, err
	}
	for _, ix := range m.Indexes {
		ks, err := keys(ix.Fields)
		if err != nil {
			return t, fmt.Errorf("index %s: %w", ix.Name, err)
		}
		t.GlobalSecondaryIndexes = append(t.GlobalSecondaryIndexes, cfn.GlobalSecondaryIndex{
			IndexName: ix.Name, KeySchema: ks, Projection: cfn.Projection{ProjectionType: "ALL"}})
	}
	for _, n := range mapkeys.Sorted(attrs) {
		t.AttributeDefinitions = append(t.AttributeDefinitions, cfn.AttributeDefinition{AttributeName: n, AttributeType: attrs[n]})
	}
	return t, nil
}

// keyAttr is the DynamoDB type of a key made of fields: N for one numeric
// field, S otherwise (composite keys are strings).
func keyAttr(m *graphql.Model, fields []string) (string, error) {
	for _, f := range fields {
		if m.Field(f) == nil {
			return "", fmt.Errorf("key field %s is not a field of %s", f, m.Name)
		}
	}
	if len(fields) == 1 {
		switch m.Field(fields[0]).Type {
		case "Int", "Float", "AWSTimestamp":
			return "N", nil
		}
	}
	return "S", nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fieldPath is the part of an appsync:GraphQL resource ARN after "types/":
// "Query/fields/getTodo" for one field, "Todo/*" for a whole type
// (reference amplify-api-behaviour.md §4.2).
func fieldPath(typeField string) string {
	typ, field, _ := strings.Cut(typeField, "/")
	if field == "*" {
		return typ + "/*"
	}
	return typ + "/fields/" + field
}
