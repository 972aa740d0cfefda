// Package deploy completes what the project has planned: for imported auth
// that means checking the recorded resources still exist, marking the
// import or unlink done and regenerating the client config. An import-only
// project deploys no CloudFormation.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// SnapshotReader reads the imported resources.
type SnapshotReader interface {
	ReadSnapshot(ctx context.Context, sel cognito.Selection) (*cognito.Snapshot, error)
}

// ConfigWriter renders the client config of the project's current state and
// stages it in the project's next save.
type ConfigWriter func(p *project.Project) ([]string, error)

// Push completes imports and unlinks of the current environment and writes
// the client config, as one atomic project save.
func Push(ctx context.Context, p *project.Project, r SnapshotReader, write ConfigWriter, log io.Writer, now time.Time) error {
	if a, ok := p.ImportedAuth(); ok {
		if err := checkExists(ctx, r, a); err != nil {
			return err
		}
	}
	if err := p.MarkPushed(now); err != nil {
		return err
	}
	files, err := write(p)
	if err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(log, "✔ Wrote %s\n", f)
	}
	return nil
}

// checkExists fails with exit 3 when a recorded resource was deleted since
// the import, naming it and how to re-point.
func checkExists(ctx context.Context, r SnapshotReader, a *project.ImportedAuth) error {
	sel := cognito.Selection{UserPoolID: a.Env.UserPoolID, WebClientID: a.Env.WebClientID,
		NativeClientID: a.Env.NativeClientID, IdentityPoolID: a.Env.IdentityPoolID}
	fix := "unlink with `ampgo remove auth`, then import the replacement with `ampgo import auth`"
	snap, err := r.ReadSnapshot(ctx, sel)
	var nf *cognito.NotFoundError
	if errors.As(err, &nf) {
		return exit.RequirementsErrorf(fix, "%s %s, recorded for auth %q, no longer exists", nf.Kind, nf.ID, a.Name)
	}
	if err != nil {
		return err
	}
	for _, id := range []string{sel.WebClientID, sel.NativeClientID} {
		if snap.Client(id) == nil {
			return exit.RequirementsErrorf(fix, "app client %s of user pool %s, recorded for auth %q, no longer exists", id, sel.UserPoolID, a.Name)
		}
	}
	return nil
}
