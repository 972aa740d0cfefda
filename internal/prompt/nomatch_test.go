package prompt

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestFilterText: the filter is read back from the Select's first line as
// huh draws it (border, "/", styles, a cursor cell).
func TestFilterText(t *testing.T) {
	tests := []struct{ line, want string }{
		{line: "┃ /xyz ", want: "xyz"},
		{line: "\x1b[38;5;99m┃\x1b[0m \x1b[2m/\x1b[0mus-e\x1b[7m \x1b[0m", want: "us-e"},
		{line: "┃ Select the User Pool", want: ""},
	}
	for _, tt := range tests {
		if got := filterText(tt.line); got != tt.want {
			t.Errorf("filterText(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	if got := noMatchText("user pool", "xyz"); got != "no user pool matches 'xyz'" {
		t.Errorf("noMatchText = %q", got)
	}
}

// TestNoMatchRedraws: the kept View is drawn again after every change, so
// filtering and the no-match notice show at once.
func TestNoMatchRedraws(t *testing.T) {
	sel := huh.NewSelect[string]()
	sel.WithTheme(charmTheme)
	sel = sel.Title("Pick").Options(huh.NewOptions("alpha", "beta", "gamma")...).Height(5).Filtering(true)
	n := &noMatch{Select: sel, noun: "thing"}
	n.Focus()
	first := n.View()
	if again := n.View(); again != first {
		t.Fatalf("View changed without a change:\n%s\n---\n%s", first, again)
	}
	n.Update(tea.KeyPressMsg{Code: 'b', Text: "b"})
	if v := ansi.Strip(n.View()); strings.Contains(v, "alpha") || !strings.Contains(v, "beta") {
		t.Errorf("View not drawn again after typing 'b':\n%s", v)
	}
	for _, r := range "zz" {
		n.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if v := ansi.Strip(n.View()); !strings.Contains(v, "no thing matches 'bzz'") {
		t.Errorf("no notice after a filter that matches nothing:\n%s", v)
	}
	n.WithWidth(30)
	if v := ansi.Strip(n.View()); !strings.Contains(v, "no thing matches 'bzz'") {
		t.Errorf("notice lost after a resize:\n%s", v)
	}
}
