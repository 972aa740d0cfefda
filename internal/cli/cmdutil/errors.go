package cmdutil

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/exit"
)

// FlagError turns a cobra flag parsing error into a usage error (exit 2).
func FlagError(cmd *cobra.Command, err error) error {
	return exit.UsageErrorf("see `"+cmd.CommandPath()+" --help`", "%s", err.Error())
}

// NoArgs rejects positional arguments with a usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return exit.UsageErrorf("see `"+cmd.CommandPath()+" --help`", "unexpected argument %q", args[0])
	}
	return nil
}

// ErrDeclined is returned when the user answers no to a confirmation.
var ErrDeclined = &exit.Error{Code: exit.OK, Err: errors.New("nothing changed")}
