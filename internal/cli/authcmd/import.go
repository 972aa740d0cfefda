// Package authcmd holds the auth commands: import auth, remove auth.
package authcmd

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/progress/awsreads"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/source"
)

type importOptions struct {
	f            *cmdutil.Factory
	userPoolOnly bool
	headless     bool
	refresh      bool
	sel          cognito.Selection
	from         source.Flags
	spec         *source.Spec // the --from-* source, nil when none
}

// NewCmdImport builds `ampgo import auth`. runF, when not nil, replaces the
// run function once the flags (and --headless's stdin) are parsed and
// checked (tests: flags → options).
func NewCmdImport(f *cmdutil.Factory, runF func(*importOptions) error) *cobra.Command {
	o := &importOptions{f: f}
	imp := &cobra.Command{Use: "import", Short: "Import existing resources into the project"}
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Import an existing Cognito user pool (and identity pool)",
		Long: `Find, validate and record an existing Cognito user pool, its web and native app
clients and (unless --user-pool-only) an identity pool with its two roles, in the
project's current environment. Nothing in AWS is changed. Run ` + "`ampgo push`" + ` afterwards
to finish the import and write the client config.`,
		Example: `  ampgo import auth
  ampgo import auth --user-pool-id us-east-1_abc --web-client-id 4abc --identity-pool-id us-east-1:1111-…
  echo '{"version":1,"userPoolId":"…","webClientId":"…","nativeClientId":"…"}' | ampgo import auth --headless
  ampgo import auth --from-stack auth-prod
  ampgo import auth --from-terraform-state infra/terraform.tfstate
  terraform show -json | ampgo import auth --from-terraform-state -`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, importRun),
	}
	fl := cmd.Flags()
	fl.BoolVar(&o.userPoolOnly, "user-pool-only", false, "import only the user pool (no identity pool)")
	fl.StringVar(&o.sel.UserPoolID, "user-pool-id", "", "id of the user pool, e.g. us-east-1_AbC123xYz")
	fl.StringVar(&o.sel.WebClientID, "web-client-id", "", "app client without a secret used by web apps")
	fl.StringVar(&o.sel.NativeClientID, "native-client-id", "", "app client used by native apps (default: the web client)")
	fl.StringVar(&o.sel.IdentityPoolID, "identity-pool-id", "", "identity pool that lists the user pool and both clients")
	fl.BoolVar(&o.refresh, "refresh", false, "re-validate the imported resources and record their live settings (same as \"ampgo auth refresh\")")
	fl.BoolVar(&o.headless, "headless", false, `read {"version":1,"userPoolId":…,"webClientId":…,"nativeClientId":…,"identityPoolId":…} from stdin`)
	bindSource(fl, &o.from)
	imp.AddCommand(cmd)
	return imp
}

// parse checks the flags: --refresh alone, --headless reads the ids from
// stdin instead of the flags, and every id given is well formed.
func (o *importOptions) parse(cmd *cobra.Command, _ []string) error {
	spec, err := parseSource(o.f, o.from)
	if err != nil {
		return err
	}
	o.spec = spec
	if spec != nil && (o.refresh || o.headless) {
		return exit.UsageErrorf("follow a source with `ampgo auth refresh --from-…`, or drop --headless",
			"--from-stack, --from-terraform-state and --from-outputs do not go with --refresh or --headless")
	}
	if o.refresh {
		if o.headless || o.userPoolOnly || o.sel != (cognito.Selection{}) {
			return exit.UsageErrorf("pass --refresh alone; to re-point to other resources use `ampgo auth update --web-client-id …`",
				"--refresh takes no other import flag")
		}
		return nil
	}
	if o.headless {
		return o.readHeadless(cmd, o.f.In)
	}
	return cmdutil.CheckIDs(cmdutil.SelectionIDs(o.sel)...)
}

