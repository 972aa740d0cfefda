// Package envcmd holds the environment commands: env add, env checkout,
// env list and env remove. They parse flags, read the AMPLIFY_* variables
// and call package envs, which does the work.
package envcmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/envs"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/progress/awsreads"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/source"
)

// NewCmdEnv builds `ampgo env` and its subcommands.
func NewCmdEnv(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "env",
		Short: "Add, check out, list and remove environments",
		Long: `Environments (dev, staging, prod…) share the project's backend definition; each records
its own region and the Cognito resources its imported auth points at, which may differ per
environment and may live in another region than the project.`,
	}
	cmd.AddCommand(newCmdAdd(f, nil), newCmdCheckout(f, nil), newCmdList(f, nil), newCmdRemove(f, nil))
	return cmd
}

// inputFlags are the headless inputs env add and env checkout share.
type inputFlags struct {
	sel        cognito.Selection
	categories string
}

func (o *inputFlags) bind(fl *pflag.FlagSet) {
	fl.StringVar(&o.sel.UserPoolID, "user-pool-id", "", "user pool id, e.g. eu-west-1_AbC123xYz (AMPLIFY_USERPOOL_ID)")
	fl.StringVar(&o.sel.WebClientID, "web-client-id", "", "app client without a secret used by web apps (AMPLIFY_WEBCLIENT_ID)")
	fl.StringVar(&o.sel.NativeClientID, "native-client-id", "", "app client used by native apps; default: the web client (AMPLIFY_NATIVECLIENT_ID)")
	fl.StringVar(&o.sel.IdentityPoolID, "identity-pool-id", "", "identity pool id, required when auth includes one (AMPLIFY_IDENTITYPOOL_ID)")
	fl.StringVar(&o.categories, "categories", "", `Amplify headless JSON: '{"auth":{"userPoolId":…,"webClientId":…,"nativeClientId":…,"identityPoolId":…}}'`)
}

func (o *inputFlags) inputs() envs.Inputs {
	return envs.Inputs{Flags: o.sel, Categories: o.categories, Variables: envs.VariablesFrom(os.Getenv)}
}

const inputsHelp = `
Headless inputs, in this order of precedence (value by value): the flags, --categories in
Amplify's shape, then the variables AMPLIFY_USERPOOL_ID, AMPLIFY_WEBCLIENT_ID,
AMPLIFY_NATIVECLIENT_ID (optional: defaults to the web client) and AMPLIFY_IDENTITYPOOL_ID
(required when the auth resource includes an identity pool).`

// envOptions are the options of env add and env checkout: the
// environment's name and the headless inputs.
type envOptions struct {
	f    *cmdutil.Factory
	name string
	inputFlags
	// allowIncomplete (checkout) writes the config even when the
	// environment's stack lacks a category the project records.
	allowIncomplete bool
	// from (add) names a source to read the ids from (issue 15).
	from source.Flags
	spec *source.Spec
	// authMode (add) is --auth: same, import or managed (issue 14).
	authMode      string
	allowDeletion bool
}

// parse takes the environment's name and checks the headless inputs, before
// the project is opened or AWS is called (env add and env checkout).
func (o *envOptions) parse(_ *cobra.Command, args []string) error {
	o.name = args[0]
	return envs.CheckInputs(o.inputs())
}

// newCmdAdd builds `ampgo env add`; runF, when not nil, replaces the run
// function once the arguments are parsed and checked (tests).
func newCmdAdd(f *cmdutil.Factory, runF func(*envOptions) error) *cobra.Command {
	o := &envOptions{f: f}
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add an environment that uses the same or other Cognito resources, and check it out",
		Long: `Add an environment and make it the current one. When the project has imported auth, the
new environment uses the same Cognito resources as the current one (asked, default yes; --yes
takes it) or other ones, from the headless inputs or the import walkthrough. They pass every
import rule before anything is written; then the client config is written for them.` + inputsHelp,
		Example: `  ampgo env add staging --yes
  ampgo env add prod --region eu-west-1 --user-pool-id eu-west-1_AbC --web-client-id 4abc --identity-pool-id eu-west-1:1111-…
  AMPLIFY_USERPOOL_ID=… AMPLIFY_WEBCLIENT_ID=… AMPLIFY_IDENTITYPOOL_ID=… ampgo env add prod
  ampgo env add prod --from-stack auth-prod --yes
  ampgo env add prod --from-terraform-state ../infra/prod.tfstate --yes
  ampgo env add preview --auth managed --allow-user-pool-deletion --yes && ampgo push --yes`,
		Args: exactName,
		RunE: cmdutil.RunE(o, o.parseAdd, runF, addRun),
	}
	o.bind(cmd.Flags())
	fl := cmd.Flags()
	fl.StringVar(&o.authMode, "auth", "", "same: the current environment's Cognito resources; import: others (id flags, AMPLIFY_* variables, a --from-* source or the walkthrough); managed: new ones ampgo creates on the next push (default: same, asked)")
	fl.BoolVar(&o.allowDeletion, "allow-user-pool-deletion", false, "with --auth managed: the user pool is deleted with the environment's auth stack instead of retained")
	fl.StringVar(&o.from.Stack, "from-stack", "", "read the ids from a CloudFormation stack (CDK, SAM, Amplify) and its nested stacks; recorded for `ampgo auth refresh`")
	fl.StringVar(&o.from.TerraformState, "from-terraform-state", "", "read the ids from a Terraform state file or `terraform show -json` output ('-' for stdin)")
	fl.StringVar(&o.from.Outputs, "from-outputs", "", "read the ids from another app's amplify_outputs.json (Amplify Gen 2)")
	return cmd
}

