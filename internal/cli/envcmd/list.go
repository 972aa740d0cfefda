package envcmd

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/envs"
)

type listOptions struct {
	f    *cmdutil.Factory
	wide bool
}

// newCmdList builds `ampgo env list`; runF, when not nil, replaces the run
// function (tests).
func newCmdList(f *cmdutil.Factory, runF func(*listOptions) error) *cobra.Command {
	o := &listOptions{f: f}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the environments with their region and Cognito resources",
		Long: `List the environments: name, region, whether it is the current one, and the ids of the
Cognito resources its imported auth points at. The table fits 100 columns: * marks the
current environment and client and identity pool ids are cut short (…); --wide shows
every id in full, with a Current column. --output json prints
[{"name","region","current","auth":{"resourceName","userPoolId","webClientId","nativeClientId","identityPoolId"}}].`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, nil, runF, listRun),
	}
	cmd.Flags().BoolVar(&o.wide, "wide", false, "show every id in full (wider than 100 columns)")
	return cmd
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
	if err := writeList(f.Out, list, o.wide); err != nil {
		return err
	}
	if p.CurrentEnv() == "" && len(list) > 0 {
		fmt.Fprintf(f.ErrOut, "No current environment (fresh clone): run `ampgo env checkout %s`.\n", list[0].Name)
	}
	return nil
}

// Widths of the short ids of `env list`: a client id (26 characters in
// AWS) keeps its first 6, an identity pool id (region:UUID, up to 51) the
// UUID's first 6 (the Auth column took its region's room): enough to tell an environment's ids apart
// at a glance; --wide has them whole. User pool ids stay whole: AWS's are
// at most 24 characters and the one id users copy from this table.
const shortIDLen = 6

// writeList prints the environments table. The default fits 100 columns
// for any AWS region and an environment name of up to 10 characters;
// wide is the full table (the layout before issue 16).
func writeList(w io.Writer, list []envs.Summary, wide bool) error {
	if wide {
		return writeWideList(w, list)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  Environment\tRegion\tAuth\tUser pool\tWeb\tNative\tIdentity pool")
	for _, e := range list {
		mark, up, web, native, ip := "  ", "-", "-", "-", "-"
		if e.Current {
			mark = "* "
		}
		if a := e.Auth; a != nil {
			up, web, native = a.UserPoolID, shorten(a.WebClientID, shortIDLen), shorten(a.NativeClientID, shortIDLen)
			ip = shorten(a.IdentityPoolID, shortIDLen)
			if _, id, ok := strings.Cut(a.IdentityPoolID, ":"); ok {
				ip = shorten(id, shortIDLen)
			}
		}
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\n", mark, e.Name, e.Region, authMode(e), up, web, native, ip)
	}
	return tw.Flush()
}

// writeWideList is every id in full, with a Current column.
func writeWideList(w io.Writer, list []envs.Summary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "Environment\tRegion\tCurrent\tAuth\tUser pool\tWeb client\tNative client\tIdentity pool")
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Name, e.Region, cur, authMode(e), up, web, native, ip)
	}
	return tw.Flush()
}

// authMode is the Auth column: imported, managed or "-".
func authMode(e envs.Summary) string {
	if e.AuthMode == "" {
		return "-"
	}
	return e.AuthMode
}

// shorten cuts s to its first n runes and "…"; "-" for "".
func shorten(s string, n int) string {
	switch r := []rune(s); {
	case len(r) == 0:
		return "-"
	case len(r) <= n+1:
		return s
	default:
		return string(r[:n]) + "…"
	}
}
