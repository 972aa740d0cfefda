package doctor

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
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

// reread runs read, and runs it again while it fails with throttling only.
func reread(ctx context.Context, read func() error) error {
	pause := rereadPause
	err := read()
	for i := 0; i < maxRereads && err != nil && throttled(err); i++ {
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

// throttled reports an error that only says "too many requests": the
// service throttled the last attempt, or the retryer ran out of retry
// tokens.
func throttled(err error) bool {
	var q ratelimit.QuotaExceededError
	return errors.As(err, &q) || retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err).Bool()
}
