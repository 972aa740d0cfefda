package envcmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/envs"
)

type removeOptions struct {
	f    *cmdutil.Factory
	name string
}

// newCmdRemove builds `ampgo env remove`; runF, when not nil, replaces the
// run function once the argument is parsed (tests).
func newCmdRemove(f *cmdutil.Factory, runF func(*removeOptions) error) *cobra.Command {
	o := &removeOptions{f: f}
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an environment from the project (imported Cognito resources are never deleted)",
		Long: `Remove an environment from the project files. The current environment cannot be removed.
The Cognito resources it uses are never deleted or changed, and nothing in AWS is touched;
ampgo says what it removes and asks first unless --yes.`,
		Args: exactName,
		RunE: cmdutil.RunE(o, o.parse, runF, removeRun),
	}
}

// parse takes the environment's name.
func (o *removeOptions) parse(_ *cobra.Command, args []string) error {
	o.name = args[0]
	return nil
}

func removeRun(_ context.Context, o *removeOptions) error {
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
	if err := cmdutil.ConfirmDestructive(f, fmt.Sprintf("Remove environment %q from the project?", plan.Env)); err != nil {
		return err
	}
	if err := envs.Remove(p, plan); err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Environment %q removed.\n", plan.Env)
	return nil
}
