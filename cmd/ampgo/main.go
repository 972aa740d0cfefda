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
	"github.com/ampgo/ampgo/internal/deploy"
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
		return interrupted(f, err)
	}
	return report(f, err)
}

// interrupted reports a command ended by Ctrl-C or SIGTERM. Only push
// writes to AWS, and it records every write before sending it: when one was
// sent, its *deploy.InterruptedError names the stack and how to check it;
// otherwise the step stopped before writing anything, in AWS or on disk
// (project files change only in the final save, which ignores the signal).
func interrupted(f *cmdutil.Factory, err error) int {
	var ie *deploy.InterruptedError
	if errors.As(err, &ie) {
		fmt.Fprintf(f.ErrOut, "Error: %v\nFix: %s\n", ie, ie.Hint())
		return exit.Interrupted
	}
	fmt.Fprintln(f.ErrOut, "interrupted: nothing was changed by the interrupted step")
	return exit.Interrupted
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
