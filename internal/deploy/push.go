// Package deploy completes what the project has planned: for imported auth
// that means checking the recorded resources still exist, marking the
// import or unlink done and regenerating the client config; for storage and
// functions it synthesizes the environment's CloudFormation stack, plans it
// against the deployed one, and deploys it with progress; for managed auth
// it deploys the environment's auth stack before (authstack.go). An
// import-only project reads its stack once and writes nothing to AWS.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/drift"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// SnapshotReader reads the imported resources (and, for managed auth,
// checks the created ones with every import rule).
type SnapshotReader = importauth.Reader

// Option changes what Push does.
type Option func(*options)

type options struct {
	cloud    *Cloud
	planOut  io.Writer
	planJSON bool
	confirm  func() error
}

// WithCloud gives Push the AWS clients that deploy storage and functions.
func WithCloud(c *Cloud) Option { return func(o *options) { o.cloud = c } }

// DryRun makes Push print the plan on out (as JSON with asJSON) and change
// nothing, neither in AWS nor in the project.
func DryRun(out io.Writer, asJSON bool) Option {
	return func(o *options) { o.planOut, o.planJSON = out, asJSON }
}

// ConfirmFirst makes Push print the plan on the log exactly as a dry run
// prints it (the same renderer), then call ask before any AWS write; an
// error from ask stops the push with nothing changed.
func ConfirmFirst(ask func() error) Option { return func(o *options) { o.confirm = ask } }

// Push completes imports and unlinks of the current environment, deploys
// its stack (storage and functions), records the outputs and writes the
// client config, as one atomic project save after the deploy succeeded. An
// environment whose auth ampgo manages gets its auth stack deployed first
// (its resources checked with every import rule and recorded like an
// import), and the auth stack of removed managed auth deleted last: a
// failed deploy leaves the project files as they were. Before each AWS
// write it records the deploy in flight (project.InflightFile), and an
// interrupt after one gives an *InterruptedError; a push that finds such a
// record first reads (and, while it runs, waits for) the stack's real state,
// and removes the record once the outcome is saved.
func Push(ctx context.Context, p *project.Project, r SnapshotReader, write project.ConfigWriter, log io.Writer, now time.Time, opts ...Option) error {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	rec, err := reconcile(ctx, p, o.cloud, log, o.planOut == nil)
	if err != nil {
		return err
	}
	ad, err := prepareAuth(ctx, p, o.cloud, log)
	if err != nil {
		return err
	}
	var d *deployment
	switch {
	case ad == nil || ad.removed:
		d, err = prepareEnv(ctx, p, r, o.cloud, log)
	case !ad.pending:
		// Managed auth is checked and recorded again once its stack is
		// deployed (a change of it is no drift); the plan shown first is
		// made on the ids recorded now.
		d, err = prepare(ctx, p, o.cloud, log)
	}
	if err != nil {
		return err
	}
	if o.planOut != nil {
		empty := Plan{Stack: project.StackName(p.Config().ProjectName, p.CurrentEnv()), Action: ActionNone,
			Resources: []ResourceChange{}, Roles: []RoleChange{}}
		if o.cloud != nil {
			empty.Region = o.cloud.Region
		}
		return writePlans(o.planOut, o.planJSON, ad, d, empty)
	}
	if o.confirm != nil {
		if err := writePlans(log, false, ad, d, Plan{}); err != nil {
			return err
		}
		if err := o.confirm(); err != nil {
			return err
		}
	}
	if ad != nil && !ad.removed {
		ad.journal = newJournal(p, ad.target, now)
		if err := ad.apply(ctx, p, r); err != nil {
			return ad.outcome(ctx, err)
		}
		// The environment's stack is planned (again) on the recorded
		// resources: new ones on a first push or after a replacement.
		if d, err = prepareEnv(ctx, p, r, o.cloud, log); err != nil {
			return ad.outcome(ctx, err)
		}
	}
	if d != nil {
		d.journal = newJournal(p, d.target, now)
	}
	if err := deployStack(ctx, p, d, now); err != nil {
		return d.outcome(ctx, err)
	}
	// Removed auth goes last: the environment's stack has just taken its
	// statements off the roles that the auth stack deletes.
	if ad != nil && ad.removed {
		ad.journal = newJournal(p, ad.target, now)
		if err := ad.apply(ctx, p, r); err != nil {
			return ad.outcome(ctx, err)
		}
	}
	// From here on the deploy is done in AWS: a failure to record it is
	// told like one after a write (the record stays).
	if err := p.MarkPushed(now); err != nil {
		return d.outcome(ctx, err)
	}
	files, err := write(p)
	if err != nil {
		return d.outcome(ctx, err)
	}
	if err := p.Save(); err != nil {
		return d.outcome(ctx, err)
	}
	for _, f := range files {
		fmt.Fprintf(log, "✔ Wrote %s\n", f)
	}
	if rec != nil || (d != nil && d.journal.sent) || (ad != nil && ad.journal.sent) {
		// The outcome is saved; a record left behind would only make the
		// next command look at the stack again.
		if err := p.ClearInflight(); err != nil {
			fmt.Fprintf(log, "warning: %v\n", err)
		}
	}
	return nil
}

