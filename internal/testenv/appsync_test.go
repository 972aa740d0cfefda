package testenv

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/appsync"
	astypes "github.com/aws/aws-sdk-go-v2/service/appsync/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// todoSDL is a small schema with the AppSync auth directives ampgo emits
// when an API has more than one auth mode, and an AWSDate field (moto's
// list of AppSync scalars lacks AWSDate; launcher patch 9 adds it).
const todoSDL = `type Todo @aws_cognito_user_pools @aws_iam @aws_api_key {
  id: ID!
  title: String!
  owner: String
  due: AWSDate
  createdAt: AWSDateTime!
}

type Query {
  getTodo(id: ID!): Todo
  listTodos: [Todo]
}

type Mutation {
  createTodo(title: String!): Todo
}

schema {
  query: Query
  mutation: Mutation
}
`

// todoCode returns an APPSYNC_JS unit resolver; tag makes versions differ.
func todoCode(op, tag string) string {
	return "import { util } from '@aws-appsync/utils';\n// " + tag + "\n" +
		"export function request(ctx) { return { operation: '" + op + "', key: util.dynamodb.toMapValues({ id: ctx.args.id }) }; }\n" +
		"export function response(ctx) { return ctx.result; }\n"
}

// graphqlTemplate is the shape of ampgo's GraphQL stack: the API on an
// imported user pool (IAM and API key as additional modes), its schema,
// an API key, a DynamoDB table with a GSI, a DynamoDB and a NONE data
// source and APPSYNC_JS unit resolvers that DependsOn the schema.
// Version 2 adds Query.listTodos (NONE), removes Mutation.createTodo's
// resolver, adds the field Mutation.updateTodo with its resolver (the
// schema update must come first, as in AWS), changes getTodo's code and
// adds the GSI byTitle; version 3 removes the
// GSI byOwner.
func graphqlTemplate(poolID, roleARN string, version int, expires int64) string {
	ref := func(n string) map[string]any { return map[string]any{"Ref": n} }
	att := func(n, a string) map[string]any { return map[string]any{"Fn::GetAtt": []string{n, a}} }
	apiID := att("GraphQLAPI", "ApiId")
	resolver := func(typ, field, ds, code string) map[string]any {
		return map[string]any{"Type": "AWS::AppSync::Resolver", "DependsOn": []string{"GraphQLSchema"}, "Properties": map[string]any{
			"ApiId": apiID, "TypeName": typ, "FieldName": field, "DataSourceName": att(ds, "Name"), "Kind": "UNIT",
			"Runtime": map[string]any{"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"}, "Code": code}}
	}
	gsi := func(name, attr string) map[string]any {
		return map[string]any{"IndexName": name, "KeySchema": []any{map[string]any{"AttributeName": attr, "KeyType": "HASH"}},
			"Projection": map[string]any{"ProjectionType": "ALL"}}
	}
	attrs := []any{map[string]any{"AttributeName": "id", "AttributeType": "S"}}
	var gsis []any
	if version < 3 {
		attrs = append(attrs, map[string]any{"AttributeName": "owner", "AttributeType": "S"})
		gsis = append(gsis, gsi("byOwner", "owner"))
	}
	if version >= 2 {
		attrs = append(attrs, map[string]any{"AttributeName": "title", "AttributeType": "S"})
		gsis = append(gsis, gsi("byTitle", "title"))
	}
	sdl := todoSDL
	if version >= 2 {
		sdl = strings.Replace(sdl, "createTodo(title: String!): Todo\n", "createTodo(title: String!): Todo\n  updateTodo(id: ID!, title: String): Todo\n", 1)
	}
	r := map[string]any{
		"GraphQLAPI": map[string]any{"Type": "AWS::AppSync::GraphQLApi", "Properties": map[string]any{
			"Name": "acme-dev", "AuthenticationType": "AMAZON_COGNITO_USER_POOLS",
			"UserPoolConfig": map[string]any{"UserPoolId": poolID, "AwsRegion": region, "DefaultAction": "ALLOW"},
			"AdditionalAuthenticationProviders": []any{
				map[string]any{"AuthenticationType": "AWS_IAM"}, map[string]any{"AuthenticationType": "API_KEY"}},
			"XrayEnabled": false}},
		"GraphQLSchema": map[string]any{"Type": "AWS::AppSync::GraphQLSchema", "Properties": map[string]any{"ApiId": apiID, "Definition": sdl}},
		"GraphQLAPIKey": map[string]any{"Type": "AWS::AppSync::ApiKey", "Properties": map[string]any{
			"ApiId": apiID, "Expires": expires, "Description": "ampgo acme-dev"}},
		"TodoTable": map[string]any{"Type": "AWS::DynamoDB::Table", "Properties": map[string]any{
			"TableName": "Todo-acme-dev", "BillingMode": "PAY_PER_REQUEST", "AttributeDefinitions": attrs,
			"KeySchema": []any{map[string]any{"AttributeName": "id", "KeyType": "HASH"}}, "GlobalSecondaryIndexes": gsis}},
		"TodoDataSource": map[string]any{"Type": "AWS::AppSync::DataSource", "Properties": map[string]any{
			"ApiId": apiID, "Name": "TodoTable", "Type": "AMAZON_DYNAMODB", "ServiceRoleArn": roleARN,
			"DynamoDBConfig": map[string]any{"TableName": ref("TodoTable"), "AwsRegion": region}}},
		"NoneDataSource": map[string]any{"Type": "AWS::AppSync::DataSource", "Properties": map[string]any{
			"ApiId": apiID, "Name": "NONE_DS", "Type": "NONE"}},
	}
	if version == 1 {
		r["QuerygetTodoResolver"] = resolver("Query", "getTodo", "TodoDataSource", todoCode("GetItem", "v1"))
		r["MutationcreateTodoResolver"] = resolver("Mutation", "createTodo", "TodoDataSource", todoCode("PutItem", "v1"))
	} else {
		r["QuerygetTodoResolver"] = resolver("Query", "getTodo", "TodoDataSource", todoCode("GetItem", "v2"))
		r["QuerylistTodosResolver"] = resolver("Query", "listTodos", "NoneDataSource", todoCode("Scan", "v2"))
		r["MutationupdateTodoResolver"] = resolver("Mutation", "updateTodo", "TodoDataSource", todoCode("UpdateItem", "v2"))
	}
	b, err := json.Marshal(map[string]any{"AWSTemplateFormatVersion": "2010-09-09", "Resources": r, "Outputs": map[string]any{
		"GraphQLAPIIdOutput":       map[string]any{"Value": apiID},
		"GraphQLAPIRefOutput":      map[string]any{"Value": ref("GraphQLAPI")},
		"GraphQLAPIArnOutput":      map[string]any{"Value": att("GraphQLAPI", "Arn")},
		"GraphQLAPIEndpointOutput": map[string]any{"Value": att("GraphQLAPI", "GraphQLUrl")},
		"GraphQLAPIRealtimeOutput": map[string]any{"Value": att("GraphQLAPI", "RealtimeUrl")},
		"GraphQLAPIKeyOutput":      map[string]any{"Value": att("GraphQLAPIKey", "ApiKey")},
		"TodoDataSourceArnOutput":  map[string]any{"Value": att("TodoDataSource", "DataSourceArn")},
		"GetTodoResolverArnOutput": map[string]any{"Value": att("QuerygetTodoResolver", "ResolverArn")},
	}})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestGraphQLAPIStack deploys, updates and deletes ampgo's GraphQL stack
// through moto's CloudFormation (launcher patches 9 and 10) and reads back
// with the AppSync SDK what was deployed.
func TestGraphQLAPIStack(t *testing.T) {
	ctx := context.Background()
	acct := shared.NewAccount()
	cfg := acct.AWSConfig(region)
	cfn, as, iamc := cloudformation.NewFromConfig(cfg), appsync.NewFromConfig(cfg), iam.NewFromConfig(cfg)
	pool, err := cip.NewFromConfig(cfg).CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("acme-dev")})
	if err != nil {
		t.Fatal(err)
	}
	poolID := aws.ToString(pool.UserPool.Id)
	role, err := iamc.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("acme-dev-appsync-ds"),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"appsync.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	roleARN := aws.ToString(role.Role.Arn)
	expires := time.Now().Add(7 * 24 * time.Hour).Unix()
	const stack = "amplify-acme-dev-api"

	DeployStack(ctx, t, cfn, stack, graphqlTemplate(poolID, roleARN, 1, expires), nil, false)
	apiID := outputOf(ctx, t, cfn, stack, "GraphQLAPIIdOutput")
	api, err := as.GetGraphqlApi(ctx, &appsync.GetGraphqlApiInput{ApiId: &apiID})
	if err != nil {
		t.Fatal(err)
	}
	g := api.GraphqlApi
	if got := outputOf(ctx, t, cfn, stack, "GraphQLAPIRefOutput"); got != aws.ToString(g.Arn) || !strings.HasSuffix(got, ":apis/"+apiID) {
		t.Errorf("Ref of the API %q, want its ARN %q", got, aws.ToString(g.Arn))
	}
	if got := outputOf(ctx, t, cfn, stack, "GraphQLAPIArnOutput"); got != aws.ToString(g.Arn) {
		t.Errorf("GetAtt Arn %q, want %q", got, aws.ToString(g.Arn))
	}
	url := outputOf(ctx, t, cfn, stack, "GraphQLAPIEndpointOutput")
	if !strings.HasPrefix(url, "https://") || !strings.HasSuffix(url, ".appsync-api."+region+".amazonaws.com/graphql") || g.Uris["GRAPHQL"] != url {
		t.Errorf("GraphQLUrl output %q, API uris %v", url, g.Uris)
	}
	if rt := outputOf(ctx, t, cfn, stack, "GraphQLAPIRealtimeOutput"); !strings.HasPrefix(rt, "wss://") || g.Uris["REALTIME"] != rt {
		t.Errorf("RealtimeUrl output %q, API uris %v", rt, g.Uris)
	}
	upc := g.UserPoolConfig
	if aws.ToString(g.Name) != "acme-dev" || g.AuthenticationType != astypes.AuthenticationTypeAmazonCognitoUserPools || upc == nil ||
		aws.ToString(upc.UserPoolId) != poolID || aws.ToString(upc.AwsRegion) != region || upc.DefaultAction != astypes.DefaultActionAllow {
		t.Errorf("API %q auth %s user pool config %+v, want pool %s in %s, ALLOW", aws.ToString(g.Name), g.AuthenticationType, upc, poolID, region)
	}
	var extra []astypes.AuthenticationType
	for _, p := range g.AdditionalAuthenticationProviders {
		extra = append(extra, p.AuthenticationType)
	}
	if !slices.Equal(extra, []astypes.AuthenticationType{astypes.AuthenticationTypeAwsIam, astypes.AuthenticationTypeApiKey}) {
		t.Errorf("additional auth providers %v, want AWS_IAM, API_KEY", extra)
	}

	sdl, err := as.GetIntrospectionSchema(ctx, &appsync.GetIntrospectionSchemaInput{ApiId: &apiID, Format: astypes.OutputTypeSdl})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(sdl.Schema); !strings.Contains(s, "type Todo") || !strings.Contains(s, "getTodo(id: ID!): Todo") || !strings.Contains(s, "due: AWSDate") {
		t.Errorf("introspection schema lacks Todo, getTodo or due:\n%s", s)
	}

	keys, err := as.ListApiKeys(ctx, &appsync.ListApiKeysInput{ApiId: &apiID})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys.ApiKeys) != 1 || aws.ToString(keys.ApiKeys[0].Id) != outputOf(ctx, t, cfn, stack, "GraphQLAPIKeyOutput") ||
		keys.ApiKeys[0].Expires != expires || aws.ToString(keys.ApiKeys[0].Description) != "ampgo acme-dev" {
		t.Errorf("API keys %+v, want one that expires at %d", keys.ApiKeys, expires)
	}

	dss, err := as.ListDataSources(ctx, &appsync.ListDataSourcesInput{ApiId: &apiID})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]astypes.DataSource{}
	for _, d := range dss.DataSources {
		byName[aws.ToString(d.Name)] = d
	}
	if d := byName["TodoTable"]; len(byName) != 2 || d.Type != astypes.DataSourceTypeAmazonDynamodb || aws.ToString(d.ServiceRoleArn) != roleARN ||
		d.DynamodbConfig == nil || aws.ToString(d.DynamodbConfig.TableName) != "Todo-acme-dev" || aws.ToString(d.DynamodbConfig.AwsRegion) != region ||
		aws.ToString(d.DataSourceArn) != outputOf(ctx, t, cfn, stack, "TodoDataSourceArnOutput") || byName["NONE_DS"].Type != astypes.DataSourceTypeNone {
		t.Errorf("data sources %+v", dss.DataSources)
	}
	if d, err := as.GetDataSource(ctx, &appsync.GetDataSourceInput{ApiId: &apiID, Name: aws.String("NONE_DS")}); err != nil || d.DataSource.Type != astypes.DataSourceTypeNone {
		t.Errorf("GetDataSource NONE_DS: %+v, %v", d, err)
	}
	checkResolvers(ctx, t, as, apiID, map[string]string{"Query.getTodo": "TodoTable v1", "Mutation.createTodo": "TodoTable v1"})
	if got, want := outputOf(ctx, t, cfn, stack, "GetTodoResolverArnOutput"), aws.ToString(g.Arn)+"/types/Query/resolvers/getTodo"; got != want {
		t.Errorf("resolver ARN %q, want %q", got, want)
	}
	if got := tableIndexes(ctx, t, acct, "Todo-acme-dev"); !slices.Equal(got, []string{"PAY_PER_REQUEST", "byOwner"}) {
		t.Errorf("table billing and GSIs %v, want PAY_PER_REQUEST byOwner", got)
	}

	// Update: a field and resolvers added, one removed, one changed; a GSI added.
	DeployStack(ctx, t, cfn, stack, graphqlTemplate(poolID, roleARN, 2, expires), nil, true)
	if id := outputOf(ctx, t, cfn, stack, "GraphQLAPIIdOutput"); id != apiID {
		t.Errorf("the update replaced the API: %s, was %s", id, apiID)
	}
	checkResolvers(ctx, t, as, apiID, map[string]string{"Query.getTodo": "TodoTable v2", "Query.listTodos": "NONE_DS v2", "Mutation.updateTodo": "TodoTable v2"})
	if _, err := as.GetResolver(ctx, &appsync.GetResolverInput{ApiId: &apiID, TypeName: aws.String("Mutation"), FieldName: aws.String("createTodo")}); !asNotFound(err) {
		t.Errorf("GetResolver of the removed Mutation.createTodo: %v, want NotFoundException", err)
	}
	if got := tableIndexes(ctx, t, acct, "Todo-acme-dev"); !slices.Equal(got, []string{"PAY_PER_REQUEST", "byOwner", "byTitle"}) {
		t.Errorf("table billing and GSIs after adding byTitle %v", got)
	}
	DeployStack(ctx, t, cfn, stack, graphqlTemplate(poolID, roleARN, 3, expires), nil, true)
	if got := tableIndexes(ctx, t, acct, "Todo-acme-dev"); !slices.Equal(got, []string{"PAY_PER_REQUEST", "byTitle"}) {
		t.Errorf("table billing and GSIs after removing byOwner %v", got)
	}

	// Delete: the API (with its schema, key, data sources, resolvers) and the table go.
	if _, err := cfn.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(stack)}); err != nil {
		t.Fatal(err)
	}
	if err := cloudformation.NewStackDeleteCompleteWaiter(cfn, func(o *cloudformation.StackDeleteCompleteWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
	}).Wait(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := as.GetGraphqlApi(ctx, &appsync.GetGraphqlApiInput{ApiId: &apiID}); !asNotFound(err) {
		t.Errorf("API %s after the stack delete: %v", apiID, err)
	}
	if _, err := as.ListDataSources(ctx, &appsync.ListDataSourcesInput{ApiId: &apiID}); !asNotFound(err) {
		t.Errorf("data sources of API %s after the stack delete: %v", apiID, err)
	}
	if status, _ := describeTable(ctx, t, acct, "Todo-acme-dev"); status != http.StatusBadRequest {
		t.Errorf("DescribeTable after the stack delete: HTTP %d, want 400 (ResourceNotFoundException)", status)
	}
}

