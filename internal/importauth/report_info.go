package importauth

import "io"

// WriteInfos prints the informational findings of fs in the layout of
// WriteFindings, marked "ℹ". Import prints none; doctor prints them after
// the errors and warnings.
func WriteInfos(w io.Writer, fs Findings) {
	for _, f := range fs.Infos() {
		writeFinding(w, "ℹ", f)
	}
}
