// Command ampgo brings existing Amazon Cognito user pools and identity pools
// into an Amplify project.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run())
}

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	awsx.Version = version
	f := cmdutil.NewFactory()
	err := cli.NewRoot(f, version).ExecuteContext(ctx)
	if ctx.Err() != nil && err != nil {
		fmt.Fprintln(f.ErrOut, "interrupted: nothing was changed by the interrupted step")
		return exit.Interrupted
	}
	return report(f, err)
}

// report prints err and its hint on stderr and returns the exit code.
func report(f *cmdutil.Factory, err error) int {
	if err == nil {
		return exit.OK
	}
	code := exit.Code(err)
	var e *exit.Error
	if errors.As(err, &e) && code == exit.OK {
		fmt.Fprintln(f.ErrOut, err)
		return code
	}
	fmt.Fprintf(f.ErrOut, "Error: %v\n", err)
	if hint := exit.Hint(err); hint != "" {
		fmt.Fprintf(f.ErrOut, "Fix: %s\n", hint)
	}
	return code
}
