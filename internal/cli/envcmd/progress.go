package envcmd

import (
	"context"
	"fmt"
	"io"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/progress"
)

// waiting wraps the AWS reads of env add and env checkout in a status line
// on stderr naming what they wait for (issue 16). Each read has its own
// spinner, stopped before the read returns: the walkthrough asks only
// between reads, so a spinner never draws over a prompt. Methods the
// wrapped reader gains later pass through unwrapped (embedding).
type waiting struct {
	importauth.Reader
	w io.Writer // stderr, or nil: draw nothing
}

// newWaiting returns r with its reads shown on f's stderr when it is a
// terminal (and neither --quiet nor TERM=dumb).
func newWaiting(f *cmdutil.Factory, r importauth.Reader) *waiting {
	return &waiting{Reader: r, w: progress.On(f.ErrOut, f.ErrIsTerminal)}
}

// ListPools lists the region's user pools under "loading user pools…".
func (r *waiting) ListPools(ctx context.Context, region string) ([]cognito.PoolSummary, error) {
	defer progress.Start(r.w, "loading user pools of "+region+"…").Stop()
	return r.Reader.ListPools(ctx, region)
}

// Clients reads a pool's app clients under "loading app clients of …".
func (r *waiting) Clients(ctx context.Context, poolID string) ([]cognito.AppClient, error) {
	defer progress.Start(r.w, "loading app clients of "+poolID+"…").Stop()
	return r.Reader.Clients(ctx, poolID)
}

// LinkedIdentityPools finds the identity pools that list a user pool.
func (r *waiting) LinkedIdentityPools(ctx context.Context, region, userPoolID string) ([]cognito.IdentityPool, error) {
	defer progress.Start(r.w, "loading identity pools of "+region+" that list "+userPoolID+"…").Stop()
	return r.Reader.LinkedIdentityPools(ctx, region, userPoolID)
}

// ReadSnapshot reads the chosen resources for the import rules.
func (r *waiting) ReadSnapshot(ctx context.Context, sel cognito.Selection) (*cognito.Snapshot, error) {
	what := "reading user pool " + sel.UserPoolID + " and its app clients"
	if sel.IdentityPoolID != "" {
		what += " and identity pool " + sel.IdentityPoolID
	}
	defer progress.Start(r.w, what+"…").Stop()
	return r.Reader.ReadSnapshot(ctx, sel)
}

// stacks wraps the read of the environment's stack the same way.
func (r *waiting) stacks(s deploy.StackDescriber) deploy.StackDescriber {
	return waitingStacks{StackDescriber: s, w: r.w}
}

type waitingStacks struct {
	deploy.StackDescriber
	w io.Writer
}

// Describe reads a stack under "reading stack …".
func (s waitingStacks) Describe(ctx context.Context, name string) (*awsx.Stack, error) {
	defer progress.Start(s.w, fmt.Sprintf("reading stack %s…", name)).Stop()
	return s.StackDescriber.Describe(ctx, name)
}
