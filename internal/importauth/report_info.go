package importauth

import (
	"fmt"
	"io"
)

// WriteInfos prints the informational findings of fs in the layout of
// WriteFindings, marked "ℹ". Import prints none; doctor prints them after
// the errors and warnings.
func WriteInfos(w io.Writer, fs Findings) {
	for _, f := range fs.Infos() {
		fmt.Fprintf(w, "ℹ %s: %s\n", f.Resource, f.Field)
		writeField(w, "found", f.Found)
		writeField(w, "need", f.Need)
		if f.Detail != "" {
			writeField(w, "", f.Detail)
		}
		writeField(w, "fix", f.Fix)
		fmt.Fprintln(w)
	}
}
