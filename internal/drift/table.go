package drift

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/ampgo/ampgo/internal/mapkeys"
)

// WriteTable prints changes as the table `ampgo status` shows and push's
// refusal repeats: Resource, Field, Recorded, Live. A deleted resource
// reads "(resource)  deleted". A setting the project stores as a
// JSON-encoded object in a string (Amplify's oAuthMetadata) is shown key by
// key, only the keys that differ, instead of two lines of raw JSON. With
// maxRows > 0 at most that many rows are printed and one more line counts
// the rest.
func WriteTable(w io.Writer, changes []Change, maxRows int) error {
	var rows [][3]string
	resources := []string{}
	for _, c := range changes {
		for _, r := range tableRows(c) {
			rows = append(rows, r)
			resources = append(resources, c.Resource)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "Resource\tField\tRecorded\tLive")
	for i, r := range rows {
		if maxRows > 0 && i == maxRows {
			break
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", resources[i], r[0], r[1], r[2])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if maxRows > 0 && len(rows) > maxRows {
		_, err := fmt.Fprintf(w, "… and %d more\n", len(rows)-maxRows)
		return err
	}
	return nil
}

// tableRows is one change as rows of field, recorded and live text.
func tableRows(c Change) [][3]string {
	if c.Change == Deleted {
		return [][3]string{{"(resource)", Text(c.Recorded), "deleted"}}
	}
	rec, recOK := encodedObject(c.Recorded)
	live, liveOK := encodedObject(c.Live)
	if !recOK && !liveOK || !recOK && !isNone(c.Recorded) || !liveOK && !isNone(c.Live) {
		return [][3]string{{c.Field, Text(c.Recorded), Text(c.Live)}}
	}
	names := mapkeys.SortedUnion(rec, live)
	var out [][3]string
	for _, k := range names {
		if !SameJSON(rec[k], live[k]) {
			out = append(out, [3]string{c.Field + "." + k, Text(orNull(rec[k])), Text(orNull(live[k]))})
		}
	}
	if len(out) == 0 { // the same object, written differently
		return [][3]string{{c.Field, Text(c.Recorded), Text(c.Live)}}
	}
	return out
}

// encodedObject returns the leaves of a JSON string that holds a JSON
// object, by dotted path.
func encodedObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, false
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(s), &obj); err != nil || obj == nil {
		return nil, false
	}
	return flatten(obj), true
}

// isNone reports a value that means "none": absent, null, "" or [].
func isNone(raw json.RawMessage) bool {
	return SameJSON(raw, nil)
}
