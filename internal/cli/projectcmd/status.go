package projectcmd

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/drift"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/source"
)

type statusOptions struct {
	f        *cmdutil.Factory
	offline  bool
	exitCode bool
}

// NewCmdStatus builds `ampgo status`. runF, when not nil, replaces the run
// function once the flags are parsed (tests: flags → options).
func NewCmdStatus(f *cmdutil.Factory, runF func(*statusOptions) error) *cobra.Command {
	o := &statusOptions{f: f}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show what is local vs deployed for the current environment, and drift of imported auth",
		Long: `Show each resource of the current environment with its pending operation (Import,
Unlink, Create, Update, Delete, No Change). Storage and functions are compared with the
current environment's stack with push's own plan (its template and each function's code
hash), so status agrees with ` + "`push --dry-run`" + `; --offline compares them with what this
machine last pushed instead, and says so.

When auth is imported and pushed, status also reads the imported Cognito resources
(read calls only) and lists every difference from what the last push, refresh or
update recorded: field, recorded value, live value, and anything deleted. This needs
AWS credentials; --offline skips it and shows the local status only.

With --exit-code, status exits 5 when there is something to push (a resource whose
operation is not No Change, or an interrupted deploy) or drift, and 0 when there is
neither; the output is the same (text or --output json). With --offline, drift is not
read and does not count.`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, nil, runF, statusRun),
	}
	cmd.Flags().BoolVar(&o.offline, "offline", false, "do not read AWS: skip the drift check and compare with what was last pushed from here, not the stack")
	cmd.Flags().BoolVar(&o.exitCode, "exit-code", false, "exit 5 when there are changes to push or drift, 0 when there are none")
	return cmd
}

func statusRun(ctx context.Context, o *statusOptions) error {
	f := o.f
	p, release, err := f.OpenProjectReadOnly()
	if err != nil {
		return err
	}
	defer release()
	rows := p.Status()
	// An interrupted deploy first: the stack's real state (issue 10).
	inflight, err := checkInflight(ctx, f, p, o.offline)
	if err != nil {
		return err
	}
	var dr *drift.Report
	var pl *deploy.Plan
	if !o.offline {
		if rows, pl, err = stackRows(ctx, f, p, rows); err != nil {
			return err
		}
		if dr, err = checkDrift(ctx, f, p); err != nil {
			return err
		}
	}
	if f.JSON() {
		if err := f.PrintJSON(statusJSON{Env: p.CurrentEnv(), Resources: rows, ComparedWith: comparedWith(o.offline), Plan: pl,
			Drift: dr, InterruptedDeploy: inflight}); err != nil {
			return err
		}
		return o.pendingError(rows, dr, inflight)
	}
	if err := writeStatus(f, p.CurrentEnv(), rows, dr); err != nil {
		return err
	}
	if o.offline && hasStackRows(rows) {
		fmt.Fprintln(f.ErrOut, "\nStorage and functions compared with what this machine last pushed (--offline), not with the environment's stack.")
	}
	writeInflight(f.Out, f.ErrOut, p.CurrentEnv(), inflight)
	return o.pendingError(rows, dr, inflight)
}

// statusJSON is `ampgo status --output json`; drift is null when the
// project has no imported auth or --offline was given; interruptedDeploy is
// null unless a push was interrupted after a deploy write was sent.
type statusJSON struct {
	Env       string                   `json:"env"`
	Resources []project.ResourceStatus `json:"resources"`
	// ComparedWith is what storage and function rows were compared with:
	// "stack" (the environment's deployed stack) or "local" (--offline).
	ComparedWith string `json:"comparedWith"`
	// Plan is the stack plan `push --dry-run` prints; null offline or when
	// there is nothing to deploy.
	Plan              *deploy.Plan          `json:"plan"`
	Drift             *drift.Report         `json:"drift"`
	InterruptedDeploy *deploy.InflightState `json:"interruptedDeploy"`
}

