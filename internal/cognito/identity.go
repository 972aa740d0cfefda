package cognito

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/sync/errgroup"
)

// IdentityPool describes an identity pool and reads its roles, concurrently.
// A pool this Reader already described (during LinkedIdentityPools) costs
// only the roles call.
func (r *Reader) IdentityPool(ctx context.Context, id string) (IdentityPool, error) {
	var (
		desc  *ci.DescribeIdentityPoolOutput
		roles *ci.GetIdentityPoolRolesOutput
	)
	region := identityRegion(RegionOf(id))
	known, isKnown := r.memo.identityPool(id)
	tasks := []func(context.Context) error{
		func(ctx context.Context) (err error) {
			roles, err = r.identity.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &id}, region)
			return notFound(err, "identity pool", id, "cognito-identity:GetIdentityPoolRoles", "get roles of identity pool %s", id)
		},
	}
	if !isKnown {
		tasks = append(tasks, func(ctx context.Context) (err error) {
			desc, err = r.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id}, region)
			return notFound(err, "identity pool", id, "cognito-identity:DescribeIdentityPool", "describe identity pool %s", id)
		})
	}
	if err := parallel(ctx, 2, tasks...); err != nil {
		return IdentityPool{}, err
	}
	ip := known
	if !isKnown {
		ip = toIdentityPool(desc)
		r.memo.putIdentityPool(ip)
	}
	ip.AuthRoleARN = roles.Roles["authenticated"]
	ip.UnauthRoleARN = roles.Roles["unauthenticated"]
	return ip, nil
}

