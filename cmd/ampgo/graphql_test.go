package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appsync"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/testenv"
)

// gqlLifecycleSchema has an owner rule, a private iam read rule and a
// public apiKey read rule, so the API needs all three modes.
const gqlLifecycleSchema = `type Todo @model @auth(rules: [{allow: owner}, {allow: private, provider: iam, operations: [read]}]) {
  name: String!
  status: String @index(name: "byStatus", queryField: "todosByStatus")
}

type Notice @model @auth(rules: [{allow: public, provider: apiKey, operations: [read]}, {allow: groups, groups: ["Admins"]}]) {
  text: String!
}
`

// appSyncAPI is what a test reads back about a deployed GraphQL API.
type appSyncAPI struct {
	ID, URL        string
	Default        string
	UserPool       string // "<pool id> <region> <default action>"
	Additional     []string
	Resolvers      map[string]string // "Type.field" -> data source
	APIKeyExpiries []int64
}

// readAppSyncAPI reads the AppSync API named name (nil when there is none).
func readAppSyncAPI(t *testing.T, name string) *appSyncAPI {
	t.Helper()
	ctx := context.Background()
	c := appsync.NewFromConfig(awsConfig(t, "us-east-1"))
	list, err := c.ListGraphqlApis(ctx, &appsync.ListGraphqlApisInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, api := range list.GraphqlApis {
		if aws.ToString(api.Name) != name {
			continue
		}
		out := &appSyncAPI{ID: aws.ToString(api.ApiId), URL: api.Uris["GRAPHQL"], Default: string(api.AuthenticationType),
			Resolvers: map[string]string{}}
		if u := api.UserPoolConfig; u != nil {
			out.UserPool = aws.ToString(u.UserPoolId) + " " + aws.ToString(u.AwsRegion) + " " + string(u.DefaultAction)
		}
		for _, p := range api.AdditionalAuthenticationProviders {
			out.Additional = append(out.Additional, string(p.AuthenticationType))
		}
		for _, typ := range []string{"Query", "Mutation", "Subscription"} {
			rs, err := c.ListResolvers(ctx, &appsync.ListResolversInput{ApiId: api.ApiId, TypeName: aws.String(typ)})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs.Resolvers {
				out.Resolvers[typ+"."+aws.ToString(r.FieldName)] = aws.ToString(r.DataSourceName)
			}
		}
		keys, err := c.ListApiKeys(ctx, &appsync.ListApiKeysInput{ApiId: api.ApiId})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys.ApiKeys {
			out.APIKeyExpiries = append(out.APIKeyExpiries, k.Expires)
		}
		return out
	}
	return nil
}

// appSyncPolicy is the appsync:GraphQL statement ampgo must put on an
// imported role for the "Type/field" pairs of graphql.IAMFields.
func appSyncPolicy(t *testing.T, acct, apiID string, fields []string) any {
	t.Helper()
	var arns []string
	for _, f := range fields {
		typ, field, _ := strings.Cut(f, "/")
		arn := "arn:aws:appsync:us-east-1:" + acct + ":apis/" + apiID + "/types/" + typ
		if field == "*" {
			arns = append(arns, arn+"/*")
		} else {
			arns = append(arns, arn+"/fields/"+field)
		}
	}
	return wantPolicy(t, []map[string]any{{"Effect": "Allow", "Action": []string{"appsync:GraphQL"}, "Resource": arns}})
}

// TestGraphQLAPILifecycle: add api --type graphql with three modes, push
// (the API on the imported pool, one table per model, a resolver per root
// field, appsync:GraphQL on the imported auth role), the client config read
// by aws-amplify, a refused mode change, a new API key lifetime, and remove
// + push deleting everything; the imported Cognito resources unchanged.
func TestGraphQLAPILifecycle(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, proj := catProject(t, env, s)
	acct := account(t).ID
	before := catSnapshot(t, proj)
	schemaFile := filepath.Join(t.TempDir(), "schema.graphql")
	if err := os.WriteFile(schemaFile, []byte(gqlLifecycleSchema), 0o644); err != nil {
		t.Fatal(err)
	}
	schema, err := graphql.Parse("schema.graphql", []byte(gqlLifecycleSchema))
	if err != nil {
		t.Fatal(err)
	}
	authFields, guestFields := graphql.IAMFields(schema)
	if len(authFields) == 0 || len(guestFields) != 0 {
		t.Fatalf("IAMFields = %v, %v: the schema should open fields to the auth role only", authFields, guestFields)
	}
	authPolicy := "ampgo-" + proj + "-dev-api-notes-auth"

	mustRun(t, dir, env, "add", "api", "--type", "graphql", "--name", "notes", "--schema", schemaFile,
		"--additional-auth", "iam,apikey", "--api-key-expiration-days", "30")
	r := mustRun(t, dir, env, "push", "--dry-run")
	for _, want := range []string{"+ GqlNotes ", "+ GqlNotesTodoTable", "+ GqlNotesNoticeTable", "+ GqlNotesQueryListTodosResolver",
		"Imported role " + s.AuthRoleName + ":", "inline policy " + authPolicy, `"appsync:GraphQL"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Imported role "+s.UnauthRoleName+":") {
		t.Errorf("plan changes the unauth role, which no rule opens:\n%s", r.stdout)
	}
	mustRun(t, dir, env, "push", "--yes")
	if r = mustRun(t, dir, env, "status"); !regexp.MustCompile(`(?m)^\S*\s*api\s+notes\s+No Change`).MatchString(r.stdout) {
		t.Errorf("status after push:\n%s", r.stdout)
	}

	api := readAppSyncAPI(t, "notes-"+proj+"-dev")
	if api == nil {
		t.Fatalf("no AppSync API notes-%s-dev after push", proj)
	}
	if api.Default != "AMAZON_COGNITO_USER_POOLS" || api.UserPool != s.UserPoolID+" us-east-1 ALLOW" ||
		!slices.Equal(api.Additional, []string{"AWS_IAM", "API_KEY"}) {
		t.Errorf("API authorization: default %s, user pool %q, additional %v; want the imported pool %s", api.Default, api.UserPool, api.Additional, s.UserPoolID)
	}
	resolvers, err := graphql.Resolvers(schema, graphql.ResolverConfig{Account: acct, Partition: "aws",
		AuthRoleName: s.AuthRoleName, UnauthRoleName: s.UnauthRoleName, IdentityPoolID: s.IdentityPoolID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, res := range resolvers {
		if res.TypeName == "Query" || res.TypeName == "Mutation" || res.TypeName == "Subscription" {
			ds := "NONE"
			if res.Model != "" {
				ds = res.Model + "Table"
			}
			want[res.TypeName+"."+res.FieldName] = ds
		}
	}
	if len(want) != 17 { // per model get, list, create, update, delete, three subscriptions; Todo's index query
		t.Fatalf("graphql.Resolvers gave %d root resolvers for two models, want 17", len(want))
	}
	if diff := cmp.Diff(want, api.Resolvers); diff != "" {
		t.Errorf("resolvers (-want +got):\n%s", diff)
	}
	tables := 0
	for _, id := range stackResources(t, "amplify-"+proj+"-dev") {
		if strings.HasPrefix(id, "GqlNotes") && strings.HasSuffix(id, "Table") {
			tables++
		}
	}
	if tables != 2 {
		t.Errorf("%d model tables in the stack, want 2", tables)
	}
	if diff := cmp.Diff(appSyncPolicy(t, acct, api.ID, authFields), inlinePolicy(t, s.AuthRoleName, authPolicy)); diff != "" {
		t.Errorf("auth role (-want +got):\n%s", diff)
	}
	if len(api.APIKeyExpiries) != 1 {
		t.Fatalf("API keys %v, want one", api.APIKeyExpiries)
	}

	checkDeployedOwnerIsolation(t, env, api.ID, "Todo-notes-"+proj+"-dev", "arn:aws:sts::"+acct+":assumed-role/"+s.AuthRoleName+"/CognitoIdentityCredentials")

	// The client config: the endpoint and modes in aws-exports.js, and
	// aws-amplify's generateClient builds the models and sends a list with
	// the API key to the deployed endpoint.
	exports := readFile(t, dir, "src/aws-exports.js")
	for _, want := range []string{`"aws_appsync_graphqlEndpoint": "` + api.URL + `"`, `"aws_appsync_authenticationType": "AMAZON_COGNITO_USER_POOLS"`} {
		if !strings.Contains(exports, want) {
			t.Errorf("aws-exports.js lacks %s:\n%s", want, exports)
		}
	}
	for _, file := range []string{"src/aws-exports.js", "amplify_outputs.json"} {
		abs, _ := filepath.Abs(filepath.Join(dir, file))
		var got struct {
			Models   map[string][]string `json:"models"`
			Calls    map[string]string   `json:"calls"`
			Requests []struct {
				URL    string `json:"url"`
				APIKey string `json:"apiKey"`
			} `json:"requests"`
		}
		if err := json.Unmarshal(amplifyCheck(t, "--graphql", abs), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Models) != 2 || !slices.Contains(got.Models["Todo"], "list") {
			t.Errorf("%s: client.models = %v", file, got.Models)
		}
		if len(got.Requests) != 1 || got.Requests[0].URL != api.URL || got.Requests[0].APIKey == "" {
			t.Errorf("%s: requests %+v, want one list to %s with the API key", file, got.Requests, api.URL)
		}
	}
	if q := readFile(t, dir, "src/graphql/queries.js"); !strings.Contains(q, "export const todosByStatus = /* GraphQL */") {
		t.Errorf("queries.js lacks the index query:\n%s", q)
	}
	// A fresh clone has no amplify-meta.json: env checkout reads the
	// endpoint and key from the environment's stack.
	for _, rel := range []string{"amplify/backend/amplify-meta.json", "src/aws-exports.js"} {
		if err := os.Remove(filepath.Join(dir, rel)); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, dir, env, "env", "checkout", "dev", "--yes")
	if exports := readFile(t, dir, "src/aws-exports.js"); !strings.Contains(exports, `"aws_appsync_graphqlEndpoint": "`+api.URL+`"`) ||
		!strings.Contains(exports, `"aws_appsync_apiKey": "`) {
		t.Errorf("aws-exports.js after a fresh checkout lacks the endpoint %s or the key:\n%s", api.URL, exports)
	}

	// Dropping iam while a rule needs it is refused; a new key lifetime
	// replaces the key's expiry.
	r = runAmpgo(t, dir, env, "", "update", "api", "--name", "notes", "--additional-auth", "apikey")
	if r.code != 2 || !strings.Contains(r.stderr, "needs authorization mode AWS_IAM") {
		t.Errorf("update api dropping iam: exit %d\n%s", r.code, r.stderr)
	}
	mustRun(t, dir, env, "update", "api", "--name", "notes", "--api-key-expiration-days", "90")
	mustRun(t, dir, env, "push", "--yes")
	renewed := readAppSyncAPI(t, "notes-"+proj+"-dev")
	if renewed.ID != api.ID || len(renewed.APIKeyExpiries) != 1 || renewed.APIKeyExpiries[0] <= api.APIKeyExpiries[0] {
		t.Errorf("after a new key lifetime: id %s (was %s), key expiries %v (were %v)", renewed.ID, api.ID, renewed.APIKeyExpiries, api.APIKeyExpiries)
	}

	mustRun(t, dir, env, "remove", "api", "--name", "notes", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	if gone := readAppSyncAPI(t, "notes-"+proj+"-dev"); gone != nil {
		t.Errorf("API still there after remove api + push: %+v", gone)
	}
	for _, id := range stackResources(t, "amplify-"+proj+"-dev") {
		if strings.HasPrefix(id, "Gql") {
			t.Errorf("%s left in the stack after remove api + push", id)
		}
	}
	if p := inlinePolicy(t, s.AuthRoleName, authPolicy); p != nil {
		t.Errorf("statements left on the auth role: %v", p)
	}
	if diff := cmp.Diff(before, catSnapshot(t, proj)); diff != "" {
		t.Errorf("Cognito resources or trust policies changed (-before +after):\n%s", diff)
	}
}

// checkDeployedOwnerIsolation runs the resolvers AppSync holds for the
// deployed API (read back through GetResolver) against the deployed Todo
// table: alice and bob, signed in through the pool, each create items;
// alice's list holds only hers, bob cannot read or delete hers, and the
// imported auth role (a private iam read rule) reads every item.
func checkDeployedOwnerIsolation(t *testing.T, env []string, apiID, table, authRoleARN string) {
	t.Helper()
	ctx := context.Background()
	c := appsync.NewFromConfig(awsConfig(t, "us-east-1"))
	dir := t.TempDir()
	files := map[string]string{}
	for _, f := range [][2]string{{"Mutation", "createTodo"}, {"Mutation", "deleteTodo"}, {"Query", "listTodos"}, {"Query", "getTodo"}} {
		out, err := c.GetResolver(ctx, &appsync.GetResolverInput{ApiId: aws.String(apiID), TypeName: aws.String(f[0]), FieldName: aws.String(f[1])})
		if err != nil {
			t.Fatalf("get deployed resolver %s.%s: %v", f[0], f[1], err)
		}
		path := filepath.Join(dir, f[0]+"."+f[1]+".js")
		if err := os.WriteFile(path, []byte(aws.ToString(out.Resolver.Code)), 0o644); err != nil {
			t.Fatal(err)
		}
		files[f[1]] = path
	}
	node, hdir := testenv.AppSyncHarness(t)
	h := testenv.StartResolverRunner(t, node, hdir, env)
	alice := map[string]any{"kind": "userPool", "sub": "sub-alice", "username": "alice"}
	bob := map[string]any{"kind": "userPool", "sub": "sub-bob", "username": "bob"}
	authRole := map[string]any{"kind": "iam", "userArn": authRoleARN, "cognitoIdentityAuthType": "authenticated"}
	type answer struct {
		Data  map[string]any         `json:"data"`
		Error *struct{ Type string } `json:"error"`
	}
	call := func(field, typ string, who, args map[string]any) answer {
		t.Helper()
		b, _ := json.Marshal(map[string]any{"resolver": files[field], "typeName": typ, "fieldName": field,
			"table": table, "identity": who, "args": args})
		var a answer
		if err := json.Unmarshal(h.Do(t, b), &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	var aliceIDs []string
	for _, name := range []string{"a1", "a2"} {
		a := call("createTodo", "Mutation", alice, map[string]any{"input": map[string]any{"name": name}})
		if a.Error != nil {
			t.Fatalf("alice createTodo: %+v", a.Error)
		}
		aliceIDs = append(aliceIDs, a.Data["id"].(string))
	}
	if a := call("createTodo", "Mutation", bob, map[string]any{"input": map[string]any{"name": "b1"}}); a.Error != nil {
		t.Fatalf("bob createTodo: %+v", a.Error)
	}
	count := func(who map[string]any) int {
		t.Helper()
		a := call("listTodos", "Query", who, map[string]any{})
		if a.Error != nil {
			t.Fatalf("listTodos: %+v", a.Error)
		}
		items, _ := a.Data["items"].([]any)
		return len(items)
	}
	if n, m, r := count(alice), count(bob), count(authRole); n != 2 || m != 1 || r != 3 {
		t.Errorf("listTodos: alice sees %d (want 2), bob %d (want 1), the imported auth role %d (want 3)", n, m, r)
	}
	if a := call("getTodo", "Query", bob, map[string]any{"id": aliceIDs[0]}); a.Error == nil || a.Error.Type != "Unauthorized" {
		t.Errorf("bob getTodo of alice's item: %+v, want Unauthorized", a)
	}
	if a := call("deleteTodo", "Mutation", bob, map[string]any{"input": map[string]any{"id": aliceIDs[0]}}); a.Error == nil {
		t.Errorf("bob deleted alice's item: %+v", a.Data)
	}
	if count(alice) != 2 {
		t.Error("alice's items changed after bob's delete")
	}
}
