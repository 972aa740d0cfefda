package testenv

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	apitypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// restAPITemplate is the REST API stack ampgo generates (one API "items"
// with a Cognito authorizer, /items with ANY + OPTIONS, a hashed
// deployment, the env's stage, the Lambda permission and an
// execute-api:Invoke policy on the imported auth role). The second
// version is what an update produces: a new deployment logical id,
// /items/{proxy+} removed and /orders added.
func restAPITemplate(account, poolARN, role string, second bool) string {
	ref := func(n string) map[string]any { return map[string]any{"Ref": n} }
	sub := func(s string) map[string]any { return map[string]any{"Fn::Sub": s} }
	lambdaURI := sub("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FunctionItemsfn.Arn}/invocations")
	proxyMethod := func(resource, auth string) map[string]any {
		p := map[string]any{"RestApiId": ref("ApiItems"), "ResourceId": ref(resource), "HttpMethod": "ANY", "AuthorizationType": auth,
			"Integration": map[string]any{"Type": "AWS_PROXY", "IntegrationHttpMethod": "POST", "Uri": lambdaURI}}
		if auth == "COGNITO_USER_POOLS" {
			p["AuthorizerId"] = ref("ApiItemsAuthorizer")
		}
		return map[string]any{"Type": "AWS::ApiGateway::Method", "Properties": p}
	}
	pathRes := func(parent any, part string) map[string]any {
		return map[string]any{"Type": "AWS::ApiGateway::Resource", "Properties": map[string]any{"RestApiId": ref("ApiItems"), "ParentId": parent, "PathPart": part}}
	}
	cors := "method.response.header.Access-Control-Allow-"
	arn := "arn:aws:execute-api:us-east-1:" + account + ":${ApiItems}"
	r := map[string]any{
		"FunctionItemsfnRole": map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"AssumeRolePolicyDocument": map[string]any{"Version": "2012-10-17",
			"Statement": []any{map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": []string{"lambda.amazonaws.com"}}, "Action": []string{"sts:AssumeRole"}}}}}},
		"FunctionItemsfn": map[string]any{"Type": "AWS::Lambda::Function", "Properties": map[string]any{"FunctionName": "itemsfn-acme-dev", "Handler": "index.handler",
			"Runtime": "nodejs22.x", "Role": map[string]any{"Fn::GetAtt": []string{"FunctionItemsfnRole", "Arn"}},
			"Code": map[string]any{"ZipFile": "exports.handler = async () => ({statusCode: 200, body: 'hi'})"}}},
		"ApiItems": map[string]any{"Type": "AWS::ApiGateway::RestApi", "Properties": map[string]any{"Name": "items-acme-dev", "Description": "ampgo REST API items",
			"EndpointConfiguration": map[string]any{"Types": []string{"REGIONAL"}}}},
		"ApiItemsAuthorizer": map[string]any{"Type": "AWS::ApiGateway::Authorizer", "Properties": map[string]any{"RestApiId": ref("ApiItems"), "Name": "items-userpool",
			"Type": "COGNITO_USER_POOLS", "IdentitySource": "method.request.header.Authorization", "ProviderARNs": []string{poolARN}}},
		"ApiItemsPathItems":    pathRes(map[string]any{"Fn::GetAtt": []string{"ApiItems", "RootResourceId"}}, "items"),
		"ApiItemsPathItemsAny": proxyMethod("ApiItemsPathItems", "COGNITO_USER_POOLS"),
		"ApiItemsPathItemsOptions": map[string]any{"Type": "AWS::ApiGateway::Method", "Properties": map[string]any{"RestApiId": ref("ApiItems"),
			"ResourceId": ref("ApiItemsPathItems"), "HttpMethod": "OPTIONS", "AuthorizationType": "NONE",
			"Integration": map[string]any{"Type": "MOCK", "RequestTemplates": map[string]string{"application/json": `{"statusCode": 200}`},
				"IntegrationResponses": []any{map[string]any{"StatusCode": "200", "ResponseParameters": map[string]string{cors + "Origin": "'*'", cors + "Methods": "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'"}}}},
			"MethodResponses": []any{map[string]any{"StatusCode": "200", "ResponseParameters": map[string]bool{cors + "Origin": false, cors + "Methods": false}}}}},
		"ApiItemsStage": map[string]any{"Type": "AWS::ApiGateway::Stage", "Properties": map[string]any{"RestApiId": ref("ApiItems"), "StageName": "dev"}},
		"ApiItemsPermissionItemsfn": map[string]any{"Type": "AWS::Lambda::Permission", "Properties": map[string]any{"FunctionName": ref("FunctionItemsfn"),
			"Action": "lambda:InvokeFunction", "Principal": "apigateway.amazonaws.com", "SourceArn": sub(arn + "/*/*/*")}},
	}
	methods := []string{"ApiItemsPathItemsAny", "ApiItemsPathItemsOptions"}
	invoke := []any{sub(arn + "/dev/GET/items"), sub(arn + "/dev/GET/items/*")}
	deployment := "ApiItemsDeploymentA1B2C3D4"
	if second {
		deployment = "ApiItemsDeploymentE5F6A7B8"
		r["ApiItemsPathOrders"] = pathRes(map[string]any{"Fn::GetAtt": []string{"ApiItems", "RootResourceId"}}, "orders")
		r["ApiItemsPathOrdersAny"] = proxyMethod("ApiItemsPathOrders", "AWS_IAM")
		methods = append(methods, "ApiItemsPathOrdersAny")
		invoke = append(invoke, sub(arn+"/dev/GET/orders"))
	} else {
		r["ApiItemsPathItemsProxy"] = pathRes(ref("ApiItemsPathItems"), "{proxy+}")
		r["ApiItemsPathItemsProxyAny"] = proxyMethod("ApiItemsPathItemsProxy", "AWS_IAM")
		methods = append(methods, "ApiItemsPathItemsProxyAny")
	}
	r[deployment] = map[string]any{"Type": "AWS::ApiGateway::Deployment", "DependsOn": methods,
		"Properties": map[string]any{"RestApiId": ref("ApiItems"), "Description": "ampgo deployment " + deployment}}
	r["ApiItemsStage"].(map[string]any)["Properties"].(map[string]any)["DeploymentId"] = ref(deployment)
	r["ApiItemsAuthPolicy"] = map[string]any{"Type": "AWS::IAM::Policy", "Properties": map[string]any{"PolicyName": "ampgo-acme-dev-api-items-auth", "Roles": []string{role},
		"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": []string{"execute-api:Invoke"}, "Resource": invoke}}}}}
	b, err := json.Marshal(map[string]any{"AWSTemplateFormatVersion": "2010-09-09", "Resources": r, "Outputs": map[string]any{
		"ApiItemsRootUrl": map[string]any{"Value": sub("https://${ApiItems}.execute-api.us-east-1.amazonaws.com/dev")},
		"ApiItemsId":      map[string]any{"Value": ref("ApiItems")}}})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestRESTAPIStack deploys, updates and deletes ampgo's REST API stack
