// Package awsx is the one place that builds an aws.Config and turns SDK
// errors into ampgo's error kinds.
package awsx

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/middleware"

	"github.com/ampgo/ampgo/internal/exit"
)

// Version is ampgo's version, set by main; it goes into the user agent.
var Version = "dev"

// Options select the credentials and region. Empty fields fall back to the
// SDK's own chain (AWS_PROFILE, AWS_REGION, ~/.aws/config, …). The endpoint
// comes from AWS_ENDPOINT_URL like any AWS tool.
type Options struct {
	Profile string
	Region  string
	// Debug, when set, receives one line per AWS call.
	Debug io.Writer
}

// maxAttempts bounds retries; the adaptive retryer slows down on
// TooManyRequestsException instead of hammering Cognito's request-rate quotas.
const maxAttempts = 6

// Config builds the aws.Config every AWS call of ampgo uses.
func Config(ctx context.Context, o Options) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithAppID("ampgo-" + Version),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
				ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) {
					so.MaxAttempts = maxAttempts
				})
			})
		}),
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.Debug != nil {
		opts = append(opts, config.WithAPIOptions([]func(*middleware.Stack) error{(&callLogger{w: o.Debug}).middleware}))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, exit.CredentialsError(fmt.Errorf("load aws config (profile %q): %w", o.Profile, err),
			"check the profile name with `aws configure list-profiles`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID")
	}
	if cfg.Region == "" {
		return aws.Config{}, exit.UsageErrorf("pass --region, set AWS_REGION, or set a region in the profile (`aws configure set region us-east-1`)",
			"no AWS region configured")
	}
	return cfg, nil
}
