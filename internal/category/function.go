package category

import (
	"fmt"
	"slices"

	"github.com/ampgo/ampgo/internal/category/cfn"
)

// Runtimes ampgo offers. Deprecated runtimes are not offered: cfn-lint
// (and, soon after, Lambda) rejects them.
var Runtimes = []string{"nodejs22.x", "nodejs24.x", "python3.13"}

// DefaultRuntime is the runtime of `ampgo add function` without --runtime.
const DefaultRuntime = "nodejs22.x"

// Handler is the handler of every generated function: index.handler in
// src/index.js or src/index.py.
const Handler = "index.handler"

// Function is one Lambda function. Auth is empty when the function has no
// access to the imported user pool.
type Function struct {
	Name    string
	Runtime string
	Handler string
	Auth    *FunctionAuth
	// CodeKey is the S3 key of the zipped src/ folder in the deployment
	// bucket; it names the zip's hash, so a code change changes the template.
	CodeKey string
}

// FunctionAuth is a function's access to the imported user pool.
type FunctionAuth struct {
	Resource   string   // the auth resource name, e.g. "acmeapp"
	UserPoolID string   // the imported pool's id in this environment
	Ops        []string // of FunctionAuthOps
}

// Function defaults, as the Amplify CLI's function template has them.
const (
	functionTimeout = 25
	functionMemory  = 128
)

// FunctionName is the Lambda function's name: "<name>-<project>-<env>"
// (at most 30+1+20+1+10 = 62 characters).
func FunctionName(e Env, name string) string { return name + "-" + e.Project + "-" + e.Env }

func functionID(name string) string     { return "Function" + logicalName(name) }
func functionRoleID(name string) string { return "Function" + logicalName(name) + "Role" }
func functionPolicyID(name string) string {
	return "Function" + logicalName(name) + "CognitoPolicy"
}

// FunctionArnOutput and FunctionNameOutput are the outputs that hold the
// function's ARN and name.
func FunctionArnOutput(name string) string { return functionID(name) + "Arn" }

// FunctionNameOutput is the output that holds the function's name.
func FunctionNameOutput(name string) string { return functionID(name) + "Name" }

// EnvVars are the function's environment variables: ENV, REGION and, with
// auth access, AUTH_<RESOURCENAME>_USERPOOLID.
func (f Function) EnvVars(e Env) map[string]string {
	vars := map[string]string{"ENV": e.Env, "REGION": e.Region}
	if f.Auth != nil {
		vars[UserPoolEnvVar(f.Auth.Resource)] = f.Auth.UserPoolID
	}
	return vars
}

// CognitoStatement is the statement on the function's execution role that
// grants its operations on the imported pool's real ARN (reference §7).
// ok is false when the function has no auth access.
func (f Function) CognitoStatement(e Env) (st cfn.Statement, ok bool, err error) {
	if f.Auth == nil || len(f.Auth.Ops) == 0 {
		return cfn.Statement{}, false, nil
	}
	arn, err := UserPoolARN(e.Account, f.Auth.UserPoolID)
	if err != nil {
		return cfn.Statement{}, false, fmt.Errorf("grant function %s access to user pool: %w", f.Name, err)
	}
	return cfn.Allow(CognitoActions(f.Auth.Ops), arn), true, nil
}

// AddTo adds the function and its execution role to t. The code comes from
// the deployment bucket, which must be in t too.
func (f Function) AddTo(t *cfn.Template, e Env) error {
	role := cfn.Role{
		AssumeRolePolicyDocument: cfn.AssumeRoleBy("lambda.amazonaws.com"),
		// Logs only; written out rather than with ${AWS::Partition}, like
		// every other ARN in ampgo's templates, so the plan shows it as is.
		ManagedPolicyArns: []any{"arn:" + Partition(e.Region) + ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
	}
	if err := t.Add(functionRoleID(f.Name), cfn.Resource{Type: cfn.TypeRole, Properties: role}); err != nil {
		return err
	}
	var dependsOn []string
	st, ok, err := f.CognitoStatement(e)
	if err != nil {
		return err
	}
	if ok {
		// A policy resource on the function's own role (the Amplify CLI's
		// AmplifyResourcesPolicy), created before the function so its first
		// call already has the access.
		err := t.Add(functionPolicyID(f.Name), cfn.Resource{Type: cfn.TypePolicy, Properties: cfn.Policy{
			PolicyName: "cognito-access", PolicyDocument: cfn.Document(st), Roles: []any{cfn.RefTo(functionRoleID(f.Name))},
		}})
		if err != nil {
			return err
		}
		dependsOn = []string{functionPolicyID(f.Name)}
	}
	handler := f.Handler
	if handler == "" {
		handler = Handler
	}
	err = t.Add(functionID(f.Name), cfn.Resource{Type: cfn.TypeFunction, DependsOn: dependsOn, Properties: cfn.Function{
		FunctionName: FunctionName(e, f.Name),
		Description:  "ampgo function " + f.Name + " of " + e.Project + " (" + e.Env + ")",
		Handler:      handler,
		Runtime:      f.Runtime,
		Role:         cfn.AttOf(functionRoleID(f.Name), "Arn"),
		Code:         cfn.FunctionCode{S3Bucket: cfn.RefTo(DeploymentBucketID), S3Key: f.CodeKey},
		Environment:  &cfn.Environment{Variables: f.EnvVars(e)},
		MemorySize:   functionMemory,
		Timeout:      functionTimeout,
	}})
	if err != nil {
		return err
	}
	t.Output(FunctionArnOutput(f.Name), cfn.Output{Description: "ARN of function " + f.Name, Value: cfn.AttOf(functionID(f.Name), "Arn")})
	t.Output(FunctionNameOutput(f.Name), cfn.Output{Description: "Name of function " + f.Name, Value: cfn.RefTo(functionID(f.Name))})
	return nil
}

// AddDeploymentBucket adds the bucket that holds function code. It is
// private and encrypted; ampgo empties it before it leaves the stack.
func AddDeploymentBucket(t *cfn.Template, e Env) error {
	err := t.Add(DeploymentBucketID, cfn.Resource{Type: cfn.TypeBucket, Properties: cfn.Bucket{
		BucketName: DeploymentBucketName(e),
		BucketEncryption: &cfn.BucketEncryption{ServerSideEncryptionConfiguration: []cfn.EncryptionRule{
			{ServerSideEncryptionByDefault: cfn.EncryptionDefault{SSEAlgorithm: "AES256"}}}},
		PublicAccessBlockConfiguration: cfn.BlockAllPublicAccess(),
	}})
	if err != nil {
		return err
	}
	t.Output(DeploymentBucketOutput, cfn.Output{Description: "Bucket of the function code", Value: cfn.RefTo(DeploymentBucketID)})
	return nil
}

// ValidRuntime reports whether ampgo offers runtime.
func ValidRuntime(runtime string) bool { return slices.Contains(Runtimes, runtime) }
