package envs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// Request is what env add and env checkout are asked to do.
type Request struct {
	Name   string
	Inputs Inputs
	Yes    bool // --yes: reuse the current environment's resources without asking (add)
	// Region and Profile of the new environment (add only). Profile is
	// recorded in local-aws-info.json; "" records none.
	Region  string
	Profile string
	Now     time.Time
	// Stacks reads the environment's stack, whose outputs complete the
	// client config (storage buckets…); nil reads nothing (tests of the
	// auth part only).
	Stacks deploy.StackDescriber
	// FailIncomplete refuses (exit 3) to write a client config that lacks a
	// category the project records but the environment has not deployed:
	// set without a terminal unless --allow-incomplete. Otherwise each
	// lack is only a warning in Result.Warnings.
	FailIncomplete bool
	// AuthMode is env add's --auth: "" (reuse or import, asked),
	// AuthSame, AuthImport or AuthManaged.
	AuthMode string
	// AllowUserPoolDeletion is recorded for a new managed environment.
	AllowUserPoolDeletion bool
}

// Values of Request.AuthMode (`env add --auth`).
const (
	AuthSame    = "same"
	AuthImport  = "import"
	AuthManaged = "managed"
)

// Result is what an env command did.
type Result struct {
	Env   string
	Auth  *project.ImportedAuth // what was recorded; nil when the project has no imported auth
	Files []string              // client config files written
	// Warnings name each recorded category the environment's stack lacks,
	// what the client config lacks without it and `ampgo push`.
	Warnings []string
}

// Add adds environment req.Name and checks it out. When the project has
// imported auth, the new environment reuses the current one's resources or
// gets others (see chooseForAdd); either way they pass every import rule
// before anything is written, and the client config is regenerated for
// them with write. On any error the project is left as it was.
func Add(ctx context.Context, p *project.Project, c *importauth.Chooser, r importauth.Reader, write project.ConfigWriter, req Request) (*Result, error) {
	from := p.CurrentEnv()
	a, hasAuth := p.ImportedAuth() // Env holds the current environment's ids
	if req.AuthMode == AuthManaged {
		return addManaged(p, c.Log, req)
	}
	if !hasAuth && req.AuthMode != "" {
		return nil, exit.UsageErrorf("import auth first with `ampgo import auth`, add managed auth with `ampgo add auth`, or pass --auth managed",
			"--auth %s: this project has no auth", req.AuthMode)
	}
	if err := p.AddEnv(req.Name, project.EnvOptions{Region: req.Region, Profile: req.Profile}); err != nil {
		return nil, usage(err)
	}
	var sel *cognito.Selection
	if hasAuth {
		creq := chooseRequest{env: req.Name, auth: a, inputs: req.Inputs, region: req.Region, yes: req.Yes}
		_, ids, ok := p.EnvImportedAuth(from)
		if ok && from != "" && req.AuthMode != AuthImport {
			creq.reuseEnv, creq.reuse = from, ids
		}
		if req.AuthMode == AuthSame {
			if !ok {
				return nil, exit.UsageErrorf("push environment "+from+" first (`ampgo push`), or pass --auth managed or --auth import",
					"--auth same: environment %s has no Cognito resources recorded yet", from)
			}
			if idsGiven(req.Inputs) {
				return nil, exit.UsageErrorf("drop the Cognito id flags, or pass --auth import", "--auth same reuses the resources of environment %s, and ids were given", from)
			}
			creq.yes = true
		}
		if creq.reuseEnv != "" && p.EnvAuthMode(from) == project.AuthModeManaged {
			fmt.Fprintf(c.Log, "note: %s's Cognito resources are managed by ampgo in %s; if %s's auth is removed, its push deletes the identity pool and roles that %s would then use\n",
				from, from, from, req.Name)
		}
		s, err := chooseForAdd(ctx, c, creq)
		if err != nil {
			return nil, err
		}
		sel = &s
	} else if err := noAuthInputs(c.Log, req.Inputs); err != nil {
		return nil, err
	}
	if err := p.Checkout(req.Name); err != nil {
		return nil, err
	}
	// A new environment has deployed nothing yet: its lacks are warnings,
	// and its next step is the push they name.
	req.FailIncomplete = false
	return apply(ctx, p, r, write, c.Log, a, sel, req)
}

