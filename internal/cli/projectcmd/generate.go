package projectcmd

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

type generateConfigOptions struct {
	f             *cmdutil.Factory
	format        string
	out           string
	includeSecret bool
	// allowIncomplete writes the config even when the environment's stack
	// lacks a category the project records (then only a warning).
	allowIncomplete bool

	// fm is --format, checked.
	fm clientconfig.Format
}

// NewCmdGenerate builds `ampgo generate` and its `config` subcommand. runF,
// when not nil, replaces the run function of `config` once the flags are
// parsed and checked (tests: flags → options).
func NewCmdGenerate(f *cmdutil.Factory, runF func(*generateConfigOptions) error) *cobra.Command {
	gen := &cobra.Command{
		Use:   "generate",
		Short: "Generate files from the project state",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exit.UsageErrorf("run `ampgo generate config` (see `ampgo generate --help`)", "missing what to generate")
		},
	}
	o := &generateConfigOptions{f: f}
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Write the client config files of the frontend from the project state",
		Long: "Renders the client config the Amplify libraries load from the recorded (pushed) project state: " +
			"aws-exports.js and amplifyconfiguration.json (javascript), " +
			"amplifyconfiguration.json and awsconfiguration.json (android, ios), amplifyconfiguration.dart " +
			"(flutter), and amplify_outputs.json (every frontend). It is offline when amplify-meta.json " +
			"records the outputs of every storage resource; when some are missing (a fresh clone, another " +
			"environment checked out) it reads them from the environment's stack (cloudformation:DescribeStacks, " +
			"read-only). A storage resource that environment has not deployed is a warning, and without a " +
			"terminal a failure (exit 3) unless --allow-incomplete. With --include-client-secret it reads the " +
			"native app client's secret from Cognito and writes it into the native files.",
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, generateConfigRun),
	}
	formats := make([]string, len(clientconfig.Formats))
	for i, fm := range clientconfig.Formats {
		formats[i] = string(fm)
	}
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", string(clientconfig.FormatAll), "which files: "+strings.Join(formats, ", "))
	fl.StringVar(&o.out, "out", "", "write the files into this folder (by base name) instead of the project; - prints one file to stdout")
	fl.BoolVar(&o.includeSecret, "include-client-secret", false,
		"read the native app client's secret from Cognito and write it into the native configs (ships a secret inside the app)")
	fl.BoolVar(&o.allowIncomplete, "allow-incomplete", false,
		"write the config even when the environment has not deployed a category the project records (warning only)")
	gen.AddCommand(cmd)
	return gen
}

func generateConfigRun(ctx context.Context, o *generateConfigOptions) error {
	f := o.f
	// Writing into the project needs the exclusive lock; --out - and
	// --out DIR only read it, so they also work in a read-only checkout.
	open := f.OpenProject
	if o.out != "" {
		open = f.OpenProjectReadOnly
	}
	p, release, err := open()
	if err != nil {
		return err
	}
	defer release()
	if err := clientconfig.CheckPushed(p); err != nil {
		return err
	}
	if err := o.readDeployed(ctx, p); err != nil {
		return err
	}
	c, err := clientconfig.ForProject(p)
	if err != nil {
		return err
	}
	if o.includeSecret {
		if err := o.addSecret(ctx, p, &c); err != nil {
			return err
		}
	}
	files, err := clientconfig.Render(p, c, o.fm)
	if err != nil {
		return err
	}
	for _, w := range clientconfig.Warnings(c, p.Config().Frontend, files) {
		fmt.Fprintf(f.ErrOut, "warning: %s\n", w)
	}
	written, err := o.write(p, files)
	if err != nil {
		return err
	}
	if f.JSON() && o.out != "-" {
		return f.PrintJSON(map[string]any{"files": written})
	}
	return nil
}

// parse checks the flags before anything is read.
func (o *generateConfigOptions) parse(*cobra.Command, []string) error {
	for _, fm := range clientconfig.Formats {
		if string(fm) == o.format {
			o.fm = fm
			return nil
		}
	}
	var names []string
	for _, fm := range clientconfig.Formats {
		names = append(names, string(fm))
	}
	return exit.UsageErrorf("use one of: "+strings.Join(names, ", "), "unknown --format %q", o.format)
}

// readDeployed keeps generate offline when amplify-meta.json records every
// storage's outputs; otherwise it reads them from the environment's stack
// (DescribeStacks only), as `env checkout` does (issue 11).
func (o *generateConfigOptions) readDeployed(ctx context.Context, p *project.Project) error {
	complete, err := deploy.RecordedComplete(p)
	if err != nil || complete {
		return err
	}
	cfg, err := o.f.EnvAWSConfig(ctx, p, p.CurrentEnv())
	if err != nil {
		return err
	}
	d, err := deploy.ReadDeployed(ctx, p, awsx.NewStacks(cfg), time.Now())
	if err != nil {
		return err
	}
	if d.Incomplete() && !o.allowIncomplete && o.f.Headless() {
		return d.IncompleteError()
	}
	for _, w := range d.Warnings() {
		fmt.Fprintf(o.f.ErrOut, "warning: %s\n", w)
	}
	return nil
}

// addSecret is --include-client-secret: package clientconfig decides
// whether the files may carry a secret and reads it, the only AWS call of
// this command, made only on the user's explicit request.
func (o *generateConfigOptions) addSecret(ctx context.Context, p *project.Project, c *clientconfig.Config) error {
	found, err := clientconfig.AddNativeSecret(ctx, p.Config().Frontend, o.fm, c, func() (clientconfig.SecretReader, error) {
		cfg, err := o.f.EnvAWSConfig(ctx, p, p.CurrentEnv())
		if err != nil {
			return nil, err
		}
		return cognito.NewReader(cfg), nil
	})
	if err != nil {
		return err
	}
	if !found {
		fmt.Fprintf(o.f.ErrOut, "note: native app client %s has no secret, so there is none to include (which is the recommended setup)\n", c.Auth.NativeAppClientID())
		return nil
	}
	fmt.Fprintln(o.f.ErrOut, clientconfig.SecretWarning)
	return nil
}

// write puts the files into the project (atomically, with the lock held),
// into --out DIR by base name, or onto stdout with --out -.
func (o *generateConfigOptions) write(p *project.Project, files []clientconfig.File) ([]string, error) {
	var written []string
	switch o.out {
	case "":
		for _, file := range files {
			if err := p.StageFile(file.Path, file.Data, 0o644); err != nil {
				return nil, err
			}
			written = append(written, file.Path)
		}
		if err := p.Save(); err != nil {
			return nil, err
		}
	case "-":
		if len(files) != 1 {
			return nil, exit.UsageErrorf("pick one file with --format (e.g. --format outputs), or use --out DIR",
				"--out - prints one file, but --format %s selects %d", o.format, len(files))
		}
		_, err := o.f.Out.Write(files[0].Data)
		return nil, err
	default:
		for _, file := range files {
			dest := filepath.Join(o.out, path.Base(file.Path))
			if err := project.WriteFileAtomic(dest, file.Data, 0o644); err != nil {
				return nil, fmt.Errorf("write %s: %w", dest, err)
			}
			written = append(written, dest)
		}
	}
	for _, w := range written {
		fmt.Fprintf(o.f.ErrOut, "✔ Wrote %s\n", w)
	}
	return written, nil
}
