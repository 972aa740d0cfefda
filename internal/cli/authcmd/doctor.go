package authcmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/doctor"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/project"
)

type doctorOptions struct {
	f           *cmdutil.Factory
	userPoolID  string
	concurrency int
}

// NewCmdDoctor builds `ampgo doctor auth`. runF, when not nil, replaces the
// run function once the flags are parsed and checked (tests: flags →
// options).
func NewCmdDoctor(f *cmdutil.Factory, runF func(*doctorOptions) error) *cobra.Command {
	o := &doctorOptions{f: f}
	doc := &cobra.Command{Use: "doctor", Short: "Check existing resources and your permissions, with a fix for every problem"}
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Say which user pools of the region can be imported, and what to fix in the others",
		Long: `Read every user pool of the region (or the one --user-pool-id names), each app
client, each identity pool that lists the pool and its two roles, and judge them with
the rules of ` + "`ampgo import auth`" + ` plus: trust policies, required attributes vs social
sign-in, alias attributes, a hosted-UI domain for identity providers, callback and
sign-out URLs, guest access, and the caller's own read permissions (with the IAM
policy that grants the denied ones).

Text output: one line per pool (on a terminal as soon as it is judged; piped, grouped
by verdict and sorted by name), then the findings with their fixes, a finding that
several pools share printed once with the pools that have it. --output json prints one report (schema: docs/doctor-schema.json). Nothing in
AWS is changed; the exit code is 0 whenever the check ran, whatever it found. When
the region's user pools or identity pools cannot be listed it is 4 (access denied)
or 1, with a fix; the report is still printed when only the identity pools failed,
with "User Pool and Identity Pool" unknown (null in JSON).
Inside a project the environment's region and profile are the defaults, and guest
access off is an error when a storage resource gives guests access.`,
		Example: `  ampgo doctor auth --region eu-west-1
  ampgo doctor auth --user-pool-id eu-west-1_AbC123xYz --output json`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, doctorRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.userPoolID, "user-pool-id", "", "check only this user pool (no ListUserPools call)")
	fl.IntVar(&o.concurrency, "concurrency", doctor.DefaultConcurrency, "most AWS calls in flight at once")
	doc.AddCommand(cmd)
	return doc
}

// parse checks doctor's own flags; --output and --region were checked by
// the root command.
func (o *doctorOptions) parse(*cobra.Command, []string) error {
	if err := cmdutil.CheckIDs(cmdutil.ID{Name: "--user-pool-id", Value: o.userPoolID, Check: ids.UserPoolID}); err != nil {
		return err
	}
	if o.concurrency < 1 {
		return exit.UsageErrorf("pass --concurrency 1 or more", "invalid --concurrency %d", o.concurrency)
	}
	return nil
}

func doctorRun(ctx context.Context, o *doctorOptions) error {
	f := o.f
	profile, region, guests, err := projectDefaults(f)
	if err != nil {
		return err
	}
	cfg, err := f.AWSConfig(ctx, profile, region)
	if err != nil {
		return err
	}
	opts := doctor.Options{Region: cfg.Region, UserPoolID: o.userPoolID, GuestAccessNeededBy: guests, Concurrency: o.concurrency}
	// On a terminal each pool's line appears as soon as it is judged
	// (completion order); piped, the lines come at the end, grouped by
	// verdict and sorted by name, so two runs diff cleanly (issue 16).
	streamed := !f.JSON() && f.OutIsTerminal != nil && f.OutIsTerminal()
	if !f.JSON() {
		fmt.Fprintf(f.ErrOut, "Checking Cognito user pools in %s (at most %d calls at a time)…\n", cfg.Region, o.concurrency)
	}
	label := "checking user pools in " + cfg.Region
	if o.userPoolID != "" {
		label = "checking user pool " + o.userPoolID
	}
	sp := progress.Start(progress.On(f.ErrOut, f.ErrIsTerminal), label+"…")
	defer sp.Stop()
	// The streamed lines go through the spinner's writer: stdout and
	// stderr are usually the same terminal, and a line must not land
	// behind the spinner.
	out, judged := sp.Writer(f.Out), 0
	onPool := func(p doctor.PoolReport) { // called one at a time
		judged++
		sp.SetLabel(fmt.Sprintf("%s (%d judged)…", label, judged))
		if streamed {
			fmt.Fprintln(out, doctor.PoolLine(p))
		}
	}
	rep, err := doctor.Diagnose(ctx, cfg, opts, onPool)
	sp.Stop()
	if err != nil {
		return err
	}
	if f.JSON() {
		if err := f.PrintJSON(rep); err != nil {
			return err
		}
		return rep.Err()
	}
	doctor.WriteText(f.Out, rep, streamed)
	return rep.Err()
}

// projectDefaults returns the current environment's profile and region and
// the storage resources and REST APIs that give guests access, when ampgo
// runs inside a
// project. Doctor works anywhere, so no project means no defaults; but a
// project that is there is opened like status opens it (shared lock, an
// interrupted save completed first), and one that cannot be opened is an
// error: doctor must not silently check another account or region than the
// environment's.
func projectDefaults(f *cmdutil.Factory) (profile, region string, guests []string, err error) {
	p, release, err := f.OpenProjectReadOnly()
	if errors.Is(err, project.ErrNoProject) {
		return "", "", nil, nil
	}
	if err != nil {
		return "", "", nil, err
	}
	defer release()
	env := p.CurrentEnv()
	storages, _, err := p.StorageResources()
	if err == nil {
		for _, s := range storages {
			if len(s.GuestAccess) > 0 {
				guests = append(guests, project.CategoryStorage+"/"+s.Name)
			}
		}
	}
	apis, _, err := p.RestAPIs()
	if err == nil {
		for _, a := range apis {
			for _, path := range a.Paths {
				if len(path.GuestAccess) > 0 {
					guests = append(guests, project.CategoryAPI+"/"+a.Name)
					break
				}
			}
		}
	}
	return p.EnvProfile(env), p.EnvRegion(env), guests, nil
}
