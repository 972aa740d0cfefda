package authcmd

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/drift"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/source"
)

// repointOptions are `auth refresh` (no request), `auth update` and
// `import auth --refresh`; done says what happened, for the summary.
type repointOptions struct {
	f    *cmdutil.Factory
	req  drift.Request
	done string
	// follow (refresh) reads the environment's source again, or the one
	// the --from-* flags name (spec), and re-points to the ids it names.
	follow bool
	from   source.Flags
	spec   *source.Spec
}

// NewCmdAuth builds `ampgo auth` with `refresh` and `update`: repairing
// imported auth in place, without remove and re-import (cli#10939, cli#13588).
func NewCmdAuth(f *cmdutil.Factory) *cobra.Command {
	auth := &cobra.Command{Use: "auth", Short: "Refresh or re-point the imported auth resource in place"}
	auth.AddCommand(newCmdRefresh(f, nil), newCmdUpdate(f, nil))
	return auth
}

// newCmdRefresh builds `ampgo auth refresh`; runF, when not nil, replaces
// the run function (tests).
func newCmdRefresh(f *cmdutil.Factory, runF func(*repointOptions) error) *cobra.Command {
	o := &repointOptions{f: f, done: "refreshed from the live resources", follow: true}
	cmd := &cobra.Command{
		Use:   "refresh",
		Short: "Re-validate the imported resources and record their live settings",
		Long: `Read the imported user pool, app clients, identity pool and roles again, run every
rule of ` + "`ampgo import auth`" + ` on them, and record what they are now: project files, the
fingerprint ` + "`ampgo status`" + ` compares with, and (once pushed) the client config. Nothing
in AWS is changed, and every category that depends on auth is kept. When the live
resources no longer pass the rules, nothing is written and the command exits 3 with
every finding. Same as ` + "`ampgo import auth --refresh`" + `.

When the environment's ids were read from a source (--from-stack,
--from-terraform-state, --from-outputs), the source is read again first, and the
environment is re-pointed to the ids it names now (old → new is printed; the new
ones pass the same rules). A --from-* flag reads that source instead and records it.`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, func(*cobra.Command, []string) (err error) {
			o.spec, err = parseSource(f, o.from)
			return err
		}, runF, repointRun),
	}
	bindSource(cmd.Flags(), &o.from)
	return cmd
}

// newCmdUpdate builds `ampgo auth update`; runF, when not nil, replaces
// the run function once the flags are parsed and checked (tests).
func newCmdUpdate(f *cmdutil.Factory, runF func(*repointOptions) error) *cobra.Command {
	o := &repointOptions{f: f, done: "re-pointed"}
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Re-point the imported auth to a replaced app client or identity pool",
		Long: `Point the imported auth resource at another app client or identity pool of the same
user pool, for example after the old one was deleted and recreated with a new id.
The new resources are validated with every rule of ` + "`ampgo import auth`" + ` first (exit 3
with every finding, nothing written, when they fail); the auth resource keeps its
name, so every category that depends on it is kept. A native client that was the
web client follows a new --web-client-id unless --native-client-id is given.`,
		Example: `  ampgo auth update --web-client-id 4abcnewclient
  ampgo auth update --native-client-id 7defnew --identity-pool-id us-east-1:1111-…`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parseUpdate, runF, repointRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.req.WebClientID, "web-client-id", "", "new web app client (no secret) of the same user pool")
	fl.StringVar(&o.req.NativeClientID, "native-client-id", "", "new native app client of the same user pool")
	fl.StringVar(&o.req.IdentityPoolID, "identity-pool-id", "", "new identity pool that lists the user pool and both clients")
	return cmd
}

// parseUpdate checks `auth update`'s flags: at least one id, each well
// formed.
func (o *repointOptions) parseUpdate(*cobra.Command, []string) error {
	if o.req == (drift.Request{}) {
		return usageNoIDs()
	}
	return cmdutil.CheckIDs(
		cmdutil.ID{Name: "--web-client-id", Value: o.req.WebClientID, Check: ids.ClientID},
		cmdutil.ID{Name: "--native-client-id", Value: o.req.NativeClientID, Check: ids.ClientID},
		cmdutil.ID{Name: "--identity-pool-id", Value: o.req.IdentityPoolID, Check: ids.IdentityPoolID},
	)
}

