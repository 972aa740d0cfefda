package category

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/project"
)

// APIOps are the operations a REST API path grants, in the Amplify CLI's
// order (reference amplify-api-behaviour.md §1.1).
var APIOps = []string{OpCreate, OpRead, OpUpdate, OpDelete}

// RestAPI is one API Gateway REST API: paths, each a Lambda proxy, with
// either IAM authorization through the imported identity pool's roles or
// a Cognito authorizer on the imported user pool.
type RestAPI struct {
	Name       string
	Authorizer string // project.AuthorizerIAM or project.AuthorizerUserPool
	// UserPoolID is the imported pool of the userpool authorizer.
	UserPoolID string
	Paths      []project.APIPath
}

// corsHeaders are the CORS answers of the OPTIONS methods and of API
// Gateway's own errors, as the Amplify CLI's REST template has them
// (reference §1.2).
var corsHeaders = map[string]string{
	"Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent'",
	"Access-Control-Allow-Methods": "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'",
	"Access-Control-Allow-Origin":  "'*'",
}

// UserPoolAPIScope is the OAuth scope the userpool authorizer's methods
// require, so the authorizer takes access tokens (see AddTo).
const UserPoolAPIScope = "aws.cognito.signin.user.admin"

// HTTPMethods maps operations to the HTTP methods they allow, as the
// Amplify CLI does: create is POST, read GET, update PUT and PATCH, delete
// DELETE; all four together are every method ("*").
func HTTPMethods(ops []string) []string {
	ops = Normalize(ops, APIOps)
	if len(ops) == len(APIOps) {
		return []string{"*"}
	}
	var out []string
	for _, op := range ops {
		switch op {
		case OpCreate:
			out = append(out, "POST")
		case OpRead:
			out = append(out, "GET")
		case OpUpdate:
			out = append(out, "PUT", "PATCH")
		case OpDelete:
			out = append(out, "DELETE")
		}
	}
	return out
}

// apiID and the ids below are the logical ids of an API's resources; they
// all start with "Api" + the API's logical name.
func apiID(name string) string { return "Api" + logicalName(name) }

// APIRootURLOutput, APIIDOutput and APINameOutput are the outputs of a
// REST API: its invoke URL with the stage, its id and its resource name.
func APIRootURLOutput(name string) string { return apiID(name) + "RootUrl" }

// APIIDOutput is the output that holds the API's id.
func APIIDOutput(name string) string { return apiID(name) + "Id" }

// APINameOutput is the output that holds the API's resource name.
func APINameOutput(name string) string { return apiID(name) + "Name" }

// pathKey turns a path into the letters-and-digits part of a logical id:
// "/items/{id}" is "ItemsParamId".
func pathKey(path string) string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if strings.HasPrefix(seg, "{") {
			b.WriteString("Param")
			seg = strings.Trim(seg, "{}+")
		}
		up := true
		for _, r := range seg {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				up = true
				continue
			}
			if up {
				r = unicode.ToUpper(r)
				up = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CheckPathKeys reports two paths of one API that would get the same
// logical ids ("/my-items" and "/myItems"), or nil.
func CheckPathKeys(paths []string) error {
	seen := map[string]string{}
	for _, p := range paths {
		k := pathKey(p)
		if other, dup := seen[k]; dup && other != p {
			return fmt.Errorf("paths %s and %s differ only in punctuation or case, which CloudFormation names cannot tell apart", other, p)
		}
		seen[k] = p
	}
	return nil
}

// ExecuteARNs are the execute-api ARNs that grant methods on path in
// stage, the wildcard child first, then the path itself, as the Amplify CLI
// writes them (reference §1.3); a {parameter} segment becomes "*". The API
// id is ${apiLogicalID}, for Fn::Sub.
func ExecuteARNs(e Env, apiLogicalID, path string, methods []string) []string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = "*"
		}
	}
	p := strings.Join(segs, "/")
	base := "arn:" + Partition(e.Region) + ":execute-api:" + e.Region + ":" + e.Account + ":${" + apiLogicalID + "}/" + e.Env + "/"
	var out []string
	for _, m := range methods {
		out = append(out, base+m+p+"/*", base+m+p)
	}
	return out
}

// InvokeStatement is the statement on an imported role for access to the
// API's paths ("guest" picks the paths' guest access, else their access
// for signed-in users); ok is false when it grants nothing.
func (a RestAPI) InvokeStatement(e Env, guest bool) (st cfn.Statement, ok bool) {
	var resources []any
	for _, p := range a.Paths {
		ops := p.AuthAccess
		if guest {
			ops = p.GuestAccess
		}
		for _, arn := range ExecuteARNs(e, apiID(a.Name), p.Path, HTTPMethods(ops)) {
			resources = append(resources, cfn.Sub{Sub: arn})
		}
	}
	if len(resources) == 0 {
		return cfn.Statement{}, false
	}
	return cfn.AllowOn([]string{"execute-api:Invoke"}, resources...), true
}