// parseAdd is parse plus the --from-* flags; a relative file path is
// relative to the working directory, as the user typed it.
func (o *envOptions) parseAdd(cmd *cobra.Command, args []string) error {
	spec, err := o.from.Spec()
	if err != nil {
		return err
	}
	if spec != nil && spec.File != "" && spec.File != source.Stdin && !filepath.IsAbs(spec.File) && o.f.Dir != "" {
		spec.File = filepath.Join(o.f.Dir, spec.File)
	}
	if spec != nil && o.categories != "" {
		return exit.UsageErrorf("drop --categories or the --from-* flag", "--categories and a --from-* source both name the ids")
	}
	switch o.authMode {
	case "", envs.AuthSame, envs.AuthImport, envs.AuthManaged:
	default:
		return exit.UsageErrorf("use --auth same, import or managed", "unknown --auth %q", o.authMode)
	}
	if o.allowDeletion && o.authMode != envs.AuthManaged {
		return exit.UsageErrorf("add --auth managed, or drop --allow-user-pool-deletion", "--allow-user-pool-deletion applies to managed auth only")
	}
	if spec != nil && (o.authMode == envs.AuthManaged || o.authMode == envs.AuthSame) {
		return exit.UsageErrorf("drop the --from-* flag, or pass --auth import", "--auth %s takes no --from-* source", o.authMode)
	}
	o.spec = spec
	return o.parse(cmd, args)
}

// fromSource reads the --from-* source and puts its ids in the flags
// (explicit id flags win), so they go through env add's own checks and
// every import rule; it returns the write step that also records the
// source for the new environment, in the same save.
func (o *envOptions) fromSource(ctx context.Context, p *project.Project, cfg aws.Config, r *cognito.Reader) (project.ConfigWriter, error) {
	if o.spec == nil {
		return clientconfig.Stage, nil
	}
	a, ok := p.ImportedAuth()
	if !ok {
		return nil, exit.UsageErrorf("import auth first with `ampgo import auth --from-…`", "%s: this project has no imported auth", source.FlagNames[0])
	}
	withIP := a.Parameters.AuthSelections != project.UserPoolOnly && (a.Parameters.AuthSelections != "" || a.Env.IdentityPoolID != "")
	c, err := source.Choose(ctx, *o.spec, source.Input{Root: p.Root(), Stdin: o.f.In, Config: cfg, Client: r, Log: o.f.ErrOut,
		Request: source.Request{Given: o.sel, WithIdentityPool: withIP}})
	if err != nil {
		return nil, err
	}
	o.sel = c.Selection
	return recordingSource(o.name, c.Record), nil
}

// recordingSource is clientconfig.Stage that first records src for env
// (nil: nothing), after envs has recorded the ids (SetImportedAuth
// rewrites the whole auth entry) and before the one save.
func recordingSource(env string, src *project.AuthSource) project.ConfigWriter {
	if src == nil {
		return clientconfig.Stage
	}
	return func(p *project.Project) ([]string, error) {
		if err := p.SetEnvAuthSource(env, src); err != nil {
			return nil, err
		}
		return clientconfig.Stage(p)
	}
}

func addRun(ctx context.Context, o *envOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if err := envs.CheckNew(p, o.name); err != nil {
		return err // before any AWS config or call
	}
	// The new environment's profile and region default to the current one's.
	cur := p.CurrentEnv()
	cfg, err := f.EnvAWSConfig(ctx, p, cur)
	if err != nil {
		return err
	}
	reader := cognito.NewReader(cfg)
	write, err := o.fromSource(ctx, p, cfg, reader)
	if err != nil {
		return err
	}
	shown := progress.On(f.ErrOut, f.ErrIsTerminal)
	r := awsreads.Wrap(shown, reader)
	req := envs.Request{Name: o.name, Inputs: o.inputs(), Yes: f.Yes, Region: cfg.Region, Profile: f.EnvProfile(p, cur), Now: time.Now(),
		Stacks: awsreads.Stacks(shown, awsx.NewStacks(cfg)), AuthMode: o.authMode, AllowUserPoolDeletion: o.allowDeletion}
	res, err := envs.Add(ctx, p, chooser(f, r), r, write, req)
	if err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Environment %q added (region %s) and checked out.\n", res.Env, cfg.Region)
	report(f, res)
	return nil
}

