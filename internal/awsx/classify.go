package awsx

import (
	"context"
	"sync/atomic"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// classifier turns the final error of every AWS operation that failed for a
// network or retry reason into a *NetworkError, in one place, so every
// command names the operation, the endpoint, the time waited and a fix
// instead of the SDK's "exceeded maximum number of attempts, 6"; and a
// credentials or permissions error into exit 4 naming the IAM action.
type classifier struct {
	callTimeout time.Duration
	endpointEnv string
	now         func() time.Time
}

// attemptInfo is what the per-attempt step saw; attempts of one operation
// run one after another, but atomics keep the race detector honest.
type attemptInfo struct {
	attempts atomic.Int32
	endpoint atomic.Value // string
	// timedOut: an attempt failed after the whole call timeout. A later
	// attempt against the same stalling endpoint can then fail at once on
	// a connection the transport closed when it gave up (net.ErrClosed),
	// which alone would read as a reset.
	timedOut atomic.Bool
}

type attemptInfoKey struct{}

func (c *classifier) middleware(stack *middleware.Stack) error {
	// Initialize runs once per operation, around the retry loop; after the
	// SDK's own Initialize steps, so the region is known.
	err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc("ampgoClassifyErrors",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			start := c.now()
			info := &attemptInfo{}
			ctx = middleware.WithStackValue(ctx, attemptInfoKey{}, info)
			out, md, err := next.HandleInitialize(ctx, in)
			if err != nil && IsCredentialError(err) {
				// The same rules as the callers' Classify, so a caller that
				// does not classify still gets exit 4 and the IAM action.
				return out, md, Classify(err, IAMAction(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)))
			}
			kind := classifyNetwork(err)
			if (kind == KindReset || kind == KindNetwork) && info.timedOut.Load() {
				kind = KindTimeout
			}
			if kind != "" {
				endpoint, _ := info.endpoint.Load().(string)
				err = &NetworkError{Kind: kind, Service: ServiceName(awsmiddleware.GetServiceID(ctx)),
					Operation: awsmiddleware.GetOperationName(ctx), Region: awsmiddleware.GetRegion(ctx),
					Endpoint: endpoint, EndpointEnv: c.endpointEnv, Attempts: int(info.attempts.Load()),
					Waited: c.now().Sub(start), CallTimeout: c.callTimeout, Err: err}
			}
			return out, md, err
		}), middleware.After)
	if err != nil {
		return err
	}
	// The end of Finalize runs once per attempt, after the retryer and the
	// endpoint resolution, so it sees the URL each attempt goes to.
	return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("ampgoCountAttempts",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			if info, ok := middleware.GetStackValue(ctx, attemptInfoKey{}).(*attemptInfo); ok {
				info.attempts.Add(1)
				if req, ok := in.Request.(*smithyhttp.Request); ok && req.URL != nil {
					info.endpoint.Store(req.URL.Scheme + "://" + req.URL.Host)
				}
				start := c.now()
				out, md, err := next.HandleFinalize(ctx, in)
				if err != nil && c.now().Sub(start) >= c.callTimeout {
					info.timedOut.Store(true)
				}
				return out, md, err
			}
			return next.HandleFinalize(ctx, in)
		}), middleware.After)
}

// servicePrefixes maps the SDK's service ids to the short names of IAM
// actions and endpoints.
var servicePrefixes = map[string]string{
	"Cognito Identity Provider": "cognito-idp",
	"Cognito Identity":          "cognito-identity",
	"IAM":                       "iam",
	"STS":                       "sts",
	"CloudFormation":            "cloudformation",
	"S3":                        "s3",
	"Lambda":                    "lambda",
}

// IAMAction names an SDK operation ("Cognito Identity Provider",
// "ListUserPools") as its IAM action ("cognito-idp:ListUserPools").
func IAMAction(serviceID, operation string) string {
	return ServiceName(serviceID) + ":" + operation
}

// ServiceName names an SDK service id ("Cognito Identity Provider") as its
// IAM prefix ("cognito-idp"); unknown ids are returned as they are.
func ServiceName(serviceID string) string {
	if p, ok := servicePrefixes[serviceID]; ok {
		return p
	}
	return serviceID
}
