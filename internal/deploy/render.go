package deploy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category/cfn"
)

// opSigns are the markers of the text plan, as in terraform and cdk diff.
var opSigns = map[string]string{OpAdd: "+", OpChange: "~", OpRemove: "-"}

// WriteText prints the plan for people: the stack's resources, then every
// statement attached to or removed from each imported role, in full.
func (pl Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	if pl.Action == ActionNone {
		fmt.Fprintf(&b, "Stack %s (%s): no changes\n", pl.Stack, pl.Region)
		_, err := io.WriteString(w, b.String())
		return err
	}
	add, change, remove := pl.Changes()
	fmt.Fprintf(&b, "Stack %s (%s): %s, %d to add, %d to change, %d to remove\n", pl.Stack, pl.Region, pl.Action, add, change, remove)
	for _, r := range pl.Resources {
		fmt.Fprintf(&b, "  %s %-40s %s%s\n", opSigns[r.Op], r.LogicalID, r.Type, poolNote(pl.Action, r))
	}
	for _, rc := range pl.Roles {
		fmt.Fprintf(&b, "Imported role %s:\n", rc.Role)
		for _, group := range []struct {
			sign     string
			policies []PolicyStatements
		}{{"+", rc.Attach}, {"-", rc.Remove}} {
			for _, ps := range group.policies {
				fmt.Fprintf(&b, "  %s inline policy %s\n", group.sign, ps.Policy)
				for _, st := range ps.Statements {
					doc, err := json.MarshalIndent(st, "      ", "  ")
					if err != nil {
						return fmt.Errorf("print plan: %w", err)
					}
					fmt.Fprintf(&b, "    %s %s\n", group.sign, doc)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// poolNote is what removing a managed user pool means for its users: in
// an update the pool is replaced by a new, empty one.
func poolNote(action string, r ResourceChange) string {
	if r.Type != cfn.TypeUserPool || r.Op != OpRemove {
		return ""
	}
	if action == ActionDelete {
		return "  (kept with its users, DeletionPolicy Retain, unless the environment allowed its deletion)"
	}
	return "  REPLACES user pool: every user is lost to the new, empty pool"
}

// WriteJSON prints the plan as JSON (--output json).
func (pl Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(pl)
}

// progress prints a stack operation's events on stderr as they come.
type progress struct {
	w io.Writer
}

func (p *progress) event(e awsx.StackEvent) {
	line := fmt.Sprintf("  %-36s %-28s %s", e.Status, e.Type, e.LogicalID)
	if e.Reason != "" {
		line += "  " + e.Reason
	}
	fmt.Fprintln(p.w, line)
}