// addManaged adds environment req.Name with auth that ampgo creates on
// its first push, from the project's managed-auth settings (the defaults
// when there are none), and checks it out. Nothing in AWS is read or
// written; the client config is written by that push.
func addManaged(p *project.Project, log io.Writer, req Request) (*Result, error) {
	if idsGiven(req.Inputs) {
		return nil, exit.UsageErrorf("drop the Cognito id flags, or pass --auth import",
			"--auth managed creates new Cognito resources, and ids were given")
	}
	if req.Inputs.Variables != (cognito.Selection{}) {
		fmt.Fprintln(log, "note: the AMPLIFY_* Cognito variables are ignored: --auth managed creates new resources.")
	}
	if err := p.AddEnv(req.Name, project.EnvOptions{Region: req.Region, Profile: req.Profile}); err != nil {
		return nil, usage(err)
	}
	name, _, ok := p.ManagedAuth()
	if !ok {
		name = category.DefaultManagedAuthName(p.Config().ProjectName)
		if a, has := p.ImportedAuth(); has {
			name = a.Name
		}
		if err := p.SetManagedAuth(name, category.DefaultManagedAuthSettings()); err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "note: no managed auth settings were recorded; environment %s gets the defaults (email sign-in, optional TOTP MFA, no guests); change them with `ampgo update auth`\n", req.Name)
	}
	if err := p.Checkout(req.Name); err != nil {
		return nil, err
	}
	if err := p.SetEnvManagedAuth(req.Name, project.ManagedEnv{AllowUserPoolDeletion: req.AllowUserPoolDeletion}); err != nil {
		return nil, err
	}
	if err := p.Save(); err != nil {
		return nil, err
	}
	return &Result{Env: req.Name, Warnings: []string{fmt.Sprintf("auth %q of environment %s is created by the next `ampgo push` (stack %s), which also writes the client config",
		name, req.Name, project.AuthStackName(p.Config().ProjectName, req.Name))}}, nil
}

// idsGiven reports whether id flags or --categories name Cognito
// resources. The AMPLIFY_* variables do not count: CI sets them for every
// branch (user-pain F25).
func idsGiven(in Inputs) bool {
	return in.Flags != (cognito.Selection{}) || in.Categories != ""
}

// Checkout makes req.Name the current environment. With imported auth it
// re-validates the environment's recorded resources with every import rule
// and regenerates the client config for them with write, with the outputs
// of the environment's stack (req.Stacks; a category the stack lacks is a
// warning, or exit 3 with req.FailIncomplete). It needs no file that is
// not committed (local-env-info.json, amplify-meta.json,
// #current-cloud-backend), so it is the CI build step on a fresh clone, and
// it asks nothing when the environment has recorded resources. On any
// error the project is left as it was.
func Checkout(ctx context.Context, p *project.Project, c *importauth.Chooser, r importauth.Reader, write project.ConfigWriter, req Request) (*Result, error) {
	if err := p.Checkout(req.Name); err != nil {
		return nil, usage(err)
	}
	a, hasAuth := p.ImportedAuth()
	var sel *cognito.Selection
	if _, managed := p.EnvManagedAuth(req.Name); managed && hasAuth && a.Env.UserPoolID == "" {
		// Nothing created yet: push creates it and writes the config.
		if err := p.Save(); err != nil {
			return nil, err
		}
		return &Result{Env: req.Name, Warnings: []string{fmt.Sprintf("auth %q of environment %s is managed by ampgo and not created yet: run `ampgo push`, which writes the client config", a.Name, req.Name)}}, nil
	}
	if hasAuth {
		_, recorded, ok := p.EnvImportedAuth(req.Name)
		creq := chooseRequest{env: req.Name, auth: a, inputs: req.Inputs, region: p.EnvRegion(req.Name), yes: req.Yes}
		s, err := chooseForCheckout(ctx, c, creq, recorded, ok)
		if err != nil {
			return nil, err
		}
		sel = &s
	} else if err := noAuthInputs(c.Log, req.Inputs); err != nil {
		return nil, err
	}
	return apply(ctx, p, r, write, c.Log, a, sel, req)
}

