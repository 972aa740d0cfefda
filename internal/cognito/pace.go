package cognito

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/smithy-go/middleware"
)

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
