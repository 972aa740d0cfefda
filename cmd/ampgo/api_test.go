package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

// restAPI is what API Gateway holds for one REST API, read back through
// its own API.
type restAPI struct {
	ID string
	// Methods maps "PATH METHOD" to "authorization type/authorizer id",
	// plus the integration type and URI.
	Methods map[string]string
	// Authorizers maps authorizer ids to "TYPE provider-arns".
	Authorizers map[string]string
	// Stages maps stage names to their deployment ids.
	Stages map[string]string
}

// readRestAPI finds the API named name (nil: none) and reads its paths,
// methods, integrations, authorizers and stages.
func readRestAPI(t *testing.T, name string) *restAPI {
	t.Helper()
	ctx := context.Background()
	c := apigateway.NewFromConfig(awsConfig(t, "us-east-1"))
	apis, err := c.GetRestApis(ctx, &apigateway.GetRestApisInput{})
	if err != nil {
		t.Fatal(err)
	}
	var out *restAPI
	for _, a := range apis.Items {
		if aws.ToString(a.Name) == name {
			if out != nil {
				t.Fatalf("two REST APIs named %s", name)
			}
			out = &restAPI{ID: aws.ToString(a.Id), Methods: map[string]string{}, Authorizers: map[string]string{}, Stages: map[string]string{}}
		}
	}
	if out == nil {
		return nil
	}
	res, err := c.GetResources(ctx, &apigateway.GetResourcesInput{RestApiId: aws.String(out.ID), Embed: []string{"methods"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Items {
		for verb := range r.ResourceMethods {
			m, err := c.GetMethod(ctx, &apigateway.GetMethodInput{RestApiId: aws.String(out.ID), ResourceId: r.Id, HttpMethod: aws.String(verb)})
			if err != nil {
				t.Fatal(err)
			}
			v := aws.ToString(m.AuthorizationType)
			if m.AuthorizerId != nil {
				v += "/" + aws.ToString(m.AuthorizerId)
			}
			if len(m.AuthorizationScopes) > 0 {
				v += "[" + strings.Join(m.AuthorizationScopes, ",") + "]"
			}
			if m.MethodIntegration != nil {
				v += " " + string(m.MethodIntegration.Type) + " " + aws.ToString(m.MethodIntegration.Uri)
			}
			out.Methods[aws.ToString(r.Path)+" "+verb] = strings.TrimSpace(v)
		}
	}
	auths, err := c.GetAuthorizers(ctx, &apigateway.GetAuthorizersInput{RestApiId: aws.String(out.ID)})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range auths.Items {
		out.Authorizers[aws.ToString(a.Id)] = string(a.Type) + " " + strings.Join(a.ProviderARNs, ",")
	}
	stages, err := c.GetStages(ctx, &apigateway.GetStagesInput{RestApiId: aws.String(out.ID)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stages.Item {
		out.Stages[aws.ToString(s.StageName)] = aws.ToString(s.DeploymentId)
	}
	return out
}

// paths lists the API's "PATH METHOD" keys, sorted.
func (a *restAPI) paths() []string {
	var out []string
	for k := range a.Methods {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// invokePolicy is the execute-api statement ampgo must put on a role for
// API id in stage dev: per method and path, the wildcard child, then the
// path.
func invokePolicy(t *testing.T, account, id string, methodPaths ...string) any {
	t.Helper()
	var resources []string
	for _, mp := range methodPaths {
		arn := "arn:aws:execute-api:us-east-1:" + account + ":" + id + "/dev/" + mp
		resources = append(resources, arn+"/*", arn)
	}
	return wantPolicy(t, []any{map[string]any{"Effect": "Allow", "Action": []string{"execute-api:Invoke"}, "Resource": resources}})
}

// TestRESTAPILifecycle: add a REST API on imported auth, push, check API
// Gateway, Lambda and the imported roles; add and remove paths; switch to
// the userpool authorizer; remove the API: the roles and every Cognito
// resource are as before.
func TestRESTAPILifecycle(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, proj := catProject(t, env, s)
	acct := account(t).ID
	before := catSnapshot(t, proj)
	apiName := "shop-" + proj + "-dev"
	authPolicy, guestPolicy := "ampgo-"+proj+"-dev-api-shop-auth", "ampgo-"+proj+"-dev-api-shop-guest"

	r := mustRun(t, dir, env, "add", "api", "--type", "rest", "--name", "shop", "--path", "/items",
		"--auth-access", "create,read,update,delete", "--guest-access", "read")
	if !strings.Contains(r.stderr, `Function "shopfn" added`) {
		t.Errorf("add api did not make its function:\n%s", r.stderr)
	}
	if r = mustRun(t, dir, env, "status"); !regexp.MustCompile(`(?m)^\S*\s*api\s+shop\s+Create`).MatchString(r.stdout) {
		t.Errorf("status before push:\n%s", r.stdout)
	}
	r = mustRun(t, dir, env, "push", "--dry-run")
	for _, want := range []string{"+ ApiShop ", "+ ApiShopPathItemsProxyAny", "+ ApiShopStage", "Imported role " + s.AuthRoleName + ":",
		"inline policy " + authPolicy, "Imported role " + s.UnauthRoleName + ":", `"execute-api:Invoke"`, "${ApiShop}/dev/GET/items"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.stdout)
		}
	}
	mustRun(t, dir, env, "push", "--yes")

	if r = mustRun(t, dir, env, "status"); !regexp.MustCompile(`(?m)^\S*\s*api\s+shop\s+No Change`).MatchString(r.stdout) {
		t.Errorf("status after push:\n%s", r.stdout)
	}
	api := readRestAPI(t, apiName)
	if api == nil {
		t.Fatalf("no REST API %s after push", apiName)
	}
	fnArn := "arn:aws:lambda:us-east-1:" + acct + ":function:shopfn-" + proj + "-dev"
	proxy := "AWS_IAM AWS_PROXY arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fnArn + "/invocations"
	want := map[string]string{"/items ANY": proxy, "/items/{proxy+} ANY": proxy, "/items OPTIONS": "NONE MOCK", "/items/{proxy+} OPTIONS": "NONE MOCK"}
	if diff := cmp.Diff(want, api.Methods); diff != "" {
		t.Errorf("methods (-want +got):\n%s", diff)
	}
	if len(api.Stages) != 1 || api.Stages["dev"] == "" {
		t.Errorf("stages %v, want one named dev", api.Stages)
	}
	if diff := cmp.Diff(invokePolicy(t, acct, api.ID, "*/items"), inlinePolicy(t, s.AuthRoleName, authPolicy)); diff != "" {
		t.Errorf("auth role (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(invokePolicy(t, acct, api.ID, "GET/items"), inlinePolicy(t, s.UnauthRoleName, guestPolicy)); diff != "" {
		t.Errorf("unauth role (-want +got):\n%s", diff)
	}
	checkInvokePermission(t, "shopfn-"+proj+"-dev", "arn:aws:execute-api:us-east-1:"+acct+":"+api.ID+"/*/*/*")
	endpoint := "https://" + api.ID + ".execute-api.us-east-1.amazonaws.com/dev"
	checkAPIMeta(t, dir, endpoint)
	for _, file := range []string{"src/aws-exports.js", "amplify_outputs.json"} {
		checkAmplifyRESTCall(t, filepath.Join(dir, file), "shop", endpoint)
	}
	// A fresh clone has no amplify-meta.json: env checkout reads the
	// endpoint from the environment's stack.
	for _, rel := range []string{"amplify/backend/amplify-meta.json", "src/aws-exports.js"} {
		if err := os.Remove(filepath.Join(dir, rel)); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, dir, env, "env", "checkout", "dev", "--yes")
	if exports := readFile(t, dir, "src/aws-exports.js"); !strings.Contains(exports, `"endpoint": "`+endpoint+`"`) {
		t.Errorf("aws-exports.js after a fresh checkout lacks %s:\n%s", endpoint, exports)
	}

	// A new path: a new deployment behind the same stage, and statements
	// for it; then the old path goes, with exactly its statements.
	mustRun(t, dir, env, "update", "api", "--name", "shop", "--add-path", "/orders", "--auth-access", "create", "--guest-access", "none")
	mustRun(t, dir, env, "push", "--yes")
	grown := readRestAPI(t, apiName)
	if grown.ID != api.ID || grown.Stages["dev"] == api.Stages["dev"] || grown.Methods["/orders ANY"] != proxy {
		t.Errorf("after --add-path: id %s (was %s), stage dev on %s (was %s), /orders ANY %q",
			grown.ID, api.ID, grown.Stages["dev"], api.Stages["dev"], grown.Methods["/orders ANY"])
	}
	if diff := cmp.Diff(invokePolicy(t, acct, api.ID, "*/items", "POST/orders"), inlinePolicy(t, s.AuthRoleName, authPolicy)); diff != "" {
		t.Errorf("auth role after --add-path (-want +got):\n%s", diff)
	}
	mustRun(t, dir, env, "update", "api", "--name", "shop", "--remove-path", "/items")
	mustRun(t, dir, env, "push", "--yes")
	shrunk := readRestAPI(t, apiName)
	if got := shrunk.paths(); !cmp.Equal(got, []string{"/orders ANY", "/orders OPTIONS", "/orders/{proxy+} ANY", "/orders/{proxy+} OPTIONS"}) {
		t.Errorf("after --remove-path /items: %v", got)
	}
	if diff := cmp.Diff(invokePolicy(t, acct, api.ID, "POST/orders"), inlinePolicy(t, s.AuthRoleName, authPolicy)); diff != "" {
		t.Errorf("auth role after --remove-path (-want +got):\n%s", diff)
	}
	if p := inlinePolicy(t, s.UnauthRoleName, guestPolicy); p != nil {
		t.Errorf("guest statements left after the guest path went: %v", p)
	}

	// The userpool authorizer: a Cognito authorizer on the imported pool,
	// and no statement on any imported role.
	mustRun(t, dir, env, "update", "api", "--name", "shop", "--authorizer", "userpool", "--auth-access", "create,read,update,delete")
	mustRun(t, dir, env, "push", "--yes")
	up := readRestAPI(t, apiName)
	if len(up.Authorizers) != 1 {
		t.Fatalf("authorizers %v, want one", up.Authorizers)
	}
	for id, a := range up.Authorizers {
		if a != "COGNITO_USER_POOLS "+s.UserPoolARN {
			t.Errorf("authorizer %s = %q, want one on %s", id, a, s.UserPoolARN)
		}
		if m := up.Methods["/orders ANY"]; !strings.HasPrefix(m, "COGNITO_USER_POOLS/"+id+"[aws.cognito.signin.user.admin] ") {
			t.Errorf("/orders ANY = %q, want the user pool authorizer %s", m, id)
		}
	}
	if p := inlinePolicy(t, s.AuthRoleName, authPolicy); p != nil {
		t.Errorf("statements left on the auth role with the userpool authorizer: %v", p)
	}

	r = runAmpgo(t, dir, env, "", "remove", "function", "--name", "shopfn", "--yes")
	if r.code == 0 || !strings.Contains(r.stderr, "api/shop") {
		t.Errorf("remove function used by an API: exit %d\n%s", r.code, r.stderr)
	}
	mustRun(t, dir, env, "remove", "api", "--name", "shop", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	if gone := readRestAPI(t, apiName); gone != nil {
		t.Errorf("API still there after remove api + push: %+v", gone)
	}
	if diff := cmp.Diff(before, catSnapshot(t, proj)); diff != "" {
		t.Errorf("Cognito resources or trust policies changed (-before +after):\n%s", diff)
	}
}

// checkInvokePermission checks that API Gateway may invoke the function,
// from any stage, method and path of the API (sourceArn).
func checkInvokePermission(t *testing.T, function, sourceArn string) {
	t.Helper()
	out, err := lambda.NewFromConfig(awsConfig(t, "us-east-1")).GetPolicy(context.Background(), &lambda.GetPolicyInput{FunctionName: aws.String(function)})
	if err != nil {
		t.Fatalf("policy of %s: %v", function, err)
	}
	var pol struct {
		Statement []struct {
			Principal any
			Action    any
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(aws.ToString(out.Policy)), &pol); err != nil {
		t.Fatal(err)
	}
	for _, st := range pol.Statement {
		if st.Condition["ArnLike"]["AWS:SourceArn"] == sourceArn && strings.Contains(mustJSON(t, st.Principal), "apigateway.amazonaws.com") {
			return
		}
	}
	t.Errorf("function %s: no permission for apigateway.amazonaws.com from %s in %s", function, sourceArn, aws.ToString(out.Policy))
}

// checkAPIMeta checks amplify-meta.json api.shop: the Amplify CLI's output
// keys, which the client config reads.
func checkAPIMeta(t *testing.T, dir, rootURL string) {
	t.Helper()
	var meta map[string]map[string]struct {
		Service string
		Output  map[string]string
	}
	readJSON(t, dir, "amplify/backend/amplify-meta.json", &meta)
	m := meta["api"]["shop"]
	if m.Service != "API Gateway" || m.Output["RootUrl"] != rootURL || m.Output["ApiName"] != "shop" || m.Output["AuthorizationType"] != "AWS_IAM" {
		t.Errorf("amplify-meta api.shop = %+v, want RootUrl %s", m, rootURL)
	}
}

// TestInteractiveAddAPI answers every `ampgo add api` question in a real
// pseudo-terminal: name, path, an existing function from the list, the
// iam authorizer, and the operations for signed-in users and guests.
func TestInteractiveAddAPI(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	mustRun(t, dir, env, "add", "function", "--name", "orders", "--yes")

	scr, tty, cmd, copied := startPTY(t, dir, env, "add", "api")
	scr.waitFor(t, "Name of the REST API")
	type_(t, tty, "\x15store\r") // ctrl-u clears the default
	scr.waitFor(t, "Path of the API")
	type_(t, tty, "\x15/orders/{id}/x\r")
	scr.waitFor(t, "Which function serves the API?")
	type_(t, tty, "\x1b[B\r") // down: the existing function "orders"
	scr.waitFor(t, "How does the API authorize callers?")
	type_(t, tty, "\r") // iam
	scr.waitFor(t, "Operations signed-in users may call")
	type_(t, tty, "\x15read,create\r")
	scr.waitFor(t, "Operations guests may call")
	type_(t, tty, "read\r")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ampgo add api: %v\nscreen:\n%s", err, scr.text())
	}
	<-copied
	if raw := scr.raw.String(); !strings.Contains(raw, `REST API "store" added`) {
		t.Errorf("output lacks the confirmation:\n%s", scr.text())
	}
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	apis, _, err := p.RestAPIs()
	want := []project.RestAPI{{Name: "store", Authorizer: "iam", Auth: "st" + s.Suffix, Paths: []project.APIPath{
		{Path: "/orders/{id}/x", Function: "orders", AuthAccess: []string{"create", "read"}, GuestAccess: []string{"read"}}}}}
	if diff := cmp.Diff(want, apis); err != nil || diff != "" {
		t.Errorf("recorded (-want +got):\n%s%v", diff, err)
	}
}

// TestAPIRequirements: what `add api` refuses, with which exit code and
// message, changing no project file; and what a user-pool-only import can
// have (the userpool authorizer).
func TestAPIRequirements(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	poolOnly := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	s := seed(t, testenv.SetupOptions{})
	bare := newProject(t, env)
	userPoolOnly := newProject(t, env)
	mustRun(t, userPoolOnly, env, "import", "auth", "--user-pool-only", "--user-pool-id", poolOnly.UserPoolID, "--web-client-id", poolOnly.WebClientID)
	full, _ := catProject(t, env, s)
	add := func(more ...string) []string {
		return append([]string{"add", "api", "--name", "shop", "--path", "/items"}, more...)
	}
	runRefusals(t, env, []refusal{
		{"no auth", bare, add(), 3, []string{"has none", "ampgo import auth"}},
		{"iam without an identity pool", userPoolOnly, add("--authorizer", "iam"), 3, []string{"without an identity pool"}},
		{"userpool with guests", full, add("--authorizer", "userpool", "--guest-access", "read"), 2, []string{"no user pool token"}},
		{"bad path", full, add("--path", "/a/../b"), 2, []string{"invalid segment"}},
		{"bad authorizer", full, add("--authorizer", "cognito"), 2, []string{`invalid --authorizer value "cognito"`}},
		{"unknown function", full, add("--function", "nope"), 2, []string{`function "nope"`, "ampgo add function --name nope"}},
		{"missing name without a terminal", full, []string{"add", "api", "--path", "/items"}, 2, []string{"--name"}},
		{"unknown api on update", full, []string{"update", "api", "--name", "nope", "--add-path", "/x"}, 2, []string{"ampgo status"}},
		{"nothing to update", full, []string{"update", "api", "--name", "shop"}, 2, []string{"nothing to change"}},
	})
	mustRun(t, userPoolOnly, env, add("--authorizer", "userpool")...)
}

// checkAmplifyRESTCall has the real aws-amplify 6 library load file (as an
// app does; amplify_outputs.json merged as the Gen 2 REST docs say) and
// call get({apiName, path: "/items"}) as a guest: the request must go to
// the pushed endpoint, SigV4-signed for execute-api.
func checkAmplifyRESTCall(t *testing.T, file, apiName, endpoint string) {
	t.Helper()
	abs, _ := filepath.Abs(file)
	var got struct {
		IAM      string `json:"iam"`
		Requests []struct {
			URL           string `json:"url"`
			Authorization string `json:"authorization"`
		} `json:"requests"`
	}
	out := amplifyCheck(t, "--rest", abs, apiName)
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("decode check output: %v\n%s", err, out)
	}
	if got.IAM != "ok" || len(got.Requests) == 0 || got.Requests[0].URL != endpoint+"/items" ||
		!strings.Contains(got.Requests[0].Authorization, "/us-east-1/execute-api/aws4_request") {
		t.Errorf("%s: aws-amplify's get() did not call %s/items signed for execute-api:\n%s", file, endpoint, out)
	}
}
