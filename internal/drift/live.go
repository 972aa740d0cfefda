package drift

import (
	"context"
	"errors"
	"fmt"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// SnapshotReader reads the resources of a selection; *cognito.Reader
// implements it.
type SnapshotReader interface {
	ReadSnapshot(ctx context.Context, sel cognito.Selection) (*cognito.Snapshot, error)
}

// Live reads the selected resources and fingerprints them. A deleted app
// client or role has no part (Diff reports it deleted). A deleted identity
// pool is read around: its roles are then unchecked. A deleted user pool
// leaves only that fact. snap is nil when the user pool is gone.
func Live(ctx context.Context, r SnapshotReader, sel cognito.Selection) (fp Fingerprint, snap *cognito.Snapshot, err error) {
	unchecked := map[string]bool{}
	snap, err = r.ReadSnapshot(ctx, sel)
	var nf *cognito.NotFoundError
	if errors.As(err, &nf) && nf.Kind == "identity pool" {
		sel.IdentityPoolID = ""
		unchecked[PartAuthRole], unchecked[PartUnauthRole] = true, true
		snap, err = r.ReadSnapshot(ctx, sel)
	}
	if errors.As(err, &nf) && nf.Kind == "user pool" {
		for _, k := range []string{PartWebClient, PartNativeClient, PartIdentityPool, PartAuthRole, PartUnauthRole} {
			unchecked[k] = true
		}
		return Fingerprint{Version: Version, Parts: []Part{}, unchecked: unchecked}, nil, nil
	}
	if err != nil {
		return Fingerprint{}, nil, err
	}
	fp = Take(snap)
	fp.unchecked = unchecked
	return fp, snap, nil
}

// skeleton is a fingerprint of ids only, from what the project records:
// Diff against it reports deleted and replaced resources, no settings.
func skeleton(a *project.ImportedAuth) Fingerprint {
	e := a.Env
	fp := Fingerprint{Version: Version, Parts: []Part{{Kind: PartUserPool, ID: e.UserPoolID, Name: e.UserPoolName}}}
	add := func(kind, id string) {
		if id != "" {
			fp.Parts = append(fp.Parts, Part{Kind: kind, ID: id})
		}
	}
	add(PartWebClient, e.WebClientID)
	if e.NativeClientID != e.WebClientID {
		add(PartNativeClient, e.NativeClientID)
	}
	add(PartIdentityPool, e.IdentityPoolID)
	add(PartAuthRole, e.AuthRoleARN)
	add(PartUnauthRole, e.UnauthRoleARN)
	return fp
}

// Against says what a drift report compared the live resources with.
const (
	AgainstFingerprint = "fingerprint"       // recorded at the last push, refresh or update
	AgainstRecorded    = "recorded-settings" // no fingerprint yet: the project's recorded settings
)

// Report is the drift of the imported auth resource, for `ampgo status`.
type Report struct {
	Resource string `json:"resource"` // "auth/<name>"
	Checked  bool   `json:"checked"`
	// Reason says why drift was not checked.
	Reason  string   `json:"reason,omitempty"`
	Against string   `json:"against,omitempty"`
	Changes []Change `json:"changes"`
	// Source is the recorded source read again (issue 15); null when the
	// environment has none.
	Source *SourceCheck `json:"source"`
}

// Check compares the live resources of the project's imported auth with
// the fingerprint recorded for the current environment (or, when there is
// none, with the recorded settings). It returns nil when the project has no
// imported auth, and reads AWS only when there is something to compare:
// newReader is called then. When the environment's ids were read from a
// source, the source is read again too (see checkSource) and the ids it
// now names differently are changes of Part "source".
func Check(ctx context.Context, p *project.Project, newReader func() (SnapshotReader, error), opts ...Option) (*Report, error) {
	rep, err := check(ctx, p, newReader)
	if err != nil || rep == nil {
		return rep, err
	}
	var o checkOptions
	for _, opt := range opts {
		opt(&o)
	}
	a, _ := p.ImportedAuth()
	if env, err := p.Env(); err == nil && a.Env.UserPoolID != "" {
		if rep.Source = checkSource(ctx, p, a, env, newReader, o); rep.Source != nil {
			rep.Changes = append(rep.Changes, rep.Source.Changes...)
		}
	}
	return rep, nil
}

func check(ctx context.Context, p *project.Project, newReader func() (SnapshotReader, error)) (*Report, error) {
	a, ok := p.ImportedAuth()
	if !ok {
		return nil, nil
	}
	rep := &Report{Resource: project.CategoryAuth + "/" + a.Name, Changes: []Change{}}
	env, err := p.Env()
	if err != nil || a.Env.UserPoolID == "" {
		rep.Reason = "no resources recorded for the current environment"
		return rep, nil
	}
	var recorded Fingerprint
	found, err := p.AuthFingerprint(a.Name, env, &recorded)
	if err != nil {
		return nil, err
	}
	if !found && a.Meta.LastPushTimeStamp == "" {
		rep.Reason = "not pushed yet: `ampgo push` records what later drift is measured against"
		return rep, nil
	}
	r, err := newReader()
	if err != nil {
		return nil, err
	}
	live, snap, err := Live(ctx, r, importauth.SelectionOf(a.Env))
	if err != nil {
		return nil, fmt.Errorf("read imported auth %s: %w", a.Name, err)
	}
	rep.Checked = true
	if found {
		rep.Against, rep.Changes = AgainstFingerprint, Diff(recorded, live)
		return rep, nil
	}
	rep.Against, rep.Changes = AgainstRecorded, Diff(skeleton(a), live)
	if len(rep.Changes) == 0 && snap != nil {
		if rec, err := importauth.Record(snap, a.Name, p.Config().Frontend); err == nil {
			rep.Changes = RecordedChanges(a, rec)
		}
	}
	return rep, nil
}
