// Package projectcmd holds the project-level commands: init, status, push.
package projectcmd

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
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

var frontends = []string{"javascript", "android", "ios", "flutter"}

// NewCmdInit builds `ampgo init`.
func NewCmdInit(f *cmdutil.Factory, runF func(*initOptions) error) *cobra.Command {
	o := &initOptions{f: f}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create an ampgo (Amplify Gen 1 layout) project in the current folder",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return initRun(cmd, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.project, "project", "", "project name (default: the folder's name)")
	fl.StringVar(&o.env, "env", "", "first environment's name (default dev)")
	fl.StringVar(&o.frontend, "frontend", "", "javascript, android, ios or flutter (default javascript)")
	fl.StringVar(&o.sourceDir, "source-dir", "", "where the javascript client config goes (default src)")
	return cmd
}

func initRun(cmd *cobra.Command, o *initOptions) error {
	if err := o.validate(); err != nil {
		return err
	}
	if err := o.ask(); err != nil {
		return prompt.AsExitError(err, "--project, --env, --region, --profile, --frontend and --source-dir")
	}
	ctx := cmd.Context()
	cfg, err := o.f.AWSConfig(ctx, o.profile, o.region)
	if err != nil {
		return err
	}
	caller, err := awsx.CallerIdentity(ctx, cfg)
	if err != nil {
		return err
	}
	p, err := project.Init(o.f.Dir, project.InitOptions{
		ProjectName: o.project, Env: o.env, Region: cfg.Region, Profile: o.profile,
		Frontend: o.frontend, SourceDir: o.sourceDir,
	})
	if err != nil {
		return err
	}
	w := o.f.ErrOut
	fmt.Fprintf(w, "✔ Project %q initialized with environment %q in %s (account %s).\n", o.project, o.env, cfg.Region, caller.Account)
	fmt.Fprintf(w, "Next steps:\n- `ampgo import auth` to bring in an existing Cognito user pool\n- `ampgo push` to finish the import and write the client config\n")
	_ = p
	return nil
}

var namePattern = regexp.MustCompile(`^[a-zA-Z0-9]{3,20}$`)

func (o *initOptions) validate() error {
	if o.frontend != "" && !contains(frontends, o.frontend) {
		return exit.UsageErrorf("use one of: "+strings.Join(frontends, ", "), "unknown --frontend %q", o.frontend)
	}
	if o.project != "" && !namePattern.MatchString(o.project) {
		return exit.UsageErrorf("use 3-20 letters or digits, e.g. --project myapp", "invalid --project %q", o.project)
	}
	if o.env != "" && !project.ValidEnvName(o.env) {
		return exit.UsageErrorf("use 2-10 lower-case letters, e.g. --env dev", "invalid --env %q", o.env)
	}
	return nil
}

func (o *initOptions) ask() error {
	p := o.f.Prompter()
	def := defaultProjectName(o.f.Dir)
	var err error
	if o.project == "" {
		o.project, err = askOr(p, "Enter a name for the project", def, func(s string) error {
			if !namePattern.MatchString(s) {
				return fmt.Errorf("use 3-20 letters or digits")
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if o.env == "" {
		if o.env, err = askOr(p, "Enter a name for the environment", "dev", nil); err != nil {
			return err
		}
	}
	if err := o.askAWS(p); err != nil {
		return err
	}
	if o.frontend == "" {
		o.frontend = "javascript"
		if p.Interactive() {
			opts := make([]prompt.Option, len(frontends))
			for i, fe := range frontends {
				opts[i] = prompt.Option{Label: fe, Value: fe}
			}
			if o.frontend, err = p.Select("Choose the type of app that you're building", opts, false); err != nil {
				return err
			}
		}
	}
	if o.sourceDir == "" {
		o.sourceDir = "src"
		if o.frontend == "javascript" {
			o.sourceDir, err = askOr(p, "Source directory path", "src", nil)
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
		def := os.Getenv("AWS_REGION")
		if def == "" {
			def = "us-east-1"
		}
		o.region, err = p.Input("AWS region", def, func(s string) error { return project.ValidateRegion(s) })
	}
	return err
}

// askOr asks when it can and otherwise takes the default.
func askOr(p prompt.Prompter, title, def string, validate func(string) error) (string, error) {
	if !p.Interactive() {
		return def, nil
	}
	return p.Input(title, def, validate)
}

// defaultProjectName derives a valid project name from the folder name.
func defaultProjectName(dir string) string {
	name := regexp.MustCompile(`[^a-zA-Z0-9]`).ReplaceAllString(filepath.Base(dir), "")
	if len(name) > 20 {
		name = name[:20]
	}
	if len(name) < 3 {
		name = "ampgoapp"
	}
	return name
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