// repointRun is `auth refresh`, `auth update` and `import auth --refresh`.
func repointRun(ctx context.Context, o *repointOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if _, managed := p.EnvManagedAuth(p.CurrentEnv()); managed && !o.follow {
		return exit.UsageErrorf("change its settings with `ampgo update auth`; `ampgo push` records what it creates",
			"auth update: ampgo manages the auth of environment %s, so there is nothing to re-point", p.CurrentEnv())
	}
	cfg, err := f.EnvAWSConfig(ctx, p, p.CurrentEnv())
	if err != nil {
		return err
	}
	reader := cognito.NewReader(cfg)
	if o.follow {
		if o.req, err = followSource(ctx, f, p, cfg, reader, o.spec); err != nil {
			return err
		}
	}
	res, err := drift.Repoint(ctx, p, reader, clientconfig.Stage, o.req, f.ErrOut)
	if err != nil {
		return err
	}
	printRepointed(f.ErrOut, res, o.done)
	return nil
}

// followSource reads the source named by spec, or else the one recorded
// for the current environment, and returns the ids it names now as a
// re-point request (empty when there is no source: a plain refresh). The
// recorded ids are preferred while the source still names them, so a
// choice made once with flags is kept.
func followSource(ctx context.Context, f *cmdutil.Factory, p *project.Project, cfg aws.Config, r *cognito.Reader, spec *source.Spec) (drift.Request, error) {
	a, ok := p.ImportedAuth()
	if !ok {
		return drift.Request{}, nil // Repoint says what to do
	}
	if spec == nil {
		rec, ok := p.EnvAuthSource(p.CurrentEnv())
		if !ok {
			return drift.Request{}, nil
		}
		s := source.FromRecord(rec).Resolved(p.Root())
		spec = &s
	}
	prefer := importauth.SelectionOf(a.Env)
	c, err := source.Choose(ctx, *spec, source.Input{Root: p.Root(), Stdin: f.In, Config: cfg, Client: r, Log: f.ErrOut,
		Request: source.Request{Prefer: prefer, WithIdentityPool: a.Env.IdentityPoolID != ""}})
	if err != nil {
		return drift.Request{}, err
	}
	sel := c.Selection
	for _, id := range []struct{ what, old, new string }{
		{"user pool", prefer.UserPoolID, sel.UserPoolID}, {"web client", prefer.WebClientID, sel.WebClientID},
		{"native client", prefer.NativeClientID, sel.NativeClientID}, {"identity pool", prefer.IdentityPoolID, sel.IdentityPoolID},
	} {
		if id.old != id.new {
			fmt.Fprintf(f.ErrOut, "  %s: %s → %s (named by the source)\n", id.what, id.old, id.new)
		}
	}
	return drift.Request{UserPoolID: sel.UserPoolID, WebClientID: sel.WebClientID, NativeClientID: sel.NativeClientID,
		IdentityPoolID: sel.IdentityPoolID, Source: c.Record}, nil
}

func printRepointed(w io.Writer, res *drift.Result, done string) {
	fmt.Fprintf(w, "✔ Auth %q %s.\n", res.Name, done)
	if len(res.Changes) == 0 {
		fmt.Fprintln(w, "  Nothing changed since it was recorded.")
	}
	for _, c := range res.Changes {
		fmt.Fprintf(w, "  %s %s: %s → %s\n", c.Resource, c.Field, drift.Text(c.Recorded), liveText(c))
	}
	for _, file := range res.Files {
		fmt.Fprintf(w, "✔ Wrote %s\n", file)
	}
	if !res.Pushed {
		fmt.Fprintln(w, "Run `ampgo push` to finish: the client config is written on push.")
	}
	if len(res.Dependents) > 0 {
		fmt.Fprintf(w, "Kept %s (they depend on auth %q); run `ampgo push` so their stacks use the recorded values.\n",
			strings.Join(res.Dependents, ", "), res.Name)
	}
}

// liveText renders the live side of a change; a deleted resource is "deleted".
func liveText(c drift.Change) string {
	if c.Change == drift.Deleted {
		return "deleted"
	}
	return drift.Text(c.Live)
}

func usageNoIDs() error {
	return exit.UsageErrorf("pass --web-client-id, --native-client-id or --identity-pool-id; `ampgo auth refresh` re-reads the recorded resources",
		"nothing to update: no id given")
}
