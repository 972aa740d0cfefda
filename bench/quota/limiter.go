package quota

import "sync"

// Limiter applies a Table: one bucket per quota category and, for the
// categories with a per-pool quota, one bucket per operation and user pool.
// A request is admitted only when every bucket it touches has a token, and
// then takes one from each. Buckets start full.
type Limiter struct {
	table *Table
	// burstSeconds sizes each bucket: rate × burstSeconds tokens. AWS does
	// not publish bucket sizes; one second of traffic is the usual reading
	// of "requests per second".
	burstSeconds float64

	mu      sync.Mutex
	buckets map[string]*Bucket
}

// NewLimiter returns a limiter over table whose buckets hold burstSeconds
// of traffic (at least one token).
func NewLimiter(table *Table, burstSeconds float64) *Limiter {
	if burstSeconds <= 0 {
		burstSeconds = 1
	}
	return &Limiter{table: table, burstSeconds: burstSeconds, buckets: map[string]*Bucket{}}
}

// Reset refills every bucket, as if the account had been idle.
func (l *Limiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buckets = map[string]*Bucket{}
}

// bucketsFor returns the buckets a request touches (none: no quota).
func (l *Limiter) bucketsFor(service, op, pool string) []*Bucket {
	r, ok := l.table.Lookup(service, op)
	if !ok {
		return nil
	}
	get := func(k string, rate float64) *Bucket {
		b := l.buckets[k]
		if b == nil {
			b = NewBucket(rate, rate*l.burstSeconds)
			l.buckets[k] = b
		}
		return b
	}
	bs := []*Bucket{get("category/"+r.Service+"/"+r.Category, r.Rate)}
	if r.PerPool > 0 && pool != "" {
		bs = append(bs, get("pool/"+r.Service+"/"+r.Op+"/"+pool, r.PerPool))
	}
	return bs
}

func earliest(bs []*Bucket, t float64) float64 {
	at := t
	for _, b := range bs {
		if e := b.Earliest(t); e > at {
			at = e
		}
	}
	return at
}

// Allow admits a request at time t if every bucket it touches has a token.
// pool is the request's UserPoolId ("" when it names none).
func (l *Limiter) Allow(t float64, service, op, pool string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	bs := l.bucketsFor(service, op, pool)
	for _, b := range bs {
		if !b.Available(t) {
			return false
		}
	}
	for _, b := range bs {
		b.TakeAt(t)
	}
	return true
}

// Reserve admits a request at the first time, not before t, at which every
// bucket it touches has a token, and returns that time.
func (l *Limiter) Reserve(t float64, service, op, pool string) float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	bs := l.bucketsFor(service, op, pool)
	at := earliest(bs, t)
	for _, b := range bs {
		b.TakeAt(at)
	}
	return at
}
