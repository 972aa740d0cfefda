package deploy

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ampgo/ampgo/internal/awsx"
)

// StackService is what a deploy needs from CloudFormation; *awsx.Stacks
// implements it, and tests put a fake CloudFormation API under it.
type StackService interface {
	Describe(ctx context.Context, name string) (*awsx.Stack, error)
	Template(ctx context.Context, name string) (string, error)
	LastEventID(ctx context.Context, name string) (string, error)
	Create(ctx context.Context, in awsx.StackInput) (string, error)
	Update(ctx context.Context, in awsx.StackInput) error
	Delete(ctx context.Context, name string) error
	Wait(ctx context.Context, stack, afterEventID string, onEvent func(awsx.StackEvent)) (*awsx.Stack, error)
}

// ObjectStore is what a deploy needs from S3; *awsx.Buckets implements it.
type ObjectStore interface {
	Put(ctx context.Context, bucket, key string, body []byte, contentType string) error
	Empty(ctx context.Context, bucket string) (int, error)
}

// Cloud is the AWS side of a deploy, in one region.
type Cloud struct {
	Region  string
	Stacks  StackService
	Objects ObjectStore
	// Account returns the caller's account id (for bucket names and the
	// user pool's ARN).
	Account func(ctx context.Context) (string, error)
	// Parameter reads an SSM parameter, decrypted (managed auth's social
	// credentials).
	Parameter func(ctx context.Context, name string) (string, error)
}

// NewCloud builds a Cloud on cfg.
func NewCloud(cfg aws.Config) *Cloud {
	return &Cloud{
		Region:  cfg.Region,
		Stacks:  awsx.NewStacks(cfg),
		Objects: awsx.NewBuckets(cfg),
		Account: func(ctx context.Context) (string, error) {
			c, err := awsx.CallerIdentity(ctx, cfg)
			return c.Account, err
		},
		Parameter: awsx.NewParameterReader(cfg).Value,
	}
}
