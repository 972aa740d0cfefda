package projectcmd

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/project"
)

// checkInflight returns the deploy the project records in flight (nil when
// none) with its stack's real state; offline, the stack is not read. AWS
// config is built only when there is a stack to read.
func checkInflight(ctx context.Context, f *cmdutil.Factory, p *project.Project, offline bool) (*deploy.InflightState, error) {
	var stacks func() (deploy.StackService, error)
	if !offline {
		stacks = func() (deploy.StackService, error) {
			cfg, err := f.EnvAWSConfig(ctx, p, p.CurrentEnv())
			if err != nil {
				return nil, err
			}
			return deploy.NewCloud(cfg).Stacks, nil
		}
	}
	s, err := deploy.CheckInflight(ctx, p, stacks)
	return s, offlineHint(err)
}

// writeInflight prints what became of an interrupted deploy: the state on
// out, what to do on errOut. env is the current environment.
func writeInflight(out, errOut io.Writer, env string, s *deploy.InflightState) {
	if s == nil {
		return
	}
	fmt.Fprintf(out, "\nInterrupted deploy: the last push stopped after %s of stack %s (%s) was sent, at %s\n",
		s.Operation, s.Stack, s.Region, s.StartedAt.Format(time.RFC3339))
	watch := fmt.Sprintf("`aws cloudformation describe-stacks --stack-name %s --region %s` (console: CloudFormation > Stacks > %s)", s.Stack, s.Region, s.Stack)
	switch {
	case s.Env != env:
		fmt.Fprintf(out, "Stack state: not read (environment %s)\n", s.Env)
		fmt.Fprintf(errOut, "Check it with %s; `ampgo env checkout %s`, then `ampgo push`, records its outcome.\n", watch, s.Env)
	case s.StackStatus == nil:
		fmt.Fprintf(out, "Stack state: not read (--offline)\n")
		fmt.Fprintf(errOut, "Check it with %s; `ampgo push` records its outcome.\n", watch)
	case *s.StackStatus == deploy.StackNotFound:
		fmt.Fprintf(out, "Stack state: does not exist\n")
		fmt.Fprintln(errOut, "Run `ampgo push` to deploy again and record the outcome.")
	case *s.InProgress:
		fmt.Fprintf(out, "Stack state: %s (still running)\n", *s.StackStatus)
		fmt.Fprintf(errOut, "Watch it with %s; `ampgo push` waits for it to end, then records its outputs.\n", watch)
	default:
		fmt.Fprintf(out, "Stack state: %s\n", *s.StackStatus)
		fmt.Fprintln(errOut, "Run `ampgo push` to record its outputs (it deploys again only what differs).")
	}
}
