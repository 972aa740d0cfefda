package projectcmd

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
)

// NewCmdPush builds `ampgo push`.
func NewCmdPush(f *cmdutil.Factory, _ func() error) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "push",
		Short: "Finish imports and unlinks, deploy storage and functions, and write the client config",
		Long: `Finish imports and unlinks, deploy the environment's storage and functions as one
CloudFormation stack, and write the client config. With --dry-run, print the plan
(resources to add, change and remove, and every IAM statement attached to or removed
from each imported role) on stdout and change nothing.`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, release, err := f.OpenProject()
			if err != nil {
				return err
			}
			defer release()
			env := p.CurrentEnv()
			rows := p.Status()
			for _, r := range rows {
				fmt.Fprintf(f.ErrOut, "%-10s %-24s %s\n", r.Category, r.ResourceName, r.Operation)
			}
			if !dryRun {
				if err := cmdutil.Confirm(f, fmt.Sprintf("Push environment %q?", env)); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			cfg, err := f.AWSConfig(ctx, p.EnvProfile(env), p.EnvRegion(env))
			if err != nil {
				return err
			}
			opts := []deploy.Option{deploy.WithCloud(deploy.NewCloud(cfg))}
			if dryRun {
				opts = append(opts, deploy.DryRun(f.Out, f.Output == "json"))
			}
			err = deploy.Push(ctx, p, cognito.NewReader(cfg), clientconfig.Stage, f.ErrOut, time.Now(), opts...)
			if err != nil || dryRun {
				return err
			}
			fmt.Fprintf(f.ErrOut, "✔ Environment %q is up to date.\n", env)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what push would change and change nothing")
	return cmd
}
