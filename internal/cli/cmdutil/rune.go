package cmdutil

import (
	"context"

	"github.com/spf13/cobra"
)

// RunE is the RunE of every ampgo command, in the GitHub CLI's shape: parse
// puts the arguments into the options o and checks the flags (usage
// errors, before a project is opened or AWS is called; nil when there is
// nothing to check), then runF runs when a test gave one (flags → options
// without AWS), else run does the work.
func RunE[O any](o *O, parse func(*cobra.Command, []string) error, runF func(*O) error, run func(context.Context, *O) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if parse != nil {
			if err := parse(cmd, args); err != nil {
				return err
			}
		}
		if runF != nil {
			return runF(o)
		}
		return run(cmd.Context(), o)
	}
}