// LinkedIdentityPools returns the identity pools of a region that list the
// given user pool as a Cognito provider, in list order. There is no reverse
// lookup in the API, so every identity pool is listed (sequential pages)
// and described; the describes of a page start while the next page is
// fetched, at most Concurrency at a time, each operation paced to the rate
// Cognito admits (see pace). Roles are not read (AuthRoleARN and
// UnauthRoleARN stay empty): choosing needs none, and ReadSnapshot reads
// them for the chosen pool only, reusing the description made here.
func (r *Reader) LinkedIdentityPools(ctx context.Context, region, userPoolID string) ([]IdentityPool, error) {
	type item struct {
		i  int
		id string
	}
	g, ctx := errgroup.WithContext(ctx)
	items := make(chan item, listPageSize)
	g.Go(func() error {
		defer close(items)
		p := ci.NewListIdentityPoolsPaginator(r.identity, &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(listPageSize)})
		n := 0
		for p.HasMorePages() {
			page, err := p.NextPage(ctx, identityRegion(region), r.paces.option("ListIdentityPools"))
			if err != nil {
				return wrap(err, "cognito-identity:ListIdentityPools", "list identity pools in %s", region)
			}
			for _, ip := range page.IdentityPools {
				select {
				case items <- item{n, aws.ToString(ip.IdentityPoolId)}:
					n++
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		}
		return nil
	})
	var (
		mu     sync.Mutex
		linked = map[int]IdentityPool{}
	)
	for range max(1, r.Concurrency) {
		g.Go(func() error {
			for it := range items {
				ip, ok, err := r.describeForScan(ctx, region, it.id)
				if err != nil {
					return err
				}
				if ok && linksUserPool(ip, userPoolID) {
					mu.Lock()
					linked[it.i] = ip
					mu.Unlock()
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	order := make([]int, 0, len(linked))
	for i := range linked {
		order = append(order, i)
	}
	sort.Ints(order)
	var out []IdentityPool
	for _, i := range order {
		out = append(out, linked[i])
	}
	return out, nil
}

// describeForScan describes one identity pool of a scan; ok is false when it
// was deleted since the list.
func (r *Reader) describeForScan(ctx context.Context, region, id string) (IdentityPool, bool, error) {
	if ip, ok := r.memo.identityPool(id); ok {
		return ip, true, nil
	}
	desc, err := r.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id},
		identityRegion(region), r.paces.option("DescribeIdentityPool"))
	if err != nil {
		err = notFound(err, "identity pool", id, "cognito-identity:DescribeIdentityPool", "describe identity pool %s", id)
		var nf *NotFoundError
		if errors.As(err, &nf) {
			// Deleted since the list: it links nothing, and failing
			// would block an import that never needed it.
			return IdentityPool{}, false, nil
		}
		return IdentityPool{}, false, err
	}
	ip := toIdentityPool(desc)
	r.memo.putIdentityPool(ip)
	return ip, true, nil
}

func linksUserPool(ip IdentityPool, userPoolID string) bool {
	for _, cp := range ip.CognitoProviders {
		if strings.HasSuffix(cp.ProviderName, "/"+userPoolID) {
			return true
		}
	}
	return false
}

// Role reads an IAM role and its trust policy. A missing role is not an
// error: it comes back with Found false so the rules can report it.
func (r *Reader) Role(ctx context.Context, arn string) (Role, error) {
	role := Role{ARN: arn, Name: roleName(arn)}
	if role.Name == "" {
		return role, nil
	}
	out, err := r.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: &role.Name})
	if err != nil {
		err = notFound(err, "role", role.Name, "iam:GetRole", "get role %s", role.Name)
		if _, ok := err.(*NotFoundError); ok {
			return role, nil
		}
		return role, err
	}
	role.Found = true
	role.TrustPolicy = decodePolicy(aws.ToString(out.Role.AssumeRolePolicyDocument))
	return role, nil
}

// parallel runs tasks with at most limit at a time and returns the first error.
func parallel(ctx context.Context, limit int, tasks ...func(context.Context) error) error {
	g, ctx := errgroup.WithContext(ctx)
	if limit < 1 {
		limit = 1
	}
	g.SetLimit(limit)
	for _, t := range tasks {
		g.Go(func() error { return t(ctx) })
	}
	return g.Wait()
}

// A region-wide scan makes one call per identity pool: up to 1,000 by
// default. Cognito publishes no request-rate quota for ListIdentityPools or
// DescribeIdentityPool, and the SDK's adaptive retry alone lets a fan-out
// of Concurrency calls overshoot and keeps probing above the limit (47 of
// 1,076 calls throttled in a 1,000-pool scan behind a 10 RPS quota; 15-17
// with pace, docs/benchmarks.md). pace instead
// learns each operation's admitted rate from the throttling answers and
// spaces the attempts of that operation, retries included:
//
//   - until the first throttle, calls are not spaced (Concurrency bounds
//     them), so a small account is read at full speed;
//   - on the first throttle, the rate becomes the successes of the last
//     second; on each later one, paceCut times that: a bucket that throttles
//     admits exactly its quota, so the successes measure it;
//   - while calls queue for their slot, the rate grows by paceGrowth per
//     second, faster the longer no throttle came (one more paceGrowth
//     every paceAccel), to find a quota higher than measured;
//   - a throttle of a call started before the last cut is old news.
const (
	paceWindow  = time.Second
	paceCut     = 0.8
	paceGrowth  = 0.02
	paceAccel   = 10 * time.Second
	paceMinRate = 0.5
)

// paces holds one pace per operation. The zero value is ready; tests set
// now and sleep.
type paces struct {
	mu    sync.Mutex
	by    map[string]*pace
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

// option spaces the attempts of op made with it.
func (ps *paces) option(op string) func(*ci.Options) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.by == nil {
		ps.by = map[string]*pace{}
	}
	p := ps.by[op]
	if p == nil {
		now, sleep := ps.now, ps.sleep
		if now == nil {
			now, sleep = time.Now, sleepCtx
		}
		p = &pace{now: now, sleep: sleep}
		ps.by[op] = p
	}
	return func(o *ci.Options) {
		o.APIOptions = append(o.APIOptions, p.addMiddleware)
		if v2, ok := o.Retryer.(aws.RetryerV2); ok {
			o.Retryer = pacedRetryer{v2}
		}
	}
}

// pacedRetryer keeps the configured retries, backoff and retry quota but
// not the adaptive retry mode's client-wide attempt gate: the pace spaces
// these attempts itself, and two rate controllers in series fight. (The
// adaptive gate is also at its worst here: a throttle in a client's first
// half second, before it has measured any rate, starts it at 0.5 RPS and
// it takes seconds to climb back.)
type pacedRetryer struct{ aws.RetryerV2 }

// GetAttemptToken admits every attempt at once, with the token bookkeeping
// of a first attempt.
func (r pacedRetryer) GetAttemptToken(context.Context) (func(error) error, error) {
	return r.GetInitialToken(), nil
}

// pace is the learned request rate of one operation.
type pace struct {
	mu    sync.Mutex
	now   func() time.Time
	sleep func(context.Context, time.Duration) error

	rate     float64   // attempts per second; 0: no throttle seen, not spaced
	next     time.Time // earliest start of the next attempt
	waiting  bool      // a caller waited for the current slot
	grown    time.Time // when the rate last grew
	cut      time.Time // when the rate was last cut
	recentOK []time.Time
}

// admit waits for the attempt's slot and returns its start time. A waiting
// caller only sleeps until the next free slot and then looks again, so a
// cut made meanwhile spaces it at the new rate (slots reserved ahead would
// still go out at the old rate and be throttled in a row).
func (p *pace) admit(ctx context.Context) (time.Time, error) {
	for {
		p.mu.Lock()
		now := p.now()
		if p.rate == 0 {
			p.mu.Unlock()
			return now, nil
		}
		if !p.next.After(now) {
			if p.waiting {
				// Calls queue for slots: probe for a higher quota.
				calm := float64(now.Sub(p.cut)) / float64(paceAccel)
				p.rate *= 1 + paceGrowth*(1+calm)*now.Sub(p.grown).Seconds()
			}
			p.grown, p.waiting = now, false
			p.next = now.Add(time.Duration(float64(time.Second) / p.rate))
			p.mu.Unlock()
			return now, nil
		}
		wait := p.next.Sub(now)
		p.waiting = true
		p.mu.Unlock()
		if err := p.sleep(ctx, wait); err != nil {
			return now, err
		}
	}
}

// done records the outcome of an attempt started at sent.
func (p *pace) done(sent time.Time, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	keep := p.recentOK[:0]
	for _, t := range p.recentOK {
		if now.Sub(t) < paceWindow {
			keep = append(keep, t)
		}
	}
	p.recentOK = keep
	if err == nil {
		p.recentOK = append(p.recentOK, now)
		return
	}
	if !retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err).Bool() || sent.Before(p.cut) {
		return
	}
	measured := float64(len(p.recentOK)) / paceWindow.Seconds()
	if p.rate > 0 {
		measured *= paceCut
	}
	p.rate = max(paceMinRate, measured)
	p.cut, p.grown = now, now
	p.next = now.Add(time.Duration(float64(time.Second) / p.rate))
}

// addMiddleware spaces every attempt: it sits after the SDK's retry
// middleware, so it sees each attempt and its throttling answer.
func (p *pace) addMiddleware(stack *middleware.Stack) error {
	mw := middleware.FinalizeMiddlewareFunc("ampgoPace", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
		sent, err := p.admit(ctx)
		if err != nil {
			return middleware.FinalizeOutput{}, middleware.Metadata{}, err
		}
		out, md, err := next.HandleFinalize(ctx, in)
		p.done(sent, err)
		return out, md, err
	})
	if err := stack.Finalize.Insert(mw, "Retry", middleware.After); err != nil {
		return stack.Finalize.Add(mw, middleware.After)
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
