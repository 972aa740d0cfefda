package drift

import (
	"fmt"
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
		return staleError(a.Name, changes)
	}
	return p.SetAuthFingerprint(a.Name, env, Take(snap))
}

// staleError lists the differences, at most maxLines of them.
func staleError(name string, changes []Change) error {
	const maxLines = 12
	var b strings.Builder
	for i, c := range changes {
		if i == maxLines {
			fmt.Fprintf(&b, "\n  … and %d more", len(changes)-maxLines)
			break
		}
		fmt.Fprintf(&b, "\n  %s %s: recorded %s, live %s", c.Resource, c.Field, Text(c.Recorded), Text(c.Live))
	}
	return exit.RequirementsErrorf(
		"run `ampgo auth refresh` to record the live settings (it validates them first), then `ampgo push`",
		"the Cognito resources of auth %q changed since they were recorded; pushing would write a stale client config:%s",
		name, b.String())
}
