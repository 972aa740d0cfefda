// Package testclock is a clock that tests set and move by hand, for code
// that takes its time and sleeps as functions (progress, awsx waits,
// cognito paces). It is safe for the goroutines of the code under test.
package testclock

import (
	"context"
	"sync"
	"time"
)

// Clock only moves when told to, or when the code under test sleeps.
type Clock struct {
	mu    sync.Mutex
	t     time.Time
	slept []time.Duration
}

// New returns a Clock at t.
func New(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Sleep moves the clock by d at once and records the wait.
func (c *Clock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	c.slept = append(c.slept, d)
	return nil
}

// Slept returns every wait Sleep was asked for, in order.
func (c *Clock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}
