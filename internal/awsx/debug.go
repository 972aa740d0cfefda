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

// callLogger prints one line per AWS call (service, operation, duration,
// outcome) for --debug. It never prints headers or bodies, so no credential
// or secret reaches the terminal.
type callLogger struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *callLogger) middleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("ampgoDebugCalls",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			start := time.Now()
			out, md, err := next.HandleInitialize(ctx, in)
			outcome := "ok"
			if err != nil {
				outcome = "error: " + ErrorCode(err)
			}
			l.mu.Lock()
			fmt.Fprintf(l.w, "debug: aws %s %s %s (%s) %s\n", awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx),
				awsmiddleware.GetRegion(ctx), time.Since(start).Round(time.Millisecond), outcome)
			l.mu.Unlock()
			return out, md, err
		}), middleware.After)
}