// apiBuild collects one API's resources while they are made, so the
// deployment's logical id can name a hash of everything it deploys.
type apiBuild struct {
	api       RestAPI
	e         Env
	resources map[string]cfn.Resource
}

func (b *apiBuild) add(id string, r cfn.Resource) { b.resources[id] = r }

func (b *apiBuild) ref() cfn.Ref { return cfn.RefTo(apiID(b.api.Name)) }

// AddTo adds the REST API to t: the API, a resource per path segment and
// a {proxy+} child per path, ANY (Lambda proxy) and OPTIONS (CORS) on
// both, API Gateway's own 4XX/5XX answers with CORS headers, a deployment
// named after a hash of all of it (a changed API is a new deployment), the
// stage named after the environment, the permission for API Gateway to
// invoke each function, and, with the iam authorizer, one inline policy on
// each imported role that gets access. The functions must be in t.
func (a RestAPI) AddTo(t *cfn.Template, e Env, roles ImportedRoles) error {
	b := &apiBuild{api: a, e: e, resources: map[string]cfn.Resource{}}
	b.add(apiID(a.Name), cfn.Resource{Type: cfn.TypeRestAPI, Properties: cfn.RestAPI{
		Name:                  a.Name + "-" + e.Project + "-" + e.Env,
		Description:           "ampgo REST API " + a.Name + " of " + e.Project + " (" + e.Env + ")",
		EndpointConfiguration: &cfn.EndpointConfiguration{Types: []string{"REGIONAL"}},
	}})
	var authorizer any
	var scopes []string
	authType := "AWS_IAM"
	if a.Authorizer == project.AuthorizerUserPool {
		arn, err := UserPoolARN(e.Account, a.UserPoolID)
		if err != nil {
			return fmt.Errorf("authorize api %s with the user pool: %w", a.Name, err)
		}
		b.add(apiID(a.Name)+"Authorizer", cfn.Resource{Type: cfn.TypeAuthorizer, Properties: cfn.Authorizer{
			RestAPIID: b.ref(), Name: a.Name + "-userpool", Type: "COGNITO_USER_POOLS",
			IdentitySource: "method.request.header.Authorization", ProviderARNs: []string{arn},
		}})
		authorizer, authType = cfn.RefTo(apiID(a.Name)+"Authorizer"), "COGNITO_USER_POOLS"
		// With a scope the authorizer takes the access token, which the
		// Amplify Android and Swift libraries send for user pool
		// authorization (and aws-amplify JS when told to); without one it
		// takes only the id token. Every access token of a user pool
		// sign-in carries this scope; a hosted UI client must allow it.
		scopes = []string{UserPoolAPIScope}
	}
	var methods []string
	for _, p := range a.Paths {
		parent := b.ensurePath(p.Path)
		proxy := parent + "Proxy"
		b.add(proxy, cfn.Resource{Type: cfn.TypeAPIResource, Properties: cfn.APIResource{
			RestAPIID: b.ref(), ParentID: cfn.RefTo(parent), PathPart: "{proxy+}"}})
		for _, res := range []string{parent, proxy} {
			b.add(res+"Any", cfn.Resource{Type: cfn.TypeMethod, Properties: cfn.Method{
				RestAPIID: b.ref(), ResourceID: cfn.RefTo(res), HTTPMethod: "ANY",
				AuthorizationType: authType, AuthorizerID: authorizer, AuthorizationScopes: scopes,
				Integration: cfn.Integration{Type: "AWS_PROXY", IntegrationHTTPMethod: "POST",
					URI: cfn.Sub{Sub: "arn:" + Partition(e.Region) + ":apigateway:" + e.Region +
						":lambda:path/2015-03-31/functions/${" + functionID(p.Function) + ".Arn}/invocations"}},
			}})
			b.add(res+"Options", corsMethod(b.ref(), res))
			methods = append(methods, res+"Any", res+"Options")
		}
	}
	for _, kind := range []string{"4XX", "5XX"} {
		params := map[string]string{}
		for h, v := range corsHeaders {
			params["gatewayresponse.header."+h] = v
		}
		b.add(apiID(a.Name)+"Default"+kind, cfn.Resource{Type: cfn.TypeGatewayResp, Properties: cfn.GatewayResponse{
			RestAPIID: b.ref(), ResponseType: "DEFAULT_" + kind, ResponseParameters: params}})
		methods = append(methods, apiID(a.Name)+"Default"+kind)
	}
	sort.Strings(methods)
	hash, err := b.hash()
	if err != nil {
		return err
	}
	deployment := apiID(a.Name) + "Deployment" + hash
	b.add(deployment, cfn.Resource{Type: cfn.TypeDeployment, DependsOn: methods, Properties: cfn.Deployment{
		RestAPIID: b.ref(), Description: "ampgo deployment " + hash}})
	b.add(apiID(a.Name)+"Stage", cfn.Resource{Type: cfn.TypeStage, Properties: cfn.Stage{
		RestAPIID: b.ref(), DeploymentID: cfn.RefTo(deployment), StageName: e.Env}})
	sourceArn := cfn.Sub{Sub: "arn:" + Partition(e.Region) + ":execute-api:" + e.Region + ":" + e.Account + ":${" + apiID(a.Name) + "}/*/*/*"}
	for _, fn := range (project.RestAPI{Paths: a.Paths}).Functions() {
		b.add(apiID(a.Name)+"Permission"+logicalName(fn), cfn.Resource{Type: cfn.TypePermission, Properties: cfn.Permission{
			FunctionName: cfn.RefTo(functionID(fn)), Action: "lambda:InvokeFunction",
			Principal: "apigateway.amazonaws.com", SourceArn: sourceArn}})
	}
	if a.Authorizer != project.AuthorizerUserPool {
		b.addGrants(roles)
	}
	ids := make([]string, 0, len(b.resources))
	for id := range b.resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := t.Add(id, b.resources[id]); err != nil {
			return err
		}
	}
	t.Output(APIRootURLOutput(a.Name), cfn.Output{Description: "Invoke URL of REST API " + a.Name + " (stage " + e.Env + ")",
		Value: cfn.Sub{Sub: "https://${" + apiID(a.Name) + "}.execute-api." + e.Region + "." + dnsSuffix(e.Region) + "/" + e.Env}})
	t.Output(APIIDOutput(a.Name), cfn.Output{Description: "Id of REST API " + a.Name, Value: b.ref()})
	t.Output(APINameOutput(a.Name), cfn.Output{Description: "Name of REST API " + a.Name, Value: a.Name})
	return nil
}