// TestGraphQLAPIStackRefused checks the failures AppSync reports for a
// broken stack, which ampgo's templates must never produce.
func TestGraphQLAPIStackRefused(t *testing.T) {
	ctx := context.Background()
	cfg := shared.NewAccount().AWSConfig(region)
	cfn := cloudformation.NewFromConfig(cfg)
	base := func() map[string]any {
		return map[string]any{
			"Api": map[string]any{"Type": "AWS::AppSync::GraphQLApi", "Properties": map[string]any{"Name": "x", "AuthenticationType": "API_KEY"}},
			"Schema": map[string]any{"Type": "AWS::AppSync::GraphQLSchema", "Properties": map[string]any{
				"ApiId": map[string]any{"Fn::GetAtt": []string{"Api", "ApiId"}}, "Definition": todoSDL}},
			"Ds": map[string]any{"Type": "AWS::AppSync::DataSource", "Properties": map[string]any{
				"ApiId": map[string]any{"Fn::GetAtt": []string{"Api", "ApiId"}}, "Name": "NONE_DS", "Type": "NONE"}},
		}
	}
	resolver := func(apiID any, typ, field, ds string, code any) map[string]any {
		p := map[string]any{"ApiId": apiID, "TypeName": typ, "FieldName": field, "DataSourceName": ds, "Kind": "UNIT",
			"Runtime": map[string]any{"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"}}
		if code != nil {
			p["Code"] = code
		}
		return map[string]any{"Type": "AWS::AppSync::Resolver", "DependsOn": []string{"Schema", "Ds"}, "Properties": p}
	}
	getAtt := map[string]any{"Fn::GetAtt": []string{"Api", "ApiId"}}
	// want is a part of the refusal, "" for success. AWS rolls such a
	// stack back and tells why in its events; moto fails the CreateStack
	// call itself with a ValidationError (launcher patch 9).
	for _, tc := range []struct {
		name  string
		extra map[string]any
		want  string
	}{
		{"valid", map[string]any{"R": resolver(getAtt, "Query", "getTodo", "NONE_DS", todoCode("GetItem", "x"))}, ""},
		{"missing-data-source", map[string]any{"R": resolver(getAtt, "Query", "getTodo", "Missing", todoCode("GetItem", "x"))}, "No data source found named Missing"},
		{"no-code", map[string]any{"R": resolver(getAtt, "Query", "getTodo", "NONE_DS", nil)}, "code is required for the APPSYNC_JS runtime"},
		{"unknown-field", map[string]any{"R": resolver(getAtt, "Query", "nope", "NONE_DS", todoCode("GetItem", "x"))}, "No field named nope found on type Query"},
		{"unknown-type", map[string]any{"R": resolver(getAtt, "Subscription", "onCreateTodo", "NONE_DS", todoCode("GetItem", "x"))}, "Type Subscription not found"},
		{"api-ref-not-id", map[string]any{"R": resolver(map[string]any{"Ref": "Api"}, "Query", "getTodo", "NONE_DS", todoCode("GetItem", "x"))}, "GraphQL API arn:aws:appsync:"},
		{"bad-schema", map[string]any{"Schema": map[string]any{"Type": "AWS::AppSync::GraphQLSchema", "Properties": map[string]any{
			"ApiId": getAtt, "Definition": "type Query { x: Nope }"}}}, "Unknown type 'Nope'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := base()
			maps.Copy(r, tc.extra)
			b, err := json.Marshal(map[string]any{"Resources": r})
			if err != nil {
				t.Fatal(err)
			}
			_, err = cfn.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String("refused-" + tc.name), TemplateBody: aws.String(string(b))})
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CreateStack: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CreateStack: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// checkResolvers compares the API's resolvers with want, "Type.field" →
// "<data source> <code tag>", and checks each is an APPSYNC_JS 1.0.0 unit.
func checkResolvers(ctx context.Context, t *testing.T, as *appsync.Client, apiID string, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, typ := range []string{"Query", "Mutation"} {
		out, err := as.ListResolvers(ctx, &appsync.ListResolversInput{ApiId: &apiID, TypeName: aws.String(typ)})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.Resolvers {
			key := aws.ToString(r.TypeName) + "." + aws.ToString(r.FieldName)
			code := aws.ToString(r.Code)
			_, after, _ := strings.Cut(code, "// ")
			tag, _, _ := strings.Cut(after, "\n")
			got[key] = aws.ToString(r.DataSourceName) + " " + tag
			if r.Kind != astypes.ResolverKindUnit || r.Runtime == nil || r.Runtime.Name != astypes.RuntimeNameAppsyncJs ||
				aws.ToString(r.Runtime.RuntimeVersion) != "1.0.0" || !strings.Contains(code, "export function request(ctx)") {
				t.Errorf("resolver %s: kind %s runtime %+v code %q", key, r.Kind, r.Runtime, code)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("resolvers %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("resolver %s = %q, want %q", k, got[k], v)
		}
		typ, field, _ := strings.Cut(k, ".")
		if r, err := as.GetResolver(ctx, &appsync.GetResolverInput{ApiId: &apiID, TypeName: &typ, FieldName: &field}); err != nil || aws.ToString(r.Resolver.FieldName) != field {
			t.Errorf("GetResolver %s: %+v, %v", k, r, err)
		}
	}
}

func asNotFound(err error) bool {
	var nf *astypes.NotFoundException
	return errors.As(err, &nf)
}

// describeTable calls DynamoDB DescribeTable with a signed raw request
// (the module has no DynamoDB client) and returns the HTTP status and body.
func describeTable(ctx context.Context, t *testing.T, acct *Account, name string) (int, map[string]any) {
	t.Helper()
	cfg := acct.AWSConfig(region)
	body, err := json.Marshal(map[string]string{"TableName": name})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, shared.URL()+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "dynamodb", region, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := cfg.HTTPClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("DescribeTable %s: HTTP %d %s", name, resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

// tableIndexes gives a table's billing mode followed by its GSI names.
func tableIndexes(ctx context.Context, t *testing.T, acct *Account, name string) []string {
	t.Helper()
	status, out := describeTable(ctx, t, acct, name)
	if status != http.StatusOK {
		t.Fatalf("DescribeTable %s: HTTP %d %v", name, status, out)
	}
	var d struct {
		Table struct {
			BillingModeSummary     struct{ BillingMode string }
			GlobalSecondaryIndexes []struct{ IndexName string }
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	got := []string{d.Table.BillingModeSummary.BillingMode}
	for _, g := range d.Table.GlobalSecondaryIndexes {
		got = append(got, g.IndexName)
	}
	slices.Sort(got[1:])
	return got
}

// TestTableTwoGSIChangesRefused checks that one stack update cannot create
// and delete GSIs together, as in AWS ("Cannot perform more than one GSI
// creation or deletion in a single update"): ampgo must roll index changes
// out one per deploy.
func TestTableTwoGSIChangesRefused(t *testing.T) {
	ctx := context.Background()
	cfn := cloudformation.NewFromConfig(shared.NewAccount().AWSConfig(region))
	table := func(index string) string {
		b, err := json.Marshal(map[string]any{"Resources": map[string]any{"T": map[string]any{"Type": "AWS::DynamoDB::Table", "Properties": map[string]any{
			"TableName": "Todo-x", "BillingMode": "PAY_PER_REQUEST",
			"AttributeDefinitions": []any{map[string]any{"AttributeName": "id", "AttributeType": "S"}, map[string]any{"AttributeName": index, "AttributeType": "S"}},
			"KeySchema":            []any{map[string]any{"AttributeName": "id", "KeyType": "HASH"}},
			"GlobalSecondaryIndexes": []any{map[string]any{"IndexName": "by" + index,
				"KeySchema": []any{map[string]any{"AttributeName": index, "KeyType": "HASH"}}, "Projection": map[string]any{"ProjectionType": "ALL"}}},
		}}}})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	DeployStack(ctx, t, cfn, "gsi-swap", table("owner"), nil, false)
	_, err := cfn.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: aws.String("gsi-swap"), TemplateBody: aws.String(table("title"))})
	if err == nil || !strings.Contains(err.Error(), "Cannot perform more than one GSI creation or deletion in a single update") {
		t.Errorf("UpdateStack that deletes byowner and creates bytitle: %v", err)
	}
}
