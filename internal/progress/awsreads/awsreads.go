// Package awsreads wraps the AWS reads that commands wait on (the import
// walkthrough's lists, the snapshot the rules judge, an environment's stack)
// in a progress status line naming what they wait for (issue 16). It lives
// beside package progress, not in it, so that progress stays free of
// ampgo's product types.
package awsreads

import (
	"context"
	"io"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/progress"
)

// Reader is an importauth.Reader whose reads each draw a status line on w
// (nil: nothing; see progress.On), stopped before the read returns: the
// walkthrough asks only between reads, so a spinner never draws over a
// prompt. Methods the wrapped reader gains later pass through (embedding).
type Reader struct {
	importauth.Reader
	w io.Writer
}

// Wrap returns r with its reads shown on w: pass it as the Chooser's
// Discovery and as the reader of the import, e.g.
// awsreads.Wrap(progress.On(f.ErrOut, f.ErrIsTerminal), cognito.NewReader(cfg)).
func Wrap(w io.Writer, r importauth.Reader) *Reader {
	return &Reader{Reader: r, w: w}
}

// ListPools lists the region's user pools.
func (r *Reader) ListPools(ctx context.Context, region string) ([]cognito.PoolSummary, error) {
	defer progress.Start(r.w, "loading user pools of "+region+"…").Stop()
	return r.Reader.ListPools(ctx, region)
}

// Clients reads a user pool's app clients.
func (r *Reader) Clients(ctx context.Context, poolID string) ([]cognito.AppClient, error) {
	defer progress.Start(r.w, "loading app clients of "+poolID+"…").Stop()
	return r.Reader.Clients(ctx, poolID)
}

// LinkedIdentityPools finds the identity pools that list a user pool.
func (r *Reader) LinkedIdentityPools(ctx context.Context, region, userPoolID string) ([]cognito.IdentityPool, error) {
	defer progress.Start(r.w, "loading identity pools of "+region+" that list "+userPoolID+"…").Stop()
	return r.Reader.LinkedIdentityPools(ctx, region, userPoolID)
}

// ReadSnapshot reads the chosen resources for the import rules.
func (r *Reader) ReadSnapshot(ctx context.Context, sel cognito.Selection) (*cognito.Snapshot, error) {
	what := "reading user pool " + sel.UserPoolID + " and its app clients"
	if sel.IdentityPoolID != "" {
		what += " and identity pool " + sel.IdentityPoolID
	}
	defer progress.Start(r.w, what+"…").Stop()
	return r.Reader.ReadSnapshot(ctx, sel)
}

// Stacks returns s with each Describe shown on w as "reading stack …".
func Stacks(w io.Writer, s deploy.StackDescriber) deploy.StackDescriber {
	return stacks{StackDescriber: s, w: w}
}

type stacks struct {
	deploy.StackDescriber
	w io.Writer
}

func (s stacks) Describe(ctx context.Context, name string) (*awsx.Stack, error) {
	defer progress.Start(s.w, "reading stack "+name+"…").Stop()
	return s.StackDescriber.Describe(ctx, name)
}
