package drift

import (
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// RecordPush is push's hook: snap is what push just read of the imported
// resources. When the settings the project records (and the client config
// push is about to write from them) no longer match what snap gives, push
// is refused with exit 3 and each difference, so a stale config is never
// written and never fingerprinted as current; `ampgo auth refresh` takes the
// live values. Otherwise it records Take(snap) as the current environment's
// fingerprint, written by push's Save.
func RecordPush(p *project.Project, a *project.ImportedAuth, snap *cognito.Snapshot) error {
	env, err := p.Env()
	if err != nil {
		return err
	}
	live, err := importauth.Record(snap, a.Name, p.Config().Frontend)
	if err != nil {
		return err
	}
	if changes := RecordedChanges(a, live); len(changes) > 0 {
		return staleError(a.Name, shownChanges(p, a.Name, env, snap, changes))
	}
	return p.SetAuthFingerprint(a.Name, env, Take(snap))
}

// shownChanges is what push's refusal shows: the drift `ampgo status`
// shows (live vs the fingerprint of the last push, refresh or update), the
// same rows in the same table, when a fingerprint is recorded and differs;
// otherwise the recorded settings that differ (a project edited by hand,
// or pushed before fingerprints existed).
func shownChanges(p *project.Project, name, env string, snap *cognito.Snapshot, recorded []Change) []Change {
	var fp Fingerprint
	if found, err := p.AuthFingerprint(name, env, &fp); err != nil || !found {
		return recorded
	}
	if d := Diff(fp, Take(snap)); len(d) > 0 {
		return d
	}
	return recorded
}

// staleError shows the differences in status's drift table, at most
// maxRows rows of it.
func staleError(name string, changes []Change) error {
	const maxRows = 12
	var b strings.Builder
	if err := WriteTable(&b, changes, maxRows); err != nil {
		return err
	}
	return exit.RequirementsErrorf(
		"run `ampgo auth refresh` to record the live settings (it validates them first), then `ampgo push`",
		"the Cognito resources of auth %q changed since they were recorded; pushing would write a stale client config:\n\n%s",
		name, strings.TrimRight(b.String(), "\n"))
}
