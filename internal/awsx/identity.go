package awsx

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Caller is who the credentials belong to.
type Caller struct {
	Account string
	ARN     string
}

// CallerIdentity checks the credentials with STS GetCallerIdentity. A
// credentials problem comes back as an exit-4 error with a fix.
func CallerIdentity(ctx context.Context, cfg aws.Config) (Caller, error) {
	out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		err = fmt.Errorf("check aws credentials: %w", err)
		if !IsCredentialError(err) {
			return Caller{}, err
		}
		return Caller{}, Classify(err, "sts:GetCallerIdentity")
	}
	return Caller{Account: aws.ToString(out.Account), ARN: aws.ToString(out.Arn)}, nil
}
