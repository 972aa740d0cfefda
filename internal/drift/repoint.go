package drift

import (
	"context"
	"io"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// Request says what `ampgo auth update` re-points; empty ids keep what is
// recorded, so an empty Request is `ampgo auth refresh`.
type Request struct {
	// UserPoolID is set only by a refresh that follows a recorded source
	// (issue 15): the platform team replaced the pool.
	UserPoolID     string
	WebClientID    string
	NativeClientID string
	IdentityPoolID string
	// Source, when set, is recorded as the environment's source; when nil
	// the recorded one is kept (SetImportedAuth rewrites the entry).
	Source *project.AuthSource
}

// Result is what a refresh or update changed.
type Result struct {
	Name string
	// Changes are the differences between what was recorded and what is
	// recorded now: against the fingerprint when there was one, else the
	// recorded settings.
	Changes []Change
	// Pushed is set when the resource had been pushed: the cloud copy, the
	// fingerprint and the client config were rewritten too.
	Pushed bool
	// Files are the client config files written.
	Files []string
	// Dependents are the resources whose dependsOn names the auth
	// resource; they are kept as they are.
	Dependents []string
}

// Repoint re-validates the imported auth resource against the live
// resources, with the ids of req in place of the recorded ones, and
// re-records it in place: every rule of `ampgo import auth` runs
// (importauth.Validate, exit 3 with all findings when one fails), nothing is
// written before, and the resource keeps its name, so every category that
// depends on it keeps its dependsOn entry. When the resource was pushed, its
// #current-cloud-backend copy, its fingerprint and the client config (with
// write) are rewritten in the same atomic save.
func Repoint(ctx context.Context, p *project.Project, r importauth.Reader, write project.ConfigWriter, req Request, log io.Writer) (*Result, error) {
	a, ok := p.ImportedAuth()
	if !ok {
		return nil, exit.UsageErrorf("import one with `ampgo import auth`", "this project has no imported auth resource")
	}
	env, err := p.Env()
	if err != nil {
		return nil, err
	}
	sel, err := repointSelection(a, req)
	if err != nil {
		return nil, err
	}
	snap, err := importauth.Validate(ctx, r, sel, log)
	if err != nil {
		return nil, withRepointHint(err)
	}
	rec, err := importauth.Record(snap, a.Name, p.Config().Frontend)
	if err != nil {
		return nil, err
	}
	rec.Backend.DependsOn, rec.Meta.DependsOn = a.Backend.DependsOn, a.Meta.DependsOn
	rec.Meta.LastPushTimeStamp = a.Meta.LastPushTimeStamp
	res := &Result{Name: a.Name, Pushed: a.Meta.LastPushTimeStamp != "", Dependents: p.DependentsOf(project.CategoryAuth, a.Name)}
	var before Fingerprint
	if found, err := p.AuthFingerprint(a.Name, env, &before); err == nil && found {
		res.Changes = Diff(before, Take(snap))
	} else {
		res.Changes = RecordedChanges(a, rec)
	}
	src := req.Source
	if recorded, ok := p.EnvAuthSource(env); ok && src == nil {
		src = &recorded
	}
	if err := p.SetImportedAuth(rec); err != nil {
		return nil, err
	}
	if src != nil {
		if err := p.SetEnvAuthSource(env, src); err != nil {
			return nil, err
		}
	}
	if res.Pushed {
		if err := record(p, a.Name, env, snap, write, res); err != nil {
			return nil, err
		}
	}
	if err := p.Save(); err != nil {
		return nil, err
	}
	return res, nil
}

// record updates what push would have: the cloud copy of the auth
// resource, its fingerprint and the client config.
func record(p *project.Project, name, env string, snap *cognito.Snapshot, write project.ConfigWriter, res *Result) error {
	if err := p.SyncCloudAuth(name); err != nil {
		return err
	}
	if err := p.SetAuthFingerprint(name, env, Take(snap)); err != nil {
		return err
	}
	files, err := write(p)
	res.Files = files
	return err
}

// repointSelection applies req to the recorded selection. A native client
// that was the web client follows a new web client unless req names one.
func repointSelection(a *project.ImportedAuth, req Request) (cognito.Selection, error) {
	sel := importauth.SelectionOf(a.Env)
	if sel.UserPoolID == "" {
		return sel, exit.UsageErrorf("check out the environment with `ampgo env checkout <env>` or import with `ampgo import auth`",
			"auth %q has no user pool recorded for the current environment", a.Name)
	}
	if req.UserPoolID != "" {
		sel.UserPoolID = req.UserPoolID
	}
	if req.WebClientID != "" {
		if sel.NativeClientID == sel.WebClientID && req.NativeClientID == "" {
			sel.NativeClientID = req.WebClientID
		}
		sel.WebClientID = req.WebClientID
	}
	if req.NativeClientID != "" {
		sel.NativeClientID = req.NativeClientID
	}
	if req.IdentityPoolID != "" {
		if sel.IdentityPoolID == "" {
			// Amplify keeps authSelections fixed once imported (reference §0).
			return sel, exit.UsageErrorf("to add an identity pool, unlink with `ampgo remove auth` and import again without --user-pool-only",
				"auth %q was imported as \"User Pool only\"; --identity-pool-id can only re-point an imported identity pool", a.Name)
		}
		sel.IdentityPoolID = req.IdentityPoolID
	}
	return sel, nil
}

// withRepointHint adds how to re-point to a refused refresh or update.
func withRepointHint(err error) error {
	if exit.Code(err) != exit.Requirements {
		return err
	}
	hint := exit.Hint(err)
	if hint != "" {
		hint += "; "
	}
	return &exit.Error{Code: exit.Requirements, Err: err,
		Fix: hint + "to re-point a deleted or replaced part: `ampgo auth update --web-client-id NEW` (or --native-client-id, --identity-pool-id)"}
}
