package projectcmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/drift"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// pendingError is `status --exit-code`: exit 5 when a resource has an
// operation other than No Change, a deploy was interrupted, or imported auth
// drifted; nil otherwise, or without --exit-code. Drift not checked (not
// pushed yet, --offline) does not count: there is nothing to compare.
func (o *statusOptions) pendingError(rows []project.ResourceStatus, dr *drift.Report, inflight *deploy.InflightState) error {
	if !o.exitCode {
		return nil
	}
	var parts []string
	if n := pendingRows(rows); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s to push", n, plural(n, "resource")))
	}
	if inflight != nil {
		parts = append(parts, "an interrupted deploy")
	}
	if dr != nil && dr.Checked && len(dr.Changes) > 0 {
		parts = append(parts, fmt.Sprintf("%d drifted %s", len(dr.Changes), plural(len(dr.Changes), "setting")))
	}
	if len(parts) == 0 {
		return nil
	}
	return &exit.Error{Code: exit.Pending, Err: errors.New("pending (--exit-code): " + strings.Join(parts, ", ")),
		Fix: "`ampgo push` deploys what is pending; `ampgo auth refresh` records drifted live settings"}
}

// pendingRows counts the resources whose operation is not No Change.
func pendingRows(rows []project.ResourceStatus) int {
	n := 0
	for _, r := range rows {
		if r.Operation != project.OpNoChange {
			n++
		}
	}
	return n
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
