package project

import (
	"os"
	"testing"
)

// Project files are written as the Amplify CLI's JSON.stringify(v, null, 2)
// writes them (issue 17): U+2028, U+2029, <, > and & as they are, also in
// values ampgo records itself (encoding/json escapes U+2028 and U+2029
// always), and values read from a file in JSON.parse's reading (escapes
// undone, a repeated key once, with its last value), while number literals
// keep their digits.
func TestFilesWrittenLikeJSONStringify(t *testing.T) {
	p := newTestProject(t)
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	// A key written by hand (or by another tool) in the file's own escapes.
	rel := FingerprintPath("acmeapp")
	handWritten := `{"qa": {"note": "\u2028\u003cb\u003e \/ \u00e9", "dup": {"a": 1, "a": 2}, "n": 1.50}}`
	if err := os.WriteFile(p.Path(rel), []byte(handWritten), 0o644); err != nil {
		t.Fatal(err)
	}
	q := mustLoad(t, p.Root())
	dev := testFingerprint{Version: 1, URLs: []string{"https://app.example.com/?x=<1>&y=\u2028\u2029"}}
	if err := q.SetAuthFingerprint("acmeapp", "dev", dev); err != nil {
		t.Fatal(err)
	}
	if err := q.Save(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(q.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n" +
		"  \"qa\": {\n" +
		"    \"note\": \"\u2028<b> / é\",\n" +
		"    \"dup\": {\n" +
		"      \"a\": 2\n" +
		"    },\n" +
		"    \"n\": 1.50\n" +
		"  },\n" +
		"  \"dev\": {\n" +
		"    \"version\": 1,\n" +
		"    \"urls\": [\n" +
		"      \"https://app.example.com/?x=<1>&y=\u2028\u2029\"\n" +
		"    ]\n" +
		"  }\n" +
		"}\n"
	if string(got) != want {
		t.Errorf("%s:\ngot  %q\nwant %q", rel, got, want)
	}
}
