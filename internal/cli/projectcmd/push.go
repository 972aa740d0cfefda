package projectcmd

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/project"
)

type pushOptions struct {
	f      *cmdutil.Factory
	dryRun bool
}

// NewCmdPush builds `ampgo push`. runF, when not nil, replaces the run
// function once the flags are parsed (tests: flags → options).
func NewCmdPush(f *cmdutil.Factory, runF func(*pushOptions) error) *cobra.Command {
	o := &pushOptions{f: f}
	cmd := &cobra.Command{
		Use:   "push",
		Short: "Finish imports and unlinks, deploy storage and functions, and write the client config",
		Long: `Finish imports and unlinks, deploy the environment's storage and functions as one
CloudFormation stack, and write the client config. With --dry-run, print the plan
(resources to add, change and remove, and every IAM statement attached to or removed
from each imported role) on stdout and change nothing.`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, nil, runF, pushRun),
	}
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "print what push would change and change nothing")
	return cmd
}

func pushRun(ctx context.Context, o *pushOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	env := p.CurrentEnv()
	for _, r := range p.Status() {
		if !project.InStack(r.Category) {
			fmt.Fprintf(f.ErrOut, "%-10s %-24s %s\n", r.Category, r.ResourceName, r.Operation)
		}
	}
	question := fmt.Sprintf("Push environment %q?", env)
	if !o.dryRun && !f.Yes && !f.CanPrompt() {
		// Named before any AWS call, as every missing answer is.
		return cmdutil.Confirm(f, question)
	}
	cfg, err := f.EnvAWSConfig(ctx, p, env)
	if err != nil {
		return err
	}
	// One status line for the whole push: below the output, from the
	// first reads until the plan, and from the question until the stack's
	// events, between events and until push ends (issue 16). Every line
	// push prints goes through its writer, which clears it first.
	stack := project.StackName(p.Config().ProjectName, env)
	sp := progress.Start(progress.On(f.ErrOut, f.ErrIsTerminal), fmt.Sprintf("reading environment %s and stack %s…", env, stack))
	defer sp.Stop()
	log := sp.Writer(f.ErrOut)
	opts := []deploy.Option{deploy.WithCloud(deploy.NewCloud(cfg))}
	if o.dryRun {
		opts = append(opts, deploy.DryRun(sp.Writer(f.Out), f.JSON()))
	} else {
		// The plan, as --dry-run prints it, before the question (issue 11).
		opts = append(opts, deploy.ConfirmFirst(func() error {
			sp.Pause() // the prompt owns the terminal while it asks
			defer sp.Resume()
			sp.SetLabel(fmt.Sprintf("waiting for stack %s…", stack))
			return cmdutil.Confirm(f, question)
		}))
	}
	err = deploy.Push(ctx, p, cognito.NewReader(cfg), frontendFiles, log, time.Now(), opts...)
	sp.Stop()
	if err != nil || o.dryRun {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Environment %q is up to date.\n", env)
	return nil
}
