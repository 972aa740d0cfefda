package awsx

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/ampgo/ampgo/internal/exit"
)

// ParameterReader reads SSM Parameter Store values (managed auth's social
// provider credentials, issue 14).
type ParameterReader struct {
	api *ssm.Client
}

// NewParameterReader builds a ParameterReader on cfg.
func NewParameterReader(cfg aws.Config) *ParameterReader {
	return &ParameterReader{api: ssm.NewFromConfig(cfg)}
}

// Value returns the parameter's value, decrypted when it is a
// SecureString. A missing parameter is an exit-2 error naming it.
func (r *ParameterReader) Value(ctx context.Context, name string) (string, error) {
	out, err := r.api.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(true)})
	if ErrorCode(err) == "ParameterNotFound" {
		return "", exit.UsageErrorf(fmt.Sprintf("create it: `aws ssm put-parameter --name %s --type SecureString --value …`, or set the variable instead", name),
			"read SSM parameter %s: it does not exist", name)
	}
	if err != nil {
		return "", Classify(fmt.Errorf("read SSM parameter %s: %w", name, err), "ssm:GetParameter")
	}
	return aws.ToString(out.Parameter.Value), nil
}
