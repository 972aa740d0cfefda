package envcmd

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/envs"
	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/project"
)

type removeOptions struct {
	f           *cmdutil.Factory
	name        string
	deleteStack bool
}

// newCmdRemove builds `ampgo env remove`; runF, when not nil, replaces the
// run function once the argument is parsed (tests).
func newCmdRemove(f *cmdutil.Factory, runF func(*removeOptions) error) *cobra.Command {
	o := &removeOptions{f: f}
	cmd := &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an environment from the project (imported Cognito resources are never deleted)",
		Long: `Remove an environment from the project files. The current environment cannot be removed.
The Cognito resources it uses are never deleted or changed. Without --delete-stack nothing
in AWS is touched, and the command that deletes the environment's stack is printed; with
--delete-stack the stack (storage, functions, and their statements on the imported roles)
is deleted too, after showing what it deletes (storage buckets keep their data).
ampgo says what it removes and asks first unless --yes.`,
		Args: exactName,
		RunE: cmdutil.RunE(o, o.parse, runF, removeRun),
	}
	cmd.Flags().BoolVar(&o.deleteStack, "delete-stack", false, "also delete the environment's CloudFormation stack")
	return cmd
}

// parse takes the environment's name.
func (o *removeOptions) parse(_ *cobra.Command, args []string) error {
	o.name = args[0]
	return nil
}

func removeRun(ctx context.Context, o *removeOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	plan, err := envs.PlanRemove(p, o.name)
	if err != nil {
		return err
	}
	for _, line := range plan.Describe() {
		fmt.Fprintln(f.ErrOut, line)
	}
	question := fmt.Sprintf("Remove environment %q from the project?", plan.Env)
	deleteCmd := deploy.DeleteStackCommand(p, plan.Env)
	var stack *deploy.EnvStack
	// With --delete-stack, the stack's read and delete (and its events)
	// run under one status line, paused while the question is asked (issue
	// 16); a nil Spinner draws nothing.
	var sp *progress.Spinner
	stackName := project.StackName(p.Config().ProjectName, plan.Env)
	if o.deleteStack {
		if !f.Yes && !f.CanPrompt() {
			return cmdutil.ConfirmDestructive(f, question) // named before any AWS call
		}
		sp = progress.Start(progress.On(f.ErrOut, f.ErrIsTerminal), "reading stack "+stackName+"…")
		defer sp.Stop()
		if stack, err = readStack(ctx, f, p, plan.Env, sp.Writer(f.ErrOut)); err != nil {
			return err
		}
		if stack != nil {
			question = fmt.Sprintf("Delete the stack of environment %q and remove it from the project?", plan.Env)
		}
	}
	sp.Pause()
	if err := cmdutil.ConfirmDestructive(f, question); err != nil {
		return err
	}
	if stack != nil {
		// The stack first: a failed delete leaves the environment in the
		// project, so the command can run again.
		sp.SetLabel("deleting stack " + stackName + "…")
		sp.Resume()
		if err := stack.Delete(ctx); err != nil {
			return err
		}
	}
	sp.Stop()
	if err := envs.Remove(p, plan); err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Environment %q removed.\n", plan.Env)
	if !o.deleteStack {
		fmt.Fprintf(f.ErrOut, "Its stack (storage and functions), if it has one, stays; delete it with `%s`\n", deleteCmd)
	}
	return nil
}

// readStack reads env's stack for --delete-stack and prints on log what
// deleting it removes; nil when the environment has no stack.
func readStack(ctx context.Context, f *cmdutil.Factory, p *project.Project, env string, log io.Writer) (*deploy.EnvStack, error) {
	cfg, err := f.EnvAWSConfig(ctx, p, env)
	if err != nil {
		return nil, err
	}
	stack, err := deploy.ReadEnvStack(ctx, p, env, deploy.NewCloud(cfg), log)
	if err != nil {
		return nil, err
	}
	if stack == nil {
		fmt.Fprintf(log, "Environment %q has no stack to delete.\n", env)
		return nil, nil
	}
	return stack, stack.Plan().WriteText(log)
}