// apply validates and records sel (when the project has imported auth) for
// the current environment, records the outputs of its stack (issue 11:
// read, not remembered), stages the client config with write and saves
// everything as one transaction.
func apply(ctx context.Context, p *project.Project, r importauth.Reader, write project.ConfigWriter, log io.Writer,
	a *project.ImportedAuth, sel *cognito.Selection, req Request) (*Result, error) {
	res := &Result{Env: p.CurrentEnv()}
	if sel != nil {
		rec, err := record(ctx, p, r, log, a.Name, *sel, req.Now)
		if err != nil {
			return nil, err
		}
		res.Auth = rec
	}
	if req.Stacks != nil {
		d, err := deploy.ReadDeployed(ctx, p, req.Stacks, req.Now)
		if err != nil {
			return nil, err
		}
		if req.FailIncomplete && d.Incomplete() {
			return nil, d.IncompleteError()
		}
		res.Warnings = d.Warnings()
	}
	files, err := write(p)
	if err != nil {
		return nil, err
	}
	if err := p.Save(); err != nil {
		return nil, err
	}
	res.Files = files
	return res, nil
}

// record validates sel with every import rule and records it for the
// current environment under the existing resource name.
//
// The resource is marked pushed (lastPushTimeStamp) so that the client
// config includes it: an imported resource has nothing to deploy, and its
// resources were just validated, which is all `ampgo push` does for it.
// The Amplify CLI gets the same effect by copying the stamp from
// #current-cloud-backend, which a fresh clone does not have (the CLI
// downloads it from the deployment bucket); that stamp is still kept when
// there is one.
func record(ctx context.Context, p *project.Project, r importauth.Reader, log io.Writer,
	name string, sel cognito.Selection, now time.Time) (*project.ImportedAuth, error) {
	snap, err := importauth.Validate(ctx, r, sel, log)
	if err != nil {
		return nil, err
	}
	rec, err := importauth.Record(snap, name, p.Config().Frontend)
	if err != nil {
		return nil, err
	}
	if cloud, ok := p.CurrentCloudAuth(); !ok || cloud.Name != name || cloud.Meta.LastPushTimeStamp == "" {
		rec.Meta.LastPushTimeStamp = now.UTC().Format(project.TimestampFormat)
	}
	if err := p.SetImportedAuth(rec); err != nil {
		return nil, err
	}
	return &rec, nil
}

// CheckNew fails unless name is a valid name for a new environment (exit 2).
// Commands call it before they build an AWS config or ask anything.
func CheckNew(p *project.Project, name string) error {
	if err := project.ValidateEnvName(name); err != nil {
		return err
	}
	if _, err := p.EnvProvider(name); err == nil {
		return usage(&project.EnvError{Env: name, Known: p.Envs(), Err: project.ErrEnvExists})
	}
	return nil
}

// CheckExists fails with exit 2 unless env is an environment of the project.
func CheckExists(p *project.Project, env string) error {
	_, err := p.EnvProvider(env)
	return usage(err)
}

// usage turns an unknown or already existing environment into exit 2,
// keeping its hint.
func usage(err error) error {
	var ee *project.EnvError
	if errors.As(err, &ee) {
		return &exit.Error{Code: exit.Usage, Err: err, Fix: ee.Hint()}
	}
	return err
}
