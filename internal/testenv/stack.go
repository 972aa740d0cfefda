package testenv

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
)

// DeployStack creates (or, with update, updates) stack from template with
// params, waits up to a minute for it to complete, and returns its outputs.
func DeployStack(ctx context.Context, t *testing.T, cfn *cloudformation.Client, stack, template string, params []cfntypes.Parameter, update bool) map[string]string {
	t.Helper()
	caps := []cfntypes.Capability{cfntypes.CapabilityCapabilityIam}
	in := &cloudformation.DescribeStacksInput{StackName: aws.String(stack)}
	var err error
	if update {
		_, err = cfn.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: &stack, TemplateBody: &template, Parameters: params, Capabilities: caps})
		if err == nil {
			err = cloudformation.NewStackUpdateCompleteWaiter(cfn, func(o *cloudformation.StackUpdateCompleteWaiterOptions) {
				o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
			}).Wait(ctx, in, time.Minute)
		}
	} else {
		_, err = cfn.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: &stack, TemplateBody: &template, Parameters: params, Capabilities: caps})
		if err == nil {
			err = cloudformation.NewStackCreateCompleteWaiter(cfn, func(o *cloudformation.StackCreateCompleteWaiterOptions) {
				o.MinDelay, o.MaxDelay = 50*time.Millisecond, time.Second
			}).Wait(ctx, in, time.Minute)
		}
	}
	if err != nil {
		t.Fatalf("deploy %s: %v", stack, err)
	}
	out, err := cfn.DescribeStacks(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{}
	for _, o := range out.Stacks[0].Outputs {
		outputs[aws.ToString(o.OutputKey)] = aws.ToString(o.OutputValue)
	}
	return outputs
}
