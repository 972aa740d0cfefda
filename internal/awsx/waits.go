package awsx

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// Waits shows on a terminal what ampgo is waiting for once an AWS call has
// run longer than Threshold: one line, for the oldest call still running
// (doctor runs eight at a time), rewritten in place and cleared when that
// call ends. Only the Factory turns it on, and only when stderr is a
// terminal, so output that tests compare never holds it.
type Waits struct {
	// Threshold is how long a call runs before it is shown.
	Threshold time.Duration
	// Quiet, when set and reporting true, keeps the line from being drawn
	// (the command's own spinner names the wait).
	Quiet func() bool

	w         io.Writer
	now       func() time.Time
	newTicker func() (<-chan time.Time, func()) // ticks while calls run

	mu      sync.Mutex
	nextID  uint64
	calls   map[uint64]waitingCall
	shown   bool
	stopper func()
}

type waitingCall struct {
	start time.Time
	what  string // "cognito-idp DescribeUserPool (us-east-1"
}

// waitsTick is how often the shown line is refreshed.
const waitsTick = 500 * time.Millisecond

// NewWaits returns a Waits writing to w (stderr on a terminal).
func NewWaits(w io.Writer) *Waits {
	return &Waits{
		Threshold: 2 * time.Second, w: w, now: time.Now,
		newTicker: func() (<-chan time.Time, func()) {
			t := time.NewTicker(waitsTick)
			return t.C, t.Stop
		},
		calls: map[uint64]waitingCall{},
	}
}

// middleware registers every operation for its whole duration, retries
// included. After the SDK's own Initialize steps, so the region is known.
func (w *Waits) middleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("ampgoShowWaits",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			id := w.begin(fmt.Sprintf("%s %s (%s", ServiceName(awsmiddleware.GetServiceID(ctx)),
				awsmiddleware.GetOperationName(ctx), awsmiddleware.GetRegion(ctx)))
			defer w.end(id)
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

// begin records a call and starts ticking when it is the only one.
func (w *Waits) begin(what string) uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.nextID++
	w.calls[w.nextID] = waitingCall{start: w.now(), what: what}
	if w.stopper == nil {
		ticks, stop := w.newTicker()
		quit := make(chan struct{})
		w.stopper = func() { stop(); close(quit) }
		go func() {
			for {
				select {
				case <-ticks:
					w.tick()
				case <-quit:
					return
				}
			}
		}()
	}
	return w.nextID
}

// end forgets a call, clears the line if one is shown (the next tick shows
// the next oldest call, if it is still waiting), and stops ticking when no
// call is left.
func (w *Waits) end(id uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.calls, id)
	if w.shown {
		fmt.Fprint(w.w, "\r\x1b[K")
		w.shown = false
	}
	if len(w.calls) == 0 && w.stopper != nil {
		w.stopper()
		w.stopper = nil
	}
}

// tick shows the oldest running call once it has waited past Threshold.
func (w *Waits) tick() {
	w.mu.Lock()
	defer w.mu.Unlock()
	var (
		oldest   waitingCall
		oldestID uint64
	)
	for id, c := range w.calls {
		if oldestID == 0 || c.start.Before(oldest.start) || (c.start.Equal(oldest.start) && id < oldestID) {
			oldest, oldestID = c, id
		}
	}
	if oldestID == 0 {
		return
	}
	waited := w.now().Sub(oldest.start)
	if waited < w.Threshold || w.Quiet != nil && w.Quiet() {
		return
	}
	fmt.Fprintf(w.w, "\r\x1b[Kwaiting for %s, %.1fs)…", oldest.what, waited.Seconds())
	w.shown = true
}
