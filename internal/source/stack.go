package source

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// StackAPI is the part of CloudFormation the stack reader calls, with the
// SDK's own signatures. Every call is a read.
type StackAPI interface {
	DescribeStackResources(ctx context.Context, in *cloudformation.DescribeStackResourcesInput, o ...func(*cloudformation.Options)) (*cloudformation.DescribeStackResourcesOutput, error)
	cloudformation.ListStackResourcesAPIClient
	cloudformation.DescribeStacksAPIClient
}

// CloudFormation resource types the reader follows or takes ids from.
const (
	cfnStack        = "AWS::CloudFormation::Stack"
	cfnUserPool     = "AWS::Cognito::UserPool"
	cfnClient       = "AWS::Cognito::UserPoolClient"
	cfnIdentityPool = "AWS::Cognito::IdentityPool"
)

// describeLimit is how many resources DescribeStackResources returns at
// most ("only the first 100 resources will be returned"); a stack that
// fills it is listed again with ListStackResources, which pages.
const describeLimit = 100

// maxNesting bounds how deep nested stacks are followed; CloudFormation
// has no documented limit, and Amplify nests two levels.
const maxNesting = 8

// ReadStack returns the Cognito resources of a stack and its nested
// stacks, by physical id (what Ref returns: the pool id, the client id,
// the identity pool id; a nested stack's physical id is its ARN,
// reference §5). When there are none, it reads the stack's Outputs and
// takes the values that are Cognito ids: user pool and identity pool ids
// by their shape (package ids), app client ids by their shape and an
// output key that names a client (CDK and Gen 2 apps name their outputs
// freely; Gen 1's social provider outputs are left out).
func ReadStack(ctx context.Context, api StackAPI, name string) (*Found, error) {
	f := &Found{Source: Spec{Kind: KindCloudFormation, Stack: name}}
	seen := map[string]bool{}
	if err := readResources(ctx, api, name, "", f, seen, 0); err != nil {
		return nil, err
	}
	if !f.Empty() {
		return f, nil
	}
	out, err := api.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)})
	if err != nil {
		return nil, stackErr(err, name, "cloudformation:DescribeStacks", "describe stack %s", name)
	}
	for _, st := range out.Stacks {
		for _, o := range st.Outputs {
			addOutput(f, aws.ToString(o.OutputKey), aws.ToString(o.OutputValue))
		}
	}
	return f, nil
}

// readResources adds the Cognito resources of one stack and follows its
// nested stacks (depth first, in the order CloudFormation lists them).
func readResources(ctx context.Context, api StackAPI, stack, prefix string, f *Found, seen map[string]bool, depth int) error {
	if depth > maxNesting {
		return fmt.Errorf("read stack %s: nested stacks deeper than %d", stack, maxNesting)
	}
	if seen[stack] {
		return nil
	}
	seen[stack] = true
	res, err := stackResources(ctx, api, stack)
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.id == "" || strings.HasPrefix(r.status, "DELETE_") {
			continue // never created, or gone
		}
		where := prefix + r.logical
		switch r.typ {
		case cfnUserPool:
			if ids.UserPoolID(r.id) == nil {
				f.addPool(Pool{ID: r.id, Where: where})
			}
		case cfnClient:
			if ids.ClientID(r.id) == nil {
				f.addClient(Client{ID: r.id, Where: where})
			}
		case cfnIdentityPool:
			if ids.IdentityPoolID(r.id) == nil {
				f.addIdentityPool(IdentityPool{ID: r.id, Where: where})
			}
		case cfnStack:
			if err := readResources(ctx, api, r.id, where+"/", f, seen, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

type stackResource struct{ logical, id, typ, status string }

// stackResources lists a stack's resources: one DescribeStackResources,
// and ListStackResources pages only when that was cut at its limit.
func stackResources(ctx context.Context, api StackAPI, stack string) ([]stackResource, error) {
	out, err := api.DescribeStackResources(ctx, &cloudformation.DescribeStackResourcesInput{StackName: aws.String(stack)})
	if err != nil {
		return nil, stackErr(err, stack, "cloudformation:DescribeStackResources", "describe resources of stack %s", stack)
	}
	var res []stackResource
	for _, r := range out.StackResources {
		res = append(res, stackResource{aws.ToString(r.LogicalResourceId), aws.ToString(r.PhysicalResourceId), aws.ToString(r.ResourceType), string(r.ResourceStatus)})
	}
	if len(res) < describeLimit {
		return res, nil
	}
	res = res[:0]
	p := cloudformation.NewListStackResourcesPaginator(api, &cloudformation.ListStackResourcesInput{StackName: aws.String(stack)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, stackErr(err, stack, "cloudformation:ListStackResources", "list resources of stack %s", stack)
		}
		for _, r := range page.StackResourceSummaries {
			res = append(res, summary(r))
		}
	}
	return res, nil
}

func summary(r cfntypes.StackResourceSummary) stackResource {
	return stackResource{aws.ToString(r.LogicalResourceId), aws.ToString(r.PhysicalResourceId), aws.ToString(r.ResourceType), string(r.ResourceStatus)}
}

// socialOutputs are words of Gen 1's social provider outputs
// (GoogleWebClient, FacebookWebClient, AmazonWebClient, AppleWebClient):
// their values are the providers' client ids, not Cognito's.
var socialOutputs = []string{"google", "facebook", "amazon", "apple"}

// addOutput adds one stack output whose value is a Cognito id.
func addOutput(f *Found, key, val string) {
	lk := strings.ToLower(key)
	switch {
	case ids.UserPoolID(val) == nil:
		f.addPool(Pool{ID: val, Where: "output " + key})
	case ids.IdentityPoolID(val) == nil:
		f.addIdentityPool(IdentityPool{ID: val, Where: "output " + key})
	case strings.Contains(lk, "client") && !strings.Contains(lk, "secret") && ids.ClientID(val) == nil:
		for _, w := range socialOutputs {
			if strings.Contains(lk, w) {
				return
			}
		}
		f.addClient(Client{ID: val, Where: "output " + key, guessed: true})
	}
}

// stackErr turns "Stack with id X does not exist" into exit 2 (the user
// named the stack) and classifies the rest (exit 4 names the IAM action).
func stackErr(err error, stack, action, format string, a ...any) error {
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "ValidationError" && strings.Contains(ae.ErrorMessage(), "does not exist") {
		return exit.UsageErrorf("check the stack name and the region (--region, AWS_REGION): `aws cloudformation describe-stacks --stack-name "+stack+"`",
			"stack %s does not exist", stack)
	}
	return awsx.Classify(fmt.Errorf(format+": %w", append(a, err)...), action)
}