// stackRows compares storage and functions with the current environment's
// stack, with push's own plan (read calls only), so status and
// `push --dry-run` always agree (issue 11).
func stackRows(ctx context.Context, f *cmdutil.Factory, p *project.Project, rows []project.ResourceStatus) ([]project.ResourceStatus, *deploy.Plan, error) {
	if len(rows) == 0 && !p.HasDeployedResources() {
		return rows, nil, nil
	}
	cfg, err := f.EnvAWSConfig(ctx, p, p.CurrentEnv())
	if err != nil {
		return nil, nil, offlineHint(err)
	}
	pl, err := deploy.Preview(ctx, p, deploy.NewCloud(cfg), f.ErrOut)
	if err != nil {
		return nil, nil, offlineHint(err)
	}
	rows, err = deploy.StatusRows(p, rows, pl)
	return rows, pl, err
}

// hasStackRows reports whether a row is a resource of ampgo's stack.
func hasStackRows(rows []project.ResourceStatus) bool {
	for _, r := range rows {
		if project.InStack(r.Category) {
			return true
		}
	}
	return false
}

func comparedWith(offline bool) string {
	if offline {
		return "local"
	}
	return "stack"
}

// checkDrift compares imported auth with the live resources; AWS config is
// built only when there is something to compare.
func checkDrift(ctx context.Context, f *cmdutil.Factory, p *project.Project) (*drift.Report, error) {
	dr, err := drift.Check(ctx, p, func() (drift.SnapshotReader, error) {
		cfg, err := f.EnvAWSConfig(ctx, p, p.CurrentEnv())
		if err != nil {
			return nil, err
		}
		return cognito.NewReader(cfg), nil
	}, drift.WithStacks(func() (source.StackAPI, error) {
		cfg, err := f.EnvAWSConfig(ctx, p, p.CurrentEnv())
		if err != nil {
			return nil, err
		}
		return source.NewStackAPI(cfg), nil
	}))
	return dr, offlineHint(err)
}

// offlineHint adds `ampgo status --offline` to the fix of a credentials
// error (exit 4): status can still show the local state without AWS.
func offlineHint(err error) error {
	if exit.Code(err) != exit.Credentials {
		return err
	}
	hint := "run `ampgo status --offline` to see the local status without reading AWS"
	if h := exit.Hint(err); h != "" {
		hint = h + "; or " + hint
	}
	return &exit.Error{Code: exit.Credentials, Err: err, Fix: hint}
}

func writeStatus(f *cmdutil.Factory, env string, rows []project.ResourceStatus, dr *drift.Report) error {
	fmt.Fprintf(f.ErrOut, "Current Environment: %s\n\n", env)
	tw := tabwriter.NewWriter(f.Out, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "Category\tResource name\tOperation\tProvider plugin")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Category, r.ResourceName, r.Operation, r.ProviderPlugin)
	}
	if len(rows) == 0 {
		fmt.Fprintln(f.ErrOut, "No resources. Run `ampgo import auth` to import existing Cognito resources.")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if dr != nil {
		return writeDrift(f.Out, f.ErrOut, dr)
	}
	return nil
}

// writeDrift prints the drift table on out and what to do on errOut.
func writeDrift(out, errOut io.Writer, dr *drift.Report) error {
	switch {
	case !dr.Checked:
		fmt.Fprintf(errOut, "\nDrift of %s not checked: %s\n", dr.Resource, dr.Reason)
		return nil
	case len(dr.Changes) == 0:
		fmt.Fprintf(errOut, "\n✔ No drift: the live Cognito resources of %s match what was recorded.\n", dr.Resource)
		return nil
	}
	against := "the last push, refresh or update"
	if dr.Against == drift.AgainstRecorded {
		against = "the recorded settings (no fingerprint yet)"
	}
	fmt.Fprintf(out, "\nDrift of %s (live vs %s):\n", dr.Resource, against)
	// The same table push shows when it refuses to write a stale config.
	if err := drift.WriteTable(out, dr.Changes, 0); err != nil {
		return err
	}
	fmt.Fprintln(errOut, "\nTo take the live settings: `ampgo auth refresh`. To re-point a deleted or replaced client or identity pool: "+
		"`ampgo auth update --web-client-id NEW` (or --native-client-id, --identity-pool-id).")
	return nil
}
