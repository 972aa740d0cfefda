package prompt

import "testing"

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