// newCmdCheckout builds `ampgo env checkout`; runF, when not nil, replaces
// the run function once the arguments are parsed and checked (tests).
func newCmdCheckout(f *cmdutil.Factory, runF func(*envOptions) error) *cobra.Command {
	o := &envOptions{f: f}
	cmd := &cobra.Command{
		Use:   "checkout NAME",
		Short: "Switch to an environment: re-validate its Cognito resources and write its client config",
		Long: `Make NAME the current environment. Its recorded Cognito resources are read again and must
pass every import rule; then the client config is written for them. Only committed files
are needed, so on a fresh clone this is the CI build step, and it asks nothing:

  ampgo env checkout prod --yes

The outputs of storage and functions are read from the environment's stack
(cloudformation:DescribeStacks). A storage resource the project records but the environment has
not deployed is a warning naming what the config lacks and ` + "`ampgo push`" + `; without a
terminal (or with CI=true) it fails with exit 3 unless --allow-incomplete.

An environment without recorded resources takes them from the headless inputs or the
import walkthrough.` + inputsHelp,
		Args: exactName,
		RunE: cmdutil.RunE(o, o.parse, runF, checkoutRun),
	}
	o.bind(cmd.Flags())
	cmd.Flags().BoolVar(&o.allowIncomplete, "allow-incomplete", false,
		"write the config even when the environment has not deployed a category the project records (warning only)")
	return cmd
}

func checkoutRun(ctx context.Context, o *envOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if err := envs.CheckExists(p, o.name); err != nil {
		return err // before any AWS config or call
	}
	cfg, err := f.EnvAWSConfig(ctx, p, o.name)
	if err != nil {
		return err
	}
	// The reads show what they wait for on a terminal (issue 16).
	shown := progress.On(f.ErrOut, f.ErrIsTerminal)
	r := awsreads.Wrap(shown, cognito.NewReader(cfg))
	req := envs.Request{Name: o.name, Inputs: o.inputs(), Yes: f.Yes, Now: time.Now(),
		Stacks: awsreads.Stacks(shown, awsx.NewStacks(cfg)), FailIncomplete: !o.allowIncomplete && f.Headless()}
	// Checkout re-records the ids, which rewrites the auth entry: the
	// recorded source is put back with them.
	var src *project.AuthSource
	if s, ok := p.EnvAuthSource(o.name); ok {
		src = &s
	}
	res, err := envs.Checkout(ctx, p, chooser(f, r), r, recordingSource(o.name, src), req)
	if err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Switched to environment %q (region %s).\n", res.Env, p.EnvRegion(res.Env))
	report(f, res)
	return nil
}

// chooser is the import walkthrough for env add and env checkout. They keep
// the auth resource's kind and take no --user-pool-only: when no identity
// pool fits, the way out is to name one (issue 16).
func chooser(f *cmdutil.Factory, r importauth.Discovery) *importauth.Chooser {
	return &importauth.Chooser{Discovery: r, Prompter: f.Prompter(), Log: f.ErrOut,
		NoIdentityPool: "then pass its id with --identity-pool-id (this project's auth includes an identity pool, so every environment needs one)"}
}

// report tells the user what the environment now uses and what was written.
func report(f *cmdutil.Factory, res *envs.Result) {
	w := f.ErrOut
	if a := res.Auth; a != nil {
		writeAuth(w, a)
	}
	for _, file := range res.Files {
		fmt.Fprintf(w, "✔ Wrote %s\n", file)
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
}

func writeAuth(w io.Writer, a *project.ImportedAuth) {
	e := a.Env
	poolRegion, _ := ids.UserPoolRegion(e.UserPoolID)
	fmt.Fprintf(w, "✔ Auth %q uses user pool %s (%s, region %s), web client %s, native client %s",
		a.Name, e.UserPoolID, e.UserPoolName, poolRegion, e.WebClientID, e.NativeClientID)
	if e.IdentityPoolID != "" {
		ipRegion, _ := ids.IdentityPoolRegion(e.IdentityPoolID)
		fmt.Fprintf(w, ", identity pool %s (region %s)", e.IdentityPoolID, ipRegion)
	}
	fmt.Fprintln(w, ".")
}

// exactName accepts exactly one environment name.
func exactName(cmd *cobra.Command, args []string) error {
	if len(args) == 1 {
		return nil
	}
	if len(args) > 1 {
		return exit.UsageErrorf("see `"+cmd.CommandPath()+" --help`", "%s takes one environment name, got %d arguments (unexpected %q)", cmd.CommandPath(), len(args), args[1])
	}
	return exit.UsageErrorf("see `"+cmd.CommandPath()+" --help`", "%s takes one environment name, got none", cmd.CommandPath())
}
