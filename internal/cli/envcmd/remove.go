package envcmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/envs"
)

func newCmdRemove(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an environment from the project (imported Cognito resources are never deleted)",
		Long: `Remove an environment from the project files. The current environment cannot be removed.
The Cognito resources it uses are never deleted or changed, and nothing in AWS is touched;
ampgo says what it removes and asks first unless --yes.`,
		Args: exactName,
		RunE: func(_ *cobra.Command, args []string) error {
			p, release, err := f.OpenProject()
			if err != nil {
				return err
			}
			defer release()
			plan, err := envs.PlanRemove(p, args[0])
			if err != nil {
				return err
			}
			for _, line := range plan.Describe() {
				fmt.Fprintln(f.ErrOut, line)
			}
			if err := cmdutil.Confirm(f, fmt.Sprintf("Remove environment %q from the project?", plan.Env)); err != nil {
				return err
			}
			if err := envs.Remove(p, plan); err != nil {
				return err
			}
			fmt.Fprintf(f.ErrOut, "✔ Environment %q removed.\n", plan.Env)
			return nil
		},
	}
}
