package cognito

import (
	"context"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"

	"github.com/ampgo/ampgo/internal/awsx"
)

// ReadActions are the IAM actions ampgo needs to discover, validate and
// re-check imported auth, in the order `ampgo doctor auth` reports them.
// Every one is a read: ampgo never writes to Cognito or to a role's trust.
var ReadActions = []string{
	"cognito-idp:ListUserPools",
	"cognito-idp:DescribeUserPool",
	"cognito-idp:GetUserPoolMfaConfig",
	"cognito-idp:ListUserPoolClients",
	"cognito-idp:DescribeUserPoolClient",
	"cognito-idp:ListIdentityProviders",
	"cognito-identity:ListIdentityPools",
	"cognito-identity:DescribeIdentityPool",
	"cognito-identity:GetIdentityPoolRoles",
	"iam:GetRole",
	"sts:GetCallerIdentity",
}

// ActionCalls counts the outcomes of the calls of one IAM action.
type ActionCalls struct {
	Action string
	// Allowed counts calls that got past IAM: success, or a service error
	// such as ResourceNotFoundException, which IAM only lets through after
	// it allowed the call.
	Allowed int
	// Denied counts AccessDenied answers (awsx.IsAccessDenied).
	Denied int
	// Failed counts calls that say nothing about permissions: expired
	// credentials, throttling after every retry, network errors.
	Failed int
}

// Calls watches every AWS operation made with a config it instrumented: it
// counts each by IAM action and outcome (so a report can say which actions
// the caller may use without a single extra probing call), and it bounds the
// operations in flight across every client made from that config.
type Calls struct {
	mu       sync.Mutex
	byAction map[string]*ActionCalls
	slots    chan struct{}
	inFlight int
	peak     int
}

// NewCalls returns a Calls that lets at most limit operations run at once;
// limit < 1 means no bound. Retries of an operation hold its slot while they
// back off, so a throttled run slows down as a whole instead of filling the
// freed slot with a new request.
func NewCalls(limit int) *Calls {
	c := &Calls{byAction: map[string]*ActionCalls{}}
	if limit > 0 {
		c.slots = make(chan struct{}, limit)
	}
	return c
}

// Config returns a copy of cfg whose clients report to c.
func (c *Calls) Config(cfg aws.Config) aws.Config {
	cfg = cfg.Copy()
	cfg.APIOptions = append(append([]func(*middleware.Stack) error(nil), cfg.APIOptions...), c.middleware)
	return cfg
}

func (c *Calls) middleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("ampgoCalls",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			if err := c.acquire(ctx); err != nil {
				return middleware.InitializeOutput{}, middleware.Metadata{}, err
			}
			out, md, err := next.HandleInitialize(ctx, in)
			c.release()
			c.record(awsx.IAMAction(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)), err)
			return out, md, err
			// After: the service's own Initialize middleware names the
			// service and operation in ctx first.
		}), middleware.After)
}

func (c *Calls) acquire(ctx context.Context) error {
	if c.slots != nil {
		select {
		case c.slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	c.mu.Lock()
	c.inFlight++
	c.peak = max(c.peak, c.inFlight)
	c.mu.Unlock()
	return nil
}

func (c *Calls) release() {
	c.mu.Lock()
	c.inFlight--
	c.mu.Unlock()
	if c.slots != nil {
		<-c.slots
	}
}

// record counts one call of act by what its outcome shows about IAM
// (awsx.IAMVerdict).
func (c *Calls) record(act string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.byAction[act]
	if a == nil {
		a = &ActionCalls{Action: act}
		c.byAction[act] = a
	}
	switch awsx.IAMVerdict(err) {
	case awsx.Allowed:
		a.Allowed++
	case awsx.Denied:
		a.Denied++
	default:
		a.Failed++
	}
}

// Actions returns the counts of every action seen, sorted by action.
func (c *Calls) Actions() []ActionCalls {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]ActionCalls, 0, len(c.byAction))
	for _, a := range c.byAction {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Action < out[j].Action })
	return out
}

// Total returns the number of operations made (retries not counted).
func (c *Calls) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, a := range c.byAction {
		n += a.Allowed + a.Denied + a.Failed
	}
	return n
}

// Peak returns the most operations that were in flight at once.
func (c *Calls) Peak() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.peak
}
