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
//
// It also keeps its last View until the field changes (Update, focus,
// theme, size): huh's group draws a field twice for every message (once
// for the content, once to measure its height), and a Select draws every
// option each time, so without this a list of 100 pools took about 2 ms
// per message, a dozen times before it first showed (issue 16, first
// paint).
type noMatch struct {
	*huh.Select[string]
	noun  string // what the list holds: "user pool"; "" says "nothing matches"
	view  string // the last View, valid while drawn is true
	drawn bool
}

// Update passes msg to the Select and stays the field the group holds.
func (n *noMatch) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	n.drawn = false
	_, cmd := n.Select.Update(msg)
	return n, cmd
}

// Focus focuses the Select.
func (n *noMatch) Focus() tea.Cmd { n.drawn = false; return n.Select.Focus() }

// Blur blurs the Select.
func (n *noMatch) Blur() tea.Cmd { n.drawn = false; return n.Select.Blur() }

// WithTheme sets the Select's theme and stays the field the group holds.
func (n *noMatch) WithTheme(t huh.Theme) huh.Field {
	n.drawn = false
	n.Select.WithTheme(t)
	return n
}

// WithKeyMap sets the Select's keys and stays the field the group holds.
func (n *noMatch) WithKeyMap(k *huh.KeyMap) huh.Field {
	n.drawn = false
	n.Select.WithKeyMap(k)
	return n
}

// WithWidth sets the Select's width and stays the field the group holds.
func (n *noMatch) WithWidth(w int) huh.Field {
	n.drawn = false
	n.Select.WithWidth(w)
	return n
}

// WithHeight sets the Select's height and stays the field the group holds.
func (n *noMatch) WithHeight(h int) huh.Field {
	n.drawn = false
	n.Select.WithHeight(h)
	return n
}

// WithPosition tells the Select its place and stays the field the group holds.
func (n *noMatch) WithPosition(p huh.FieldPosition) huh.Field {
	n.drawn = false
	n.Select.WithPosition(p)
	return n
}

// View is the Select's (drawn again only after a change), with the notice
// on the first line of the (empty) list, so the field keeps its height.
func (n *noMatch) View() string {
	if !n.drawn {
		n.view, n.drawn = n.draw(), true
	}
	return n.view
}

func (n *noMatch) draw() string {
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
