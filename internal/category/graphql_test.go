package category

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/project"
)

const gqlTestSchema = `
type Todo @model @auth(rules: [{allow: owner}, {allow: private, provider: iam, operations: [read]}]) {
  name: String!
  status: String @index(name: "byStatus", queryField: "todosByStatus")
}
type Score @model @auth(rules: [{allow: public, provider: apiKey}]) {
  points: Int! @primaryKey
}
`

// gqlTemplate builds the template of one GraphQL API over schema and
// returns it as generic JSON, the form CloudFormation reads.
func gqlTemplate(t *testing.T, g GraphQLAPI, schema string) map[string]any {
	t.Helper()
	s, err := graphql.Parse("schema.graphql", []byte(schema))
	if err != nil {
		t.Fatal(err)
	}
	g.Schema = s
	tmpl := cfn.New("test")
	e := Env{Project: "acme", Env: "dev", Region: "eu-west-1", Account: "123456789012"}
	if err := g.AddTo(tmpl, e, ImportedRoles{Auth: "acme-auth", Unauth: "acme-unauth"}); err != nil {
		t.Fatal(err)
	}
	body, err := tmpl.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGraphQLTemplate(t *testing.T) {
	g := GraphQLAPI{Name: "shop", Modes: []string{project.AuthUserPools, project.AuthIAM, project.AuthAPIKey},
		APIKeyExpires: 1_900_000_000, UserPoolID: "eu-west-1_abc",
		Resolvers: []GraphQLResolver{
			{TypeName: "Query", FieldName: "getTodo", Model: "Todo", Code: "export function request(ctx) {}"},
			{TypeName: "Subscription", FieldName: "onCreateTodo", Code: "export function request(ctx) {}"},
		},
		AuthFields: []string{"Query/getTodo", "Todo/*"}}
	tmpl := gqlTemplate(t, g, gqlTestSchema)
	res := tmpl["Resources"].(map[string]any)
	props := func(id string) map[string]any {
		t.Helper()
		r, ok := res[id].(map[string]any)
		if !ok {
			t.Fatalf("no resource %s; have %v", id, keys(res))
		}
		return r["Properties"].(map[string]any)
	}
	api := props("GqlShop")
	wantAPI := map[string]any{
		"Name": "shop-acme-dev", "AuthenticationType": "AMAZON_COGNITO_USER_POOLS",
		"UserPoolConfig": map[string]any{"UserPoolId": "eu-west-1_abc", "AwsRegion": "eu-west-1", "DefaultAction": "ALLOW"},
		"AdditionalAuthenticationProviders": []any{
			map[string]any{"AuthenticationType": "AWS_IAM"}, map[string]any{"AuthenticationType": "API_KEY"}},
	}
	if diff := cmp.Diff(wantAPI, api); diff != "" {
		t.Errorf("api (-want +got):\n%s", diff)
	}
	if got := props("GqlShopApiKey")["Expires"]; got != float64(1_900_000_000) {
		t.Errorf("api key expires %v", got)
	}
	table := props("GqlShopTodoTable")
	if table["TableName"] != "Todo-shop-acme-dev" || table["BillingMode"] != "PAY_PER_REQUEST" {
		t.Errorf("todo table %v", table)
	}
	gsis := table["GlobalSecondaryIndexes"].([]any)
	if len(gsis) != 1 || gsis[0].(map[string]any)["IndexName"] != "byStatus" {
		t.Errorf("todo GSIs %v", gsis)
	}
	score := props("GqlShopScoreTable")
	if diff := cmp.Diff([]any{map[string]any{"AttributeName": "points", "AttributeType": "N"}}, score["AttributeDefinitions"]); diff != "" {
		t.Errorf("score key (-want +got):\n%s", diff)
	}
	if ds := props("GqlShopQueryGetTodoResolver")["DataSourceName"]; ds != "TodoTable" {
		t.Errorf("getTodo data source %v", ds)
	}
	if ds := props("GqlShopSubscriptionOnCreateTodoResolver")["DataSourceName"]; ds != "NONE" {
		t.Errorf("onCreateTodo data source %v", ds)
	}
	policy := props("GqlShopAuthPolicy")
	if diff := cmp.Diff([]any{"acme-auth"}, policy["Roles"]); diff != "" {
		t.Errorf("auth policy roles (-want +got):\n%s", diff)
	}
	doc, _ := json.Marshal(policy["PolicyDocument"])
	for _, want := range []string{
		`arn:aws:appsync:eu-west-1:123456789012:apis/${GqlShop.ApiId}/types/Query/fields/getTodo`,
		`arn:aws:appsync:eu-west-1:123456789012:apis/${GqlShop.ApiId}/types/Todo/*`, `"appsync:GraphQL"`,
	} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("auth policy lacks %s:\n%s", want, doc)
		}
	}
	if _, ok := res["GqlShopGuestPolicy"]; ok {
		t.Error("guest policy without guest fields")
	}
	outs := tmpl["Outputs"].(map[string]any)
	for _, o := range []string{GraphQLURLOutput("shop"), GraphQLIDOutput("shop"), GraphQLKeyOutput("shop")} {
		if _, ok := outs[o]; !ok {
			t.Errorf("no output %s", o)
		}
	}
}

// TestGraphQLTemplateWithoutIAM: statements on the imported roles come
// only with the AWS_IAM mode, and the API key only with API_KEY.
func TestGraphQLTemplateWithoutIAM(t *testing.T) {
	tmpl := gqlTemplate(t, GraphQLAPI{Name: "shop", Modes: []string{project.AuthUserPools}, UserPoolID: "eu-west-1_abc",
		AuthFields: []string{"Query/getTodo"}, GuestFields: []string{"Query/getTodo"}},
		"type Todo @model @auth(rules: [{allow: owner}]) { name: String }")
	for id := range tmpl["Resources"].(map[string]any) {
		if strings.HasSuffix(id, "Policy") && id != "GqlShopRolePolicy" || strings.HasSuffix(id, "ApiKey") {
			t.Errorf("unexpected resource %s", id)
		}
	}
	if _, ok := tmpl["Outputs"].(map[string]any)[GraphQLKeyOutput("shop")]; ok {
		t.Error("api key output without API_KEY mode")
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
