// Package projectcmd holds the project-level commands: init, status, push
// and generate config.
package projectcmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
	"github.com/ampgo/ampgo/internal/regions"
)

type initOptions struct {
	f         *cmdutil.Factory
	project   string
	env       string
	frontend  string
	sourceDir string
	region    string // asked for when neither --region nor the SDK chain gives one
	profile   string
}

// NewCmdInit builds `ampgo init`. runF, when not nil, replaces the run
// function once the flags are parsed and checked (tests: flags → options).
func NewCmdInit(f *cmdutil.Factory, runF func(*initOptions) error) *cobra.Command {
	o := &initOptions{f: f}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create an ampgo (Amplify Gen 1 layout) project in the current folder",
		Args:  cmdutil.NoArgs,
		RunE:  cmdutil.RunE(o, o.parse, runF, initRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.project, "project", "", "project name (default: the folder's name)")
	fl.StringVar(&o.env, "env", "", "first environment's name (default dev)")
	fl.StringVar(&o.frontend, "frontend", "", "javascript, android, ios or flutter (default javascript)")
	fl.StringVar(&o.sourceDir, "source-dir", "", "where the javascript client config goes (default src)")
	return cmd
}

func initRun(ctx context.Context, o *initOptions) error {
	if err := checkNoProject(o.f.Dir); err != nil {
		return err
	}
	if err := o.ask(); err != nil {
		return prompt.AsExitError(err, "--project, --env, --region, --profile, --frontend and --source-dir")
	}
	cfg, err := o.f.AWSConfig(ctx, o.profile, o.region)
	if err != nil {
		return err
	}
	if o.region == "" {
		// The SDK chain gave the region (AWS_REGION or the profile): check
		// it as --region is checked, before it is recorded in the project.
		if err := checkRegion(cfg.Region, "from AWS_REGION or the profile's region; pass --region to choose another"); err != nil {
			return err
		}
	}
	caller, err := awsx.CallerIdentity(ctx, cfg)
	if err != nil {
		return err
	}
	if _, err := project.Init(o.f.Dir, project.InitOptions{
		ProjectName: o.project, Env: o.env, Region: cfg.Region, Profile: o.profile,
		Frontend: o.frontend, SourceDir: o.sourceDir,
	}); err != nil {
		return err
	}
	w := o.f.ErrOut
	fmt.Fprintf(w, "✔ Project %q initialized with environment %q in %s (account %s).\n", o.project, o.env, cfg.Region, caller.Account)
	fmt.Fprintf(w, "Next steps:\n- `ampgo import auth` to bring in an existing Cognito user pool\n- `ampgo push` to finish the import and write the client config\n")
	return nil
}

// checkNoProject fails as project.Init would (*project.ProjectExistsError),
// but before the first question: answering six questions to learn that the
// folder already holds a project wasted them (issue 16). Init still makes
// the atomic check when it writes.
func checkNoProject(dir string) error {
	amp := filepath.Join(dir, "amplify")
	if _, err := os.Lstat(amp); err == nil {
		if abs, err := filepath.Abs(amp); err == nil {
			amp = abs
		}
		return &project.ProjectExistsError{Dir: amp}
	}
	return nil
}

// parse checks the flags that were given, every problem at once, before
// anything is asked; the names follow the rules of package project, and
// --region must be a region where Cognito exists.
func (o *initOptions) parse(*cobra.Command, []string) error {
	var errs []error
	if o.f.Region != "" {
		errs = append(errs, checkRegion(o.f.Region, ""))
	}
	if o.frontend != "" && !slices.Contains(project.Frontends, o.frontend) {
		errs = append(errs, exit.UsageErrorf("use one of: "+strings.Join(project.Frontends, ", "), "unknown --frontend %q", o.frontend))
	}
	if o.project != "" {
		errs = append(errs, project.ValidateProjectName(o.project))
	}
	if o.env != "" {
		errs = append(errs, project.ValidateEnvName(o.env))
	}
	return errors.Join(errs...)
}

func (o *initOptions) ask() error {
	p := o.f.Prompter()
	var err error
	if o.project == "" {
		def := project.NormalizeProjectName(filepath.Base(o.f.Dir))
		if o.project, err = askOr(p, "Enter a name for the project", def, project.ValidateProjectName); err != nil {
			return err
		}
	}
	if o.env == "" {
		if o.env, err = askOr(p, "Enter a name for the environment", "dev", project.ValidateEnvName); err != nil {
			return err
		}
	}
	if err := o.askAWS(p); err != nil {
		return err
	}
	if o.frontend == "" {
		o.frontend = project.FrontendJavaScript
		if p.Interactive() {
			opts := make([]prompt.Option, len(project.Frontends))
			for i, fe := range project.Frontends {
				opts[i] = prompt.Option{Label: fe, Value: fe}
			}
			if o.frontend, err = p.Select("Choose the type of app that you're building", opts, false); err != nil {
				return err
			}
		}
	}
	if o.sourceDir == "" {
		o.sourceDir = project.DefaultSourceDir
		if o.frontend == project.FrontendJavaScript {
			o.sourceDir, err = askOr(p, "Source directory path", project.DefaultSourceDir, nil)
		}
	}
	return err
}

// askAWS asks for the profile and region on a terminal when no flag gave
// them; the defaults come from AWS_PROFILE and AWS_REGION.
func (o *initOptions) askAWS(p prompt.Prompter) error {
	o.profile, o.region = o.f.Profile, o.f.Region
	if !p.Interactive() {
		return nil
	}
	var err error
	if o.profile == "" {
		o.profile, err = p.Input("AWS profile (empty: the default credentials chain)", os.Getenv("AWS_PROFILE"), nil)
		if err != nil {
			return err
		}
	}
	if o.region == "" {
		if o.region, err = prompt.Choose(p, regionChoice(os.Getenv("AWS_REGION"))); err != nil {
			return err
		}
		return checkRegion(o.region, "")
	}
	return nil
}

// regionChoice is the list of Cognito's regions, filtered as one types a
// code or a city. def (AWS_REGION, else us-east-1) comes first, so enter
// alone takes it, as the text question did.
func regionChoice(def string) prompt.Choice {
	if !regions.Known(def) {
		def = "us-east-1"
	}
	opts := []prompt.Option{}
	for _, r := range regions.Cognito {
		o := prompt.Option{Label: r.Code + "  " + r.Name, Value: r.Code}
		if r.Code == def {
			opts = append([]prompt.Option{o}, opts...)
			continue
		}
		opts = append(opts, o)
	}
	return prompt.Choice{Title: "AWS region", Options: opts, Filter: true, Noun: "region"}
}

// checkRegion refuses a region where Cognito has no user pools (a typo such
// as us-est-1 is well formed) with exit 2 and the closest known region;
// from, when set, says where the region came from and how to give another.
func checkRegion(region, from string) error {
	if err := project.ValidateRegion(region); err != nil {
		return err
	}
	if regions.Known(region) {
		return nil
	}
	hint := fmt.Sprintf("did you mean %s? (ampgo knows the %d regions where Amazon Cognito user pools exist)", regions.Closest(region), len(regions.Cognito))
	if from != "" {
		return exit.UsageErrorf(hint, "unknown region %q (%s)", region, from)
	}
	return exit.UsageErrorf(hint, "unknown region %q", region)
}

// askOr asks when it can and otherwise takes the default.
func askOr(p prompt.Prompter, title, def string, validate func(string) error) (string, error) {
	if !p.Interactive() {
		return def, nil
	}
	return p.Input(title, def, validate)
}
