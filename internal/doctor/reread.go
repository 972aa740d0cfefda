package doctor

import (
	"context"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
)

// A read whose retries all ended in throttling is not given up at once: a
// report over hundreds of pools should be complete, not say "not checked"
// for the few calls that were unlucky under a busy quota. Such a read is
// started again, after a pause, at most maxRereads times. The SDK's
// adaptive retryer has slowed every client of the run down by then.
const maxRereads = 3

// rereadPause is the pause before the first reread; it doubles after each.
// A variable so tests can shorten it.
var rereadPause = time.Second

// reread runs read, and runs it again while the service was still
// throttling it when the SDK's retries ran out (awsx.IsThrottled). A read
// that failed otherwise, also one whose retries stopped because the
// retryer's own budget ran out, fails as it did.
func reread(ctx context.Context, read func() error) error {
	pause := rereadPause
	err := read()
	for i := 0; i < maxRereads && err != nil && awsx.IsThrottled(err); i++ {
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		pause *= 2
		err = read()
	}
	return err
}
