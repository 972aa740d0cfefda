// Package awsx is the one place that builds an aws.Config and turns SDK
// errors into ampgo's error kinds.
package awsx

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
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
	// CallTimeout bounds one attempt of every AWS call (connect, send, wait
	// for the answer, read it); the retryer retries an attempt that runs out.
	// Zero means DefaultCallTimeout.
	CallTimeout time.Duration
	// Debug, when set, receives one line per AWS call and the SDK's own log.
	Debug io.Writer
	// Waiting, when set (stderr on a terminal), shows what a call that takes
	// longer than two seconds waits for.
	Waiting io.Writer
	// WaitingQuiet, when set and reporting true, keeps that line from being
	// drawn (a spinner of the command already names the wait).
	WaitingQuiet func() bool
}

// DefaultCallTimeout is the per-attempt limit when --call-timeout is not given.
const DefaultCallTimeout = 30 * time.Second

// MaxAttempts bounds retries; the adaptive retryer slows down on
// TooManyRequestsException instead of hammering Cognito's request-rate quotas.
// A call that never gets an answer ends after MaxAttempts × the call timeout
// plus the backoff between attempts.
const MaxAttempts = 6

// maxConnectTimeout caps the time to open a connection: a host that does not
// accept within it is unreachable, whatever the call timeout.
const maxConnectTimeout = 10 * time.Second

// Config builds the aws.Config every AWS call of ampgo uses.
func Config(ctx context.Context, o Options) (aws.Config, error) {
	if o.CallTimeout <= 0 {
		o.CallTimeout = DefaultCallTimeout
	}
	opts := []func(*config.LoadOptions) error{
		config.WithAppID("ampgo-" + Version),
		config.WithHTTPClient(httpClient(o.CallTimeout)),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
				ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) {
					so.MaxAttempts = MaxAttempts
				})
			})
		}),
		// The SDK's own log lines (retry warnings, "Response has no supported
		// checksum") are noise for users: they go to --debug only.
		config.WithLogger(sdkLogger(o.Debug)),
		config.WithClientLogMode(0),
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	apiOptions := []func(*middleware.Stack) error{
		(&classifier{callTimeout: o.CallTimeout, endpointEnv: os.Getenv("AWS_ENDPOINT_URL"), now: time.Now}).middleware,
	}
	if o.Debug != nil {
		apiOptions = append(apiOptions, (&callLogger{w: o.Debug}).middleware)
	}
	if o.Waiting != nil {
		waits := NewWaits(o.Waiting)
		waits.Quiet = o.WaitingQuiet
		apiOptions = append(apiOptions, waits.middleware)
	}
	opts = append(opts, config.WithAPIOptions(apiOptions))
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

// httpClient bounds each attempt: http.Client.Timeout covers connecting,
// sending, waiting for the headers and reading the body. The SDK's default
// client has no such limit, so an endpoint that accepts and never answers
// hung ampgo forever (issue 10).
func httpClient(callTimeout time.Duration) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().
		WithTimeout(callTimeout).
		WithDialerOptions(func(d *net.Dialer) { d.Timeout = min(callTimeout, maxConnectTimeout) })
}
