package prompt

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// noMatch is a filterable huh Select that says "no user pool matches 'xyz'"
// where huh would show an empty list (issue 16). huh keeps the filter text
// to itself; the field's own first line shows it ("/xyz"), so that is where
// it is read back.
type noMatch struct {
	*huh.Select[string]
	noun string // what the list holds: "user pool"; "" says "nothing matches"
}

// Update passes msg to the Select and stays the field the group holds.
func (n *noMatch) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	_, cmd := n.Select.Update(msg)
	return n, cmd
}

// View is the Select's, with the notice on the first line of the (empty)
// list, so the field keeps its height.
func (n *noMatch) View() string {
	v := n.Select.View()
	if _, ok := n.Hovered(); ok {
		return v
	}
	lines := strings.Split(v, "\n")
	filter := filterText(lines[0])
	if filter == "" {
		return v
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(strings.Trim(ansi.Strip(lines[i]), "┃│ ")) == "" {
			lines[i] = "  " + noMatchText(n.noun, filter)
			break
		}
	}
	return strings.Join(lines, "\n")
}

// filterText reads the filter from the Select's first line ("┃ /xyz").
func filterText(line string) string {
	plain := ansi.Strip(line)
	i := strings.Index(plain, "/")
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(plain[i+1:])
}

// noMatchText is the notice for a filter that leaves nothing.
func noMatchText(noun, filter string) string {
	if noun == "" {
		return fmt.Sprintf("nothing matches '%s'", filter)
	}
	return fmt.Sprintf("no %s matches '%s'", noun, filter)
}
