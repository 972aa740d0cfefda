// Package doctor is `ampgo doctor auth`: it reads every user pool of a
// region (or one), every app client, every identity pool that lists the
// pool and its roles, and judges them with the import rules of
// internal/importauth (the same code as `ampgo import auth`) plus a few
// checks only a report needs. Reading is polite at scale: pages are
// followed, calls in flight are bounded, and the SDK's adaptive retryer
// backs off on TooManyRequestsException. It never writes to AWS.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"golang.org/x/sync/errgroup"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// DefaultConcurrency bounds the AWS calls in flight (and the pools
// inspected at once) unless Options.Concurrency says otherwise. Cognito's
// read quotas are per account and region and shared with every other
// client, so the default stays modest.
const DefaultConcurrency = 8

// Options of a doctor run.
type Options struct {
	Region string
	// UserPoolID focuses the run on one pool: no ListUserPools.
	UserPoolID string
	// GuestAccessNeededBy names the project's resources that serve
	// signed-out users ("storage/photos"); guest access off is then an error.
	GuestAccessNeededBy []string
	// Concurrency bounds the calls in flight; < 1 means DefaultConcurrency.
	Concurrency int
}

func (o Options) concurrency() int {
	if o.Concurrency < 1 {
		return DefaultConcurrency
	}
	return o.Concurrency
}

// Diagnose checks the caller's credentials, runs the doctor with a Reader
// built from cfg, and fills in who called, which read actions the calls
// showed to be allowed or denied, the policy that grants the denied ones,
// and the call count. onPool, when set, gets each pool as soon as it is
// judged (in completion order, one at a time).
func Diagnose(ctx context.Context, cfg aws.Config, o Options, onPool func(PoolReport)) (*Report, error) {
	if o.Region == "" {
		o.Region = cfg.Region
	}
	calls := cognito.NewCalls(o.concurrency())
	cfg = calls.Config(cfg)
	caller, err := awsx.CallerIdentity(ctx, cfg)
	if err != nil {
		return nil, err
	}
	reader := cognito.NewReader(cfg)
	reader.Concurrency = o.concurrency()
	rep, err := Run(ctx, reader, o, onPool)
	if err != nil {
		return nil, err
	}
	rep.Caller = &Caller{Account: caller.Account, ARN: caller.ARN}
	rep.Permissions = permissions(calls.Actions())
	rep.MissingPolicy = missingPolicy(rep.Permissions)
	rep.Summary.APICalls = calls.Total()
	return rep, nil
}

// Run reads and judges every pool of o.Region (or o.UserPoolID) with r. A
// read about one pool that fails is reported in the pool and the run goes
// on, so missing permissions show up as findings, not as a crash. It fails
// when ctx ends, when the focused pool does not exist (exit 3), and when
// the region's user pools cannot be listed (an empty report would read as
// "no user pools"). When the identity pools cannot be listed the report is
// complete except for "User Pool and Identity Pool", which is unknown, and
// Report.Err says why.
func Run(ctx context.Context, r Reader, o Options, onPool func(PoolReport)) (*Report, error) {
	ctx, cancel := context.WithCancel(ctx) // ends the identity pool scan on an early return
	defer cancel()
	if region, err := ids.UserPoolRegion(o.UserPoolID); err == nil {
		o.Region = region // the linked identity pools are in the pool's region
	}
	rep := &Report{SchemaVersion: SchemaVersion, Region: o.Region, UserPoolID: o.UserPoolID,
		Pools: []PoolReport{}, Errors: []string{}, Permissions: []Permission{}}
	ips := loadIdentityPools(ctx, r, o.Region)
	pools := []cognito.PoolSummary{{ID: o.UserPoolID}}
	if o.UserPoolID == "" {
		var err error
		if err = reread(ctx, func() (err error) { pools, err = r.ListPools(ctx, o.Region); return err }); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, listingError(err, "user pools", o.Region)
		}
	}
	var (
		mu sync.Mutex
		g  errgroup.Group
	)
	c := newCache()
	g.SetLimit(o.concurrency())
	for _, ps := range pools {
		g.Go(func() error {
			pr, err := inspect(ctx, r, ps, ips, c, o)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			rep.Pools = append(rep.Pools, pr)
			if onPool != nil {
				onPool(pr)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, err := ips.linkedTo(ctx, ""); err != nil {
		rep.Errors = append(rep.Errors, "list identity pools: "+describeErr(err))
		rep.err = listingError(err, "identity pools", o.Region)
	}
	sortPools(rep.Pools)
	rep.Summary = summarize(rep.Pools)
	return rep, nil
}

// inspect reads and judges one pool.
func inspect(ctx context.Context, r Reader, ps cognito.PoolSummary, ips *identityIndex, c *cache, o Options) (PoolReport, error) {
	snap, err := readPool(ctx, r, ps.ID)
	if err != nil {
		if ctx.Err() != nil {
			return PoolReport{}, ctx.Err()
		}
		var nf *cognito.NotFoundError
		if o.UserPoolID != "" && errors.As(err, &nf) && nf.Kind == "user pool" {
			return PoolReport{}, exit.RequirementsErrorf(nf.Hint(), "user pool %s does not exist in region %s", o.UserPoolID, o.Region)
		}
		return readFailed(ps, err), nil
	}
	f := facts{Pool: snap}
	found, err := ips.linkedTo(ctx, ps.ID)
	if ctx.Err() != nil {
		return PoolReport{}, ctx.Err()
	}
	for _, ip := range found {
		f.Linked = append(f.Linked, readLinked(ctx, r, c, ip))
	}
	pr := judge(f, o.GuestAccessNeededBy)
	if err != nil {
		pr.IdentityPoolsUnknown = true
		pr.identityPoolsErr = describeErr(err)
		if pr.Eligible.UserPoolOnly {
			// No web client passes means no identity pool combination can
			// pass either; otherwise it is not known.
			pr.Eligible.UserPoolAndIdentityPool = nil
		}
	}
	return pr, nil
}

// listingError is a region-wide listing that failed after the SDK's
// retries and doctor's rereads: exit 4 with the IAM action when it was
// denied (awsx.Classify), else exit 1; a fix either way.
func listingError(err error, what, region string) error {
	err = fmt.Errorf("doctor auth: cannot list the %s of %s: %w", what, region, err)
	if exit.Hint(err) != "" {
		return err
	}
	return &exit.Error{Code: exit.Code(err), Err: err,
		Fix: "run `ampgo doctor auth` again later (`--debug` shows each AWS call); if it keeps failing, check the network, proxy or AWS_ENDPOINT_URL and the AWS Health Dashboard"}
}

func readFailed(ps cognito.PoolSummary, err error) PoolReport {
	return PoolReport{ID: ps.ID, Name: ps.Name, ReadError: describeErr(err), Clients: []ClientReport{},
		IdentityPools: []IdentityPoolReport{}, Candidates: []Candidate{}, Findings: []Finding{}}
}

func sortPools(ps []PoolReport) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Name != ps[j].Name {
			return ps[i].Name < ps[j].Name
		}
		return ps[i].ID < ps[j].ID
	})
}
