package awsop

import (
	"cmp"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const (
	form  = "application/x-www-form-urlencoded"
	idp   = "AWSCognitoIdentityProviderService"
	iamV4 = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x"
)

func TestIdentify(t *testing.T) {
	const v = "&Version=2010-05-08"
	for _, tc := range []struct {
		name   string
		method string // POST unless set
		header map[string]string
		body   string
		want   Call
	}{
		{"user pools json", "", map[string]string{"X-Amz-Target": idp + ".ListUserPoolClients"},
			`{"UserPoolId":"us-east-1_x","MaxResults":60}`, Call{Service: "cognito-idp", Op: "ListUserPoolClients", UserPoolID: "us-east-1_x", Protocol: JSON}},
		{"identity pools json", "", map[string]string{"X-Amz-Target": "AWSCognitoIdentityService.DescribeIdentityPool"},
			`{"IdentityPoolId":"us-east-1:1"}`, Call{Service: "cognito-identity", Op: "DescribeIdentityPool", Protocol: JSON}},
		{"json of an unknown prefix", "", map[string]string{"X-Amz-Target": "DynamoDB_20120810.GetItem"},
			`{}`, Call{Service: "DynamoDB_20120810", Op: "GetItem", Protocol: JSON}},
		{"json: the signature names the service", "", map[string]string{"X-Amz-Target": idp + ".DescribeUserPool", "Authorization": strings.Replace(iamV4, "/iam/", "/cognito-idp/", 1)},
			`{"UserPoolId":"eu-west-1_y"}`, Call{Service: "cognito-idp", Op: "DescribeUserPool", UserPoolID: "eu-west-1_y", Protocol: JSON}},
		{"json with a body that is not JSON", "", map[string]string{"X-Amz-Target": idp + ".DescribeUserPool"},
			`UserPoolId=x`, Call{Service: "cognito-idp", Op: "DescribeUserPool", Protocol: JSON}},
		{"target without a dot", "", map[string]string{"X-Amz-Target": "DescribeUserPool"}, `{}`, Call{Op: Unknown, Protocol: JSON}},
		{"target with two dots", "", map[string]string{"X-Amz-Target": idp + ".Describe.UserPool"}, `{}`, Call{Op: Unknown, Protocol: JSON}},
		{"target without an operation", "", map[string]string{"X-Amz-Target": idp + "."}, `{}`, Call{Op: Unknown, Protocol: JSON}},
		{"target without a prefix", "", map[string]string{"X-Amz-Target": ".DescribeUserPool"}, `{}`, Call{Op: Unknown, Protocol: JSON}},
		{"target wins over a form body", "", map[string]string{"X-Amz-Target": idp + ".ListUserPools", "Content-Type": form},
			"Action=GetRole" + v, Call{Service: "cognito-idp", Op: "ListUserPools", Protocol: JSON}},
		{"iam query", "", map[string]string{"Authorization": iamV4, "Content-Type": form},
			"Action=GetRole&RoleName=r" + v, Call{Service: "iam", Op: "GetRole", Protocol: Query}},
		{"query with a charset", "", map[string]string{"Authorization": iamV4, "Content-Type": form + "; charset=utf-8"},
			"Version=2010-05-08&Action=ListRoles", Call{Service: "iam", Op: "ListRoles", Protocol: Query}},
		{"unsigned query", "", map[string]string{"Content-Type": form}, "Action=GetCallerIdentity&Version=2011-06-15", Call{Op: "GetCallerIdentity", Protocol: Query}},
		{"query without an Action", "", map[string]string{"Authorization": iamV4, "Content-Type": form},
			"RoleName=r" + v, Call{Service: "iam", Op: Unknown, Protocol: Query}},
		{"query with an empty Action", "", map[string]string{"Content-Type": form}, "Action=&RoleName=r" + v, Call{Op: Unknown, Protocol: Query}},
		{"query with an Action that is no name", "", map[string]string{"Content-Type": form}, "Action=Get%20Role" + v, Call{Op: Unknown, Protocol: Query}},
		{"query without a Version is no query", "", map[string]string{"Content-Type": form}, "Action=GetRole", Call{Op: Unknown, Protocol: REST}},
		{"query body that does not parse", "", map[string]string{"Content-Type": form}, "Action=GetRole&%%%" + v, Call{Op: Unknown, Protocol: REST}},
		{"a form PUT is no query", http.MethodPut, map[string]string{"Content-Type": form}, "Action=GetRole" + v, Call{Op: Unknown, Protocol: REST}},
		{"a form body without the form type is no query", "", map[string]string{"Authorization": strings.Replace(iamV4, "/iam/", "/s3/", 1), "Content-Type": "text/plain"},
			"Action=DeleteBucket" + v, Call{Service: "s3", Op: Unknown, Protocol: REST}},
		{"a form body without a type is no query", "", nil, "Action=GetRole" + v, Call{Op: Unknown, Protocol: REST}},
		{"malformed credential scope", "", map[string]string{"Authorization": "AWS4-HMAC-SHA256 Credential=a/b/iam, Signature=x", "Content-Type": form},
			"Action=GetRole" + v, Call{Op: "GetRole", Protocol: Query}},
		{"garbage", "", nil, "%%%", Call{Op: Unknown, Protocol: REST}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method := cmp.Or(tc.method, http.MethodPost)
			r := httptest.NewRequest(method, "/", strings.NewReader(tc.body))
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			if got := Identify(r, []byte(tc.body)); got != tc.want {
				t.Errorf("Identify = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestIdentifySDKRequests: the requests the AWS SDK really sends, one per
// service and protocol ampgo uses, are named as the SDK call that made them.
func TestIdentifySDKRequests(t *testing.T) {
	var mu sync.Mutex
	var got Call
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = Identify(r, body)
		mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError) // the answer does not matter
	}))
	t.Cleanup(srv.Close)
	cfg := aws.Config{Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("k", "s", ""),
		BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1}
	ctx := context.Background()
	for _, tc := range []struct {
		call func() error
		want Call
	}{
		{func() error {
			_, err := cip.NewFromConfig(cfg).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("eu-west-1_a")})
			return err
		}, Call{Service: "cognito-idp", Op: "DescribeUserPool", UserPoolID: "eu-west-1_a", Protocol: JSON}},
		{func() error {
			_, err := ci.NewFromConfig(cfg).GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: aws.String("eu-west-1:1")})
			return err
		}, Call{Service: "cognito-identity", Op: "GetIdentityPoolRoles", Protocol: JSON}},
		{func() error {
			_, err := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")})
			return err
		}, Call{Service: "iam", Op: "GetRole", Protocol: Query}},
		{func() error {
			_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}, Call{Service: "sts", Op: "GetCallerIdentity", Protocol: Query}},
		{func() error {
			_, err := cloudformation.NewFromConfig(cfg).CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String("s"), TemplateBody: aws.String("{}")})
			return err
		}, Call{Service: "cloudformation", Op: "CreateStack", Protocol: Query}},
		{func() error {
			_, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).PutObject(ctx,
				&s3.PutObjectInput{Bucket: aws.String("b"), Key: aws.String("k"), Body: strings.NewReader("Action=GetRole"), ContentType: aws.String(form)})
			return err
		}, Call{Service: "s3", Op: Unknown, Protocol: REST}},
		{func() error {
			_, err := lambda.NewFromConfig(cfg).GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("f")})
			return err
		}, Call{Service: "lambda", Op: Unknown, Protocol: REST}},
	} {
		t.Run(tc.want.Service, func(t *testing.T) {
			if err := tc.call(); err == nil {
				t.Fatal("the call succeeded against a server that answers 500")
			}
			mu.Lock()
			defer mu.Unlock()
			if got != tc.want {
				t.Errorf("Identify = %+v, want %+v", got, tc.want)
			}
		})
	}
}