// prepareEnv checks that the recorded auth resources still exist (and
// records the fingerprint status compares with), then plans the
// environment's stack.
func prepareEnv(ctx context.Context, p *project.Project, r SnapshotReader, cloud *Cloud, log io.Writer) (*deployment, error) {
	if a, ok := p.ImportedAuth(); ok {
		snap, err := checkExists(ctx, r, a)
		if err != nil {
			return nil, err
		}
		// Refuse a stale config, record the fingerprint `ampgo status` compares with.
		if err := drift.RecordPush(p, a, snap); err != nil {
			return nil, err
		}
	}
	return prepare(ctx, p, cloud, log)
}

// checkExists fails with exit 3 when a recorded resource was deleted since
// the import, naming it and how to re-point.
func checkExists(ctx context.Context, r SnapshotReader, a *project.ImportedAuth) (*cognito.Snapshot, error) {
	sel := importauth.SelectionOf(a.Env)
	// The user pool itself cannot be re-pointed in place (the project's
	// categories were built on it); a client or identity pool can.
	fix := "unlink with `ampgo remove auth`, then import the replacement with `ampgo import auth`"
	snap, err := r.ReadSnapshot(ctx, sel)
	var nf *cognito.NotFoundError
	if errors.As(err, &nf) {
		if nf.Kind == "identity pool" {
			fix = "re-point to the replacement, keeping everything that depends on auth: `ampgo auth update --identity-pool-id <id>`; or " + fix
		}
		return nil, exit.RequirementsErrorf(fix, "%s %s, recorded for auth %q, no longer exists", nf.Kind, nf.ID, a.Name)
	}
	if err != nil {
		return nil, err
	}
	for _, c := range []struct{ id, flag string }{{sel.WebClientID, "--web-client-id"}, {sel.NativeClientID, "--native-client-id"}} {
		if snap.Client(c.id) == nil {
			return nil, exit.RequirementsErrorf(
				fmt.Sprintf("re-point to the replacement, keeping everything that depends on auth: `ampgo auth update %s <id>`", c.flag),
				"app client %s of user pool %s, recorded for auth %q, no longer exists", c.id, sel.UserPoolID, a.Name)
		}
	}
	return snap, nil
}

// writePlans prints the plan of the managed-auth stack (ad, when not nil)
// and of the environment's stack (d, or pl when d is nil). As JSON, the
// auth stack's plan is the "authStack" member of the environment's.
func writePlans(w io.Writer, asJSON bool, ad *authDeployment, d *deployment, pl Plan) error {
	if ad == nil {
		return writePlan(w, asJSON, d, pl)
	}
	if asJSON {
		if d != nil {
			pl = d.plan
		}
		auth := ad.plan
		pl.AuthStack = &auth
		return pl.WriteJSON(w)
	}
	if err := ad.plan.WriteText(w); err != nil {
		return err
	}
	if ad.pending {
		_, err := fmt.Fprintf(w, "Stack %s: planned once the auth resources exist (they are created first).\n", project.StackName(ad.target.Env.Project, ad.target.Env.Env))
		return err
	}
	return writePlan(w, asJSON, d, pl)
}

// writePlan prints the plan of d, or pl when d is nil (nothing to deploy).
func writePlan(w io.Writer, asJSON bool, d *deployment, pl Plan) error {
	if d != nil {
		pl = d.plan
	}
	if asJSON {
		return pl.WriteJSON(w)
	}
	if d == nil {
		_, err := fmt.Fprintln(w, "No storage or functions to deploy: push only completes imports and unlinks and writes the client config.")
		return err
	}
	return pl.WriteText(w)
}

// deployStack applies d (nil: nothing to do) and records the outputs of
// every storage and function in amplify-meta.json, in memory.
func deployStack(ctx context.Context, p *project.Project, d *deployment, now time.Time) error {
	if d == nil {
		return nil
	}
	if d.plan.Action == ActionNone {
		fmt.Fprintf(d.log, "Stack %s: no changes\n", d.target.Stack)
	}
	st, err := d.apply(ctx)
	if err != nil {
		return err
	}
	for _, b := range d.retainedBuckets() {
		fmt.Fprintf(d.log, "note: bucket %s left the stack but keeps its data (DeletionPolicy Retain); delete it with `aws s3 rb s3://%s --force` when you no longer need it\n", b, b)
	}
	if st == nil {
		return nil
	}
	return record(p, d.target, st, now)
}

// record writes the stack's outputs of each resource to amplify-meta.json;
// a stack just deployed must have them all.
func record(p *project.Project, t *target, st *awsx.Stack, now time.Time) error {
	d := MatchOutputs(t.Env.Env, st.Name, t.Env.Region, t.Resources, st.Outputs)
	if len(d.Missing) > 0 {
		m := d.Missing[0]
		return fmt.Errorf("read outputs of stack %s: no outputs for %s %s", st.Name, m.Category, m.Name)
	}
	return d.record(p, t.Resources, now)
}
