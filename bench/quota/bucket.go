// Package quota models Amazon Cognito's request-rate quotas for the
// benchmark: token buckets, the table of documented default quotas, and a
// limiter that applies a category quota and a per-user-pool quota together.
//
// Time is a float64 number of seconds since an arbitrary epoch, so the same
// code serves the proxy (real clock) and the lower-bound calculation
// (simulated clock), and tests inject any clock they like.
package quota

// epsilon absorbs float rounding: 5 × 0.2 s of refill is one token.
const epsilon = 1e-9

// Bucket is a token bucket: it holds at most Burst tokens, gains Rate tokens
// per second, and each admitted request takes one token. A new bucket is
// full, like an account that has been idle.
type Bucket struct {
	rate, burst float64
	tokens      float64
	last        float64 // time of the last refill
}

// NewBucket returns a full bucket.
func NewBucket(rate, burst float64) *Bucket {
	if burst < 1 {
		burst = 1 // a bucket that can never hold one token admits nothing
	}
	return &Bucket{rate: rate, burst: burst, tokens: burst}
}

// Rate returns the refill rate in tokens per second.
func (b *Bucket) Rate() float64 { return b.rate }

// Burst returns the capacity.
func (b *Bucket) Burst() float64 { return b.burst }

// at returns the time a request at t is looked at (never before the last
// refill: a reservation may lie in the future) and the tokens then.
func (b *Bucket) at(t float64) (float64, float64) {
	if t < b.last {
		t = b.last
	}
	tk := b.tokens + (t-b.last)*b.rate
	if tk > b.burst {
		tk = b.burst
	}
	return t, tk
}

// Earliest returns the earliest time, not before t, at which one token is
// available. It changes nothing.
func (b *Bucket) Earliest(t float64) float64 {
	t, tk := b.at(t)
	if tk >= 1-epsilon || b.rate <= 0 {
		return t
	}
	return t + (1-tk)/b.rate
}

// TakeAt takes one token at t (or at the last refill, if that is later). The
// caller must have checked Earliest: the bucket does not go below zero by
// more than rounding.
func (b *Bucket) TakeAt(t float64) {
	t, tk := b.at(t)
	b.tokens, b.last = tk-1, t
	if b.tokens < 0 {
		b.tokens = 0
	}
}

// Available reports whether a token is there at t. A t before the last
// refill counts as the last refill: requests that read the clock
// concurrently reach the bucket slightly out of order.
func (b *Bucket) Available(t float64) bool {
	_, tk := b.at(t)
	return tk >= 1-epsilon
}

// Allow takes a token at t if one is available and reports whether it did:
// the real-time check of the proxy.
func (b *Bucket) Allow(t float64) bool {
	if !b.Available(t) {
		return false
	}
	b.TakeAt(t)
	return true
}

// Reserve takes the first token available at or after t and returns the
// time it was taken: the simulated check of the lower bound, where a
// well-behaved client waits instead of being throttled.
func (b *Bucket) Reserve(t float64) float64 {
	at := b.Earliest(t)
	b.TakeAt(at)
	return at
}