// through moto's CloudFormation (patches 5-7 of the launcher) and checks
// what API Gateway, Lambda and IAM then hold.
func TestRESTAPIStack(t *testing.T) {
	ctx := context.Background()
	acct := shared.NewAccount()
	cfg := acct.AWSConfig(region)
	cfn, apigw, iamc := cloudformation.NewFromConfig(cfg), apigateway.NewFromConfig(cfg), iam.NewFromConfig(cfg)
	pool, err := cip.NewFromConfig(cfg).CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("acme-dev")})
	if err != nil {
		t.Fatal(err)
	}
	poolARN := aws.ToString(pool.UserPool.Arn)
	const role, policy, stack = "imported-auth-role", "ampgo-acme-dev-api-items-auth", "amplify-acme-dev"
	if _, err := iamc.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(role),
		AssumeRolePolicyDocument: aws.String(TrustPolicy("us-east-1:x", "authenticated"))}); err != nil {
		t.Fatal(err)
	}
	waitOpt := func(o *cloudformation.StackCreateCompleteWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
	}

	if _, err := cfn.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String(stack),
		TemplateBody: aws.String(restAPITemplate(acct.ID, poolARN, role, false)), Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam}}); err != nil {
		t.Fatal(err)
	}
	if err := cloudformation.NewStackCreateCompleteWaiter(cfn, waitOpt).Wait(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)}, time.Minute); err != nil {
		t.Fatal(err)
	}
	apiID := outputOf(ctx, t, cfn, stack, "ApiItemsId")
	if got, want := outputOf(ctx, t, cfn, stack, "ApiItemsRootUrl"), "https://"+apiID+".execute-api.us-east-1.amazonaws.com/dev"; got != want {
		t.Errorf("root URL output %q, want %q", got, want)
	}
	api, err := apigw.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: &apiID})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(api.Name) != "items-acme-dev" || api.EndpointConfiguration == nil || !slices.Equal(api.EndpointConfiguration.Types, []apitypes.EndpointType{"REGIONAL"}) {
		t.Errorf("API name %q, endpoint configuration %+v", aws.ToString(api.Name), api.EndpointConfiguration)
	}
	auths, err := apigw.GetAuthorizers(ctx, &apigateway.GetAuthorizersInput{RestApiId: &apiID})
	if err != nil || len(auths.Items) != 1 {
		t.Fatalf("authorizers %+v, %v", auths, err)
	}
	auth := auths.Items[0]
	if auth.Type != "COGNITO_USER_POOLS" || !slices.Equal(auth.ProviderARNs, []string{poolARN}) || aws.ToString(auth.IdentitySource) != "method.request.header.Authorization" {
		t.Errorf("authorizer %s %v %q", auth.Type, auth.ProviderARNs, aws.ToString(auth.IdentitySource))
	}
	fn, err := lambda.NewFromConfig(cfg).GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("itemsfn-acme-dev")})
	if err != nil {
		t.Fatal(err)
	}
	fnURI := "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + aws.ToString(fn.Configuration.FunctionArn) + "/invocations"
	paths := resourcesOf(ctx, t, apigw, apiID)
	for path, want := range map[string]map[string]string{
		"/items":          {"ANY": "COGNITO_USER_POOLS", "OPTIONS": "NONE"},
		"/items/{proxy+}": {"ANY": "AWS_IAM"},
	} {
		for verb, authType := range want {
			m, err := apigw.GetMethod(ctx, &apigateway.GetMethodInput{RestApiId: &apiID, ResourceId: aws.String(paths[path]), HttpMethod: aws.String(verb)})
			if err != nil {
				t.Errorf("%s %s: %v", verb, path, err)
				continue
			}
			if aws.ToString(m.AuthorizationType) != authType {
				t.Errorf("%s %s authorization %q, want %q", verb, path, aws.ToString(m.AuthorizationType), authType)
			}
			if wantAuth := map[bool]string{true: aws.ToString(auth.Id)}[authType == "COGNITO_USER_POOLS"]; aws.ToString(m.AuthorizerId) != wantAuth {
				t.Errorf("%s %s authorizer %q, want %q", verb, path, aws.ToString(m.AuthorizerId), wantAuth)
			}
			integ := m.MethodIntegration
			switch {
			case integ == nil:
				t.Errorf("%s %s has no integration", verb, path)
			case verb == "ANY" && (integ.Type != "AWS_PROXY" || aws.ToString(integ.Uri) != fnURI || aws.ToString(integ.HttpMethod) != "POST"):
				t.Errorf("%s %s integration %s %s %s", verb, path, integ.Type, aws.ToString(integ.HttpMethod), aws.ToString(integ.Uri))
			case verb == "OPTIONS" && (integ.Type != "MOCK" || integ.IntegrationResponses["200"].ResponseParameters["method.response.header.Access-Control-Allow-Origin"] != "'*'" ||
				!hasKey(m.MethodResponses["200"].ResponseParameters, "method.response.header.Access-Control-Allow-Origin")):
				t.Errorf("OPTIONS %s integration %+v, method responses %+v", path, integ, m.MethodResponses)
			}
		}
	}
	firstDeployment := stageDeployment(ctx, t, apigw, apiID)
	if d, err := apigw.GetDeployment(ctx, &apigateway.GetDeploymentInput{RestApiId: &apiID, DeploymentId: &firstDeployment}); err != nil || aws.ToString(d.Description) != "ampgo deployment ApiItemsDeploymentA1B2C3D4" {
		t.Errorf("stage dev's deployment %q: %+v, %v", firstDeployment, d, err)
	}
	pol, err := lambda.NewFromConfig(cfg).GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: aws.String("itemsfn-acme-dev")})
	if err != nil || !strings.Contains(aws.ToString(pol.Policy), "apigateway.amazonaws.com") || !strings.Contains(aws.ToString(pol.Policy), ":"+apiID+"/*/*/*") {
		t.Errorf("lambda policy %v, %v", pol, err)
	}
	wantARN := "arn:aws:execute-api:us-east-1:" + acct.ID + ":" + apiID + "/dev/GET/items/*"
	if doc := rolePolicy(ctx, t, iamc, role, policy); !strings.Contains(doc, `"`+wantARN+`"`) {
		t.Errorf("role policy %s lacks %s", doc, wantARN)
	}

	// Update: new deployment logical id, /items/{proxy+} removed, /orders added.
	if _, err := cfn.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: aws.String(stack),
		TemplateBody: aws.String(restAPITemplate(acct.ID, poolARN, role, true)), Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam}}); err != nil {
		t.Fatal(err)
	}
	if err := cloudformation.NewStackUpdateCompleteWaiter(cfn, func(o *cloudformation.StackUpdateCompleteWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
	}).Wait(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)}, time.Minute); err != nil {
		t.Fatal(err)
	}
	second := stageDeployment(ctx, t, apigw, apiID)
	if second == firstDeployment {
		t.Errorf("stage dev still on deployment %s", second)
	}
	// GetDeployment of a missing id is HTTP 500 in moto 5.2.1 (KeyError), so list.
	deps, err := apigw.GetDeployments(ctx, &apigateway.GetDeploymentsInput{RestApiId: &apiID})
	if err != nil || len(deps.Items) != 1 || aws.ToString(deps.Items[0].Id) != second {
		t.Errorf("deployments after the update (want only %s): %+v, %v", second, deps, err)
	}
	paths = resourcesOf(ctx, t, apigw, apiID)
	if _, ok := paths["/items/{proxy+}"]; ok {
		t.Errorf("/items/{proxy+} survived the update: %v", paths)
	}
	if m, err := apigw.GetMethod(ctx, &apigateway.GetMethodInput{RestApiId: &apiID, ResourceId: aws.String(paths["/orders"]), HttpMethod: aws.String("ANY")}); err != nil || aws.ToString(m.AuthorizationType) != "AWS_IAM" {
		t.Errorf("ANY /orders after the update: %+v, %v", m, err)
	}
	if doc := rolePolicy(ctx, t, iamc, role, policy); !strings.Contains(doc, apiID+"/dev/GET/orders") {
		t.Errorf("role policy after the update %s lacks /orders", doc)
	}

	// Delete: the API and the inline policy go with the stack.
	if _, err := cfn.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(stack)}); err != nil {
		t.Fatal(err)
	}
	if err := cloudformation.NewStackDeleteCompleteWaiter(cfn, func(o *cloudformation.StackDeleteCompleteWaiterOptions) {
		o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
	}).Wait(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := apigw.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: &apiID}); !isNotFound(err) {
		t.Errorf("API %s after the stack delete: %v", apiID, err)
	}
	if _, err := iamc.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(policy)}); err == nil {
		t.Errorf("role policy %s survived the stack delete", policy)
	}
}