func importRun(ctx context.Context, o *importOptions) error {
	if o.refresh {
		return repointRun(ctx, &repointOptions{f: o.f, done: "refreshed from the live resources", follow: true})
	}
	if o.headless {
		o.f.Yes = true // the request on stdin says everything: never ask
	}
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	cfg, err := o.f.EnvAWSConfig(ctx, p, p.CurrentEnv())
	if err != nil {
		return err
	}
	reader := cognito.NewReader(cfg)
	// Reads between questions show what they wait for; the pool list read
	// while the first question is on screen (Lister) draws nothing.
	shown := awsreads.Wrap(progress.On(o.f.ErrOut, o.f.ErrIsTerminal), reader)
	chooser := &importauth.Chooser{Discovery: shown, Lister: reader, Prompter: o.f.Prompter(), Log: o.f.ErrOut}
	if !o.userPoolOnly {
		chooser.NoIdentityPool = "or import with --user-pool-only"
	}
	req := importauth.Request{Region: cfg.Region, Selection: o.sel}
	if o.userPoolOnly {
		req.Mode = importauth.ModeUserPoolOnly
	}
	if o.spec != nil {
		// The source's ids then go through the same choice and rules as flags.
		c, err := source.Choose(ctx, *o.spec, source.Input{Root: p.Root(), Stdin: o.f.In, Config: cfg, Client: reader, Log: o.f.ErrOut,
			Request: source.Request{Given: o.sel, WithIdentityPool: !o.userPoolOnly}})
		if err != nil {
			return err
		}
		req.Selection, req.Source = c.Selection, c.Record
	}
	rec, err := importauth.Import(ctx, chooser, shown, p, req)
	if err != nil {
		return err
	}
	printImported(o.f.ErrOut, rec)
	return nil
}

// headlessConflicts are the flags --headless replaces: the request on
// stdin names the resources and the kind of import.
var headlessConflicts = []string{"user-pool-id", "web-client-id", "native-client-id", "identity-pool-id", "user-pool-only"}

// readHeadless reads the Amplify headless request from r. Passing an id
// flag as well is a usage error: silently preferring one of the two would
// import something the user did not name.
func (o *importOptions) readHeadless(cmd *cobra.Command, r io.Reader) error {
	for _, name := range headlessConflicts {
		if cmd.Flags().Changed(name) {
			return exit.UsageErrorf("drop --"+name+" and put the value in the JSON on stdin, or drop --headless and pass the flags",
				"--headless reads the ids from stdin; do not also pass --%s", name)
		}
	}
	sel, err := importauth.ParseHeadless(r)
	if err != nil {
		return err
	}
	o.sel = sel
	o.userPoolOnly = sel.IdentityPoolID == ""
	return nil
}

func printImported(w io.Writer, rec *project.ImportedAuth) {
	if rec.Env.IdentityPoolID != "" {
		fmt.Fprintf(w, "✅ Cognito User Pool '%s' and Identity Pool '%s' were successfully imported as auth resource %q.\n",
			rec.Env.UserPoolName, rec.Env.IdentityPoolName, rec.Name)
	} else {
		fmt.Fprintf(w, "✅ Cognito User Pool '%s' was successfully imported as auth resource %q.\n", rec.Env.UserPoolName, rec.Name)
	}
	fmt.Fprintln(w, "Next steps:\n- `ampgo status` shows the pending import\n- `ampgo push` finishes it and writes the client config")
}

// bindSource adds the --from-* flags (import auth, auth refresh).
func bindSource(fl *pflag.FlagSet, from *source.Flags) {
	fl.StringVar(&from.Stack, "from-stack", "", "read the ids from a CloudFormation stack (CDK, SAM, Amplify) and its nested stacks")
	fl.StringVar(&from.TerraformState, "from-terraform-state", "", "read the ids from a Terraform state file or `terraform show -json` output ('-' for stdin)")
	fl.StringVar(&from.Outputs, "from-outputs", "", "read the ids from another app's amplify_outputs.json (Amplify Gen 2)")
}

// parseSource checks the --from-* flags; a relative file path is relative
// to the working directory, as the user typed it.
func parseSource(f *cmdutil.Factory, from source.Flags) (*source.Spec, error) {
	spec, err := from.Spec()
	if err != nil || spec == nil {
		return spec, err
	}
	if spec.File != "" && spec.File != source.Stdin && !filepath.IsAbs(spec.File) && f.Dir != "" {
		spec.File = filepath.Join(f.Dir, spec.File)
	}
	return spec, nil
}
