package cmdutil

import "encoding/json"

// JSON reports whether --output json was given. The root command checked
// --output once (CheckGlobalFlags), so anything else is text.
func (f *Factory) JSON() bool { return f.Output == "json" }

// PrintJSON writes v on stdout in the one shape of every --output json:
// indented by two spaces, one value per run, ending with a newline, and
// with <, > and & as they are (a terminal or jq reads the output, not a
// browser, so HTML escaping would only garble names and paths).
func (f *Factory) PrintJSON(v any) error {
	enc := json.NewEncoder(f.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