func outputOf(ctx context.Context, t *testing.T, cfn *cloudformation.Client, stack, key string) string {
	t.Helper()
	out, err := cfn.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out.Stacks[0].Outputs {
		if aws.ToString(o.OutputKey) == key {
			return aws.ToString(o.OutputValue)
		}
	}
	t.Fatalf("stack %s has no output %s", stack, key)
	return ""
}

// resourcesOf maps the API's paths to their resource ids.
func resourcesOf(ctx context.Context, t *testing.T, apigw *apigateway.Client, apiID string) map[string]string {
	t.Helper()
	out, err := apigw.GetResources(ctx, &apigateway.GetResourcesInput{RestApiId: &apiID})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	for _, r := range out.Items {
		paths[aws.ToString(r.Path)] = aws.ToString(r.Id)
	}
	return paths
}

func stageDeployment(ctx context.Context, t *testing.T, apigw *apigateway.Client, apiID string) string {
	t.Helper()
	st, err := apigw.GetStage(ctx, &apigateway.GetStageInput{RestApiId: &apiID, StageName: aws.String("dev")})
	if err != nil {
		t.Fatalf("stage dev: %v", err)
	}
	return aws.ToString(st.DeploymentId)
}

func rolePolicy(ctx context.Context, t *testing.T, iamc *iam.Client, role, name string) string {
	t.Helper()
	out, err := iamc.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
	if err != nil {
		t.Fatalf("role policy %s: %v", name, err)
	}
	doc, err := url.QueryUnescape(aws.ToString(out.PolicyDocument))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func isNotFound(err error) bool {
	var nf *apitypes.NotFoundException
	return errors.As(err, &nf)
}

func hasKey(m map[string]bool, k string) bool {
	_, ok := m[k]
	return ok
}
