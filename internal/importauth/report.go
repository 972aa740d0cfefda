package importauth

import (
	"fmt"
	"io"
	"strings"
)

// WriteFindings prints findings for a person: errors first, then warnings,
// each with the resource, field, found and needed values, and the fix.
func WriteFindings(w io.Writer, fs Findings) {
	for _, f := range fs.Errors() {
		writeFinding(w, "✖", f)
	}
	for _, f := range fs.Warnings() {
		writeFinding(w, "⚠", f)
	}
}

// writeFinding prints one finding under its mark, then a blank line.
func writeFinding(w io.Writer, mark string, f Finding) {
	fmt.Fprintf(w, "%s %s: %s\n", mark, f.Resource, f.Field)
	writeField(w, "found", f.Found)
	writeField(w, "need", f.Need)
	if f.Detail != "" {
		writeField(w, "", f.Detail)
	}
	writeField(w, "fix", f.Fix)
	fmt.Fprintln(w)
}

func writeField(w io.Writer, label, text string) {
	if text == "" {
		return
	}
	prefix := "           "
	if label != "" {
		prefix = fmt.Sprintf("    %-7s", label+":")
	}
	for i, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if i > 0 {
			prefix = "           "
		}
		fmt.Fprintf(w, "%s%s\n", prefix, line)
	}
}
