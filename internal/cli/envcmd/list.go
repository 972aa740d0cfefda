package envcmd

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/envs"
)

type listOptions struct {
	f *cmdutil.Factory
}

// newCmdList builds `ampgo env list`; runF, when not nil, replaces the run
// function (tests).
func newCmdList(f *cmdutil.Factory, runF func(*listOptions) error) *cobra.Command {
	o := &listOptions{f: f}
	return &cobra.Command{
		Use:   "list",
		Short: "List the environments with their region and Cognito resources",
		Long: `List the environments: name, region, whether it is the current one, and the ids of the
Cognito resources its imported auth points at. --output json prints
[{"name","region","current","auth":{"resourceName","userPoolId","webClientId","nativeClientId","identityPoolId"}}].`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, nil, runF, listRun),
	}
}

func listRun(_ context.Context, o *listOptions) error {
	f := o.f
	p, release, err := f.OpenProjectReadOnly()
	if err != nil {
		return err
	}
	defer release()
	list := envs.List(p)
	if f.JSON() {
		return f.PrintJSON(list)
	}
	tw := tabwriter.NewWriter(f.Out, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "Environment\tRegion\tCurrent\tUser pool\tWeb client\tNative client\tIdentity pool")
	for _, e := range list {
		cur, up, web, native, ip := "", "-", "-", "-", "-"
		if e.Current {
			cur = "*"
		}
		if a := e.Auth; a != nil {
			up, web, native, ip = a.UserPoolID, a.WebClientID, a.NativeClientID, a.IdentityPoolID
			if ip == "" {
				ip = "-"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Name, e.Region, cur, up, web, native, ip)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if p.CurrentEnv() == "" && len(list) > 0 {
		fmt.Fprintf(f.ErrOut, "No current environment (fresh clone): run `ampgo env checkout %s`.\n", list[0].Name)
	}
	return nil
}
