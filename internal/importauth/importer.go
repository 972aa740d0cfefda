package importauth

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/project"
)

// Reader is the AWS access an import needs.
type Reader interface {
	Discovery
	ReadSnapshot(ctx context.Context, sel cognito.Selection) (*cognito.Snapshot, error)
}

// Validate reads the selected resources and runs every rule. Warnings are
// printed to log; any error finding fails with exit 3 after all findings
// were printed, so the user sees every problem at once.
func Validate(ctx context.Context, r Reader, sel cognito.Selection, log io.Writer) (*cognito.Snapshot, error) {
	return validate(ctx, r, sel, log, "")
}

// validate is Validate with the command's way out when the identity pool
// does not exist (Chooser.NoIdentityPool).
func validate(ctx context.Context, r Reader, sel cognito.Selection, log io.Writer, noIdentityPool string) (*cognito.Snapshot, error) {
	snap, err := r.ReadSnapshot(ctx, sel)
	if err != nil {
		return nil, notFoundErr(err, noIdentityPool)
	}
	if err := withSecretlessClients(ctx, r, snap); err != nil {
		return nil, err
	}
	fs := Check(snap)
	WriteFindings(log, fs)
	if n := len(fs.Errors()); n > 0 {
		return nil, exit.RequirementsErrorf("fix the problems above, then run the same command again; nothing was written",
			"the selected Cognito resources do not meet the requirements for import (%d %s)", n, plural(n, "problem"))
	}
	return snap, nil
}

// Import chooses, validates and records an existing user pool (and identity
// pool) in the project's current environment. Nothing is written unless every
// rule passes, and nothing in AWS is ever written.
func Import(ctx context.Context, c *Chooser, r Reader, p *project.Project, req Request) (*project.ImportedAuth, error) {
	if a, ok := p.ImportedAuth(); ok && a.Managed != nil {
		return nil, &exit.Error{Code: exit.Failure,
			Err: fmt.Errorf("auth %q of environment %s is managed by ampgo (it creates the Cognito resources)", a.Name, p.CurrentEnv()),
			Fix: "import existing resources in another environment with `ampgo env add NAME --auth import`, or remove the managed auth first with `ampgo remove auth`"}
	}
	if a, ok := p.ImportedAuth(); ok {
		return nil, &exit.Error{Code: exit.Failure,
			Err: fmt.Errorf("auth %q is already imported in this project (user pool %s)", a.Name, a.Env.UserPoolID),
			Fix: "to import a different resource, unlink this one first with `ampgo remove auth`, then `ampgo push`, then run `ampgo import auth` again"}
	}
	sel, err := c.Choose(ctx, req)
	if err != nil {
		return nil, notFoundErr(err, c.NoIdentityPool) // listing the clients of a pool that does not exist
	}
	snap, err := validate(ctx, r, sel, c.Log, c.NoIdentityPool)
	if err != nil {
		return nil, err
	}
	rec, err := Record(snap, project.ResourceName(p.Config().ProjectName), p.Config().Frontend)
	if err != nil {
		return nil, err
	}
	if err := p.SetImportedAuth(rec); err != nil {
		return nil, err
	}
	if req.Source != nil {
		if err := p.SetEnvAuthSource(p.CurrentEnv(), req.Source); err != nil {
			return nil, err
		}
	}
	if err := p.Save(); err != nil {
		return nil, err
	}
	return &rec, nil
}

// notFoundErr turns a missing user pool or identity pool into exit 3 with
// the same fix as everywhere (cognito.NotFoundError.Hint), plus, for an
// identity pool, the command's way out (noIdentityPool, "" for none: env
// add and checkout have no --user-pool-only).
func notFoundErr(err error, noIdentityPool string) error {
	var nf *cognito.NotFoundError
	if !errors.As(err, &nf) {
		return err
	}
	hint := nf.Hint()
	if nf.Kind == "identity pool" && noIdentityPool != "" {
		hint += ", " + noIdentityPool
	}
	region, _ := ids.RegionOf(nf.ID)
	return exit.RequirementsErrorf(hint, "%s %s does not exist in region %s", nf.Kind, nf.ID, region)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// withSecretlessClients adds the pool's other app clients to a snapshot
// whose chosen web client has a client secret, so that the finding can name
// the clients without one (issue 16: passing the native client as web
// client was told to create a client although one existed). It costs a
// listing only on that failure. A listing that fails leaves the snapshot as
// it is: the finding stands, with the generic fix.
func withSecretlessClients(ctx context.Context, r Reader, s *cognito.Snapshot) error {
	web := s.Client(s.WebClientID)
	if web == nil || !web.HasSecret {
		return nil
	}
	all, err := r.Clients(ctx, s.Pool.ID)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return nil
	}
	for _, c := range all {
		if s.Client(c.ID) == nil {
			s.Clients = append(s.Clients, c)
		}
	}
	return nil
}