// ensurePath adds a Resource for every segment of path not added yet and
// returns the logical id of the last one.
func (b *apiBuild) ensurePath(path string) string {
	parent := any(cfn.AttOf(apiID(b.api.Name), "RootResourceId"))
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var id string
	for i, seg := range segs {
		id = apiID(b.api.Name) + "Path" + pathKey("/"+strings.Join(segs[:i+1], "/"))
		if _, done := b.resources[id]; !done {
			b.add(id, cfn.Resource{Type: cfn.TypeAPIResource, Properties: cfn.APIResource{
				RestAPIID: b.ref(), ParentID: parent, PathPart: seg}})
		}
		parent = cfn.RefTo(id)
	}
	return id
}

// corsMethod is the OPTIONS method of a resource: a MOCK integration that
// answers 200 with the CORS headers, without authorization (browsers send
// the preflight without credentials).
func corsMethod(api cfn.Ref, resource string) cfn.Resource {
	answer, declared := map[string]string{}, map[string]bool{}
	for h, v := range corsHeaders {
		answer["method.response.header."+h] = v
		declared["method.response.header."+h] = false
	}
	return cfn.Resource{Type: cfn.TypeMethod, Properties: cfn.Method{
		RestAPIID: api, ResourceID: cfn.RefTo(resource), HTTPMethod: "OPTIONS", AuthorizationType: "NONE",
		Integration: cfn.Integration{Type: "MOCK", RequestTemplates: map[string]string{"application/json": `{"statusCode": 200}`},
			IntegrationResponses: []cfn.IntegrationResponse{{StatusCode: "200", ResponseParameters: answer}}},
		MethodResponses: []cfn.MethodResponse{{StatusCode: "200", ResponseParameters: declared}},
	}}
}

// hash is 8 hex digits of the SHA-256 of the API's resources so far.
func (b *apiBuild) hash() (string, error) {
	data, err := json.Marshal(b.resources)
	if err != nil {
		return "", fmt.Errorf("hash api %s: %w", b.api.Name, err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4]), nil
}

// addGrants puts the execute-api statements on the imported roles.
func (b *apiBuild) addGrants(roles ImportedRoles) {
	for _, g := range []struct {
		id, role, suffix string
		guest            bool
	}{
		{apiID(b.api.Name) + "AuthPolicy", roles.Auth, "auth", false},
		{apiID(b.api.Name) + "GuestPolicy", roles.Unauth, "guest", true},
	} {
		st, ok := b.api.InvokeStatement(b.e, g.guest)
		if !ok {
			continue
		}
		b.add(g.id, cfn.Resource{Type: cfn.TypePolicy, Properties: cfn.Policy{
			PolicyName: policyName(b.e, "api", b.api.Name, g.suffix), PolicyDocument: cfn.Document(st),
			Roles: []any{g.role},
		}})
	}
}

// dnsSuffix is the domain of AWS endpoints in a region's partition.
func dnsSuffix(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}
