package projectcmd

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
)

// NewCmdStatus builds `ampgo status`.
func NewCmdStatus(f *cmdutil.Factory, _ func() error) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show what is local vs deployed for the current environment",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, release, err := f.OpenProject()
			if err != nil {
				return err
			}
			defer release()
			rows := p.Status()
			if f.Output == "json" {
				enc := json.NewEncoder(f.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"env": p.CurrentEnv(), "resources": rows})
			}
			fmt.Fprintf(f.ErrOut, "Current Environment: %s\n\n", p.CurrentEnv())
			tw := tabwriter.NewWriter(f.Out, 0, 4, 3, ' ', 0)
			fmt.Fprintln(tw, "Category\tResource name\tOperation\tProvider plugin")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Category, r.ResourceName, r.Operation, r.ProviderPlugin)
			}
			if len(rows) == 0 {
				fmt.Fprintln(f.ErrOut, "No resources. Run `ampgo import auth` to import existing Cognito resources.")
			}
			return tw.Flush()
		},
	}
}
