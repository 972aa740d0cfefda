package drift

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/mapkeys"
)

// Change kinds.
const (
	Changed  = "changed"  // a setting has another value
	Deleted  = "deleted"  // the resource no longer exists
	Replaced = "replaced" // another resource took its place (a role ARN, an id)
	Added    = "added"    // a resource that was not recorded (a role set later)
)

// Change is one difference between what was recorded and what is live.
// Recorded and Live are JSON values; null means "none" (or, for Live of a
// deleted resource, gone).
type Change struct {
	// Part is the fingerprint part kind ("webClient"), or the project file
	// for differences in recorded settings ("parameters.json").
	Part     string          `json:"part"`
	Resource string          `json:"resource"`
	Field    string          `json:"field"`
	Recorded json.RawMessage `json:"recorded"`
	Live     json.RawMessage `json:"live"`
	Change   string          `json:"change"`
}

// Diff compares a recorded fingerprint with a live one, part by part in
// recorded order, then settings in name order. A recorded part without
// Settings (a skeleton of ids) is compared by id only.
func Diff(recorded, live Fingerprint) []Change {
	out := []Change{}
	byKind := map[string]Part{}
	for _, p := range live.Parts {
		byKind[p.Kind] = p
	}
	seen := map[string]bool{}
	for _, rp := range recorded.Parts {
		seen[rp.Kind] = true
		lp, ok := byKind[rp.Kind]
		switch {
		case !ok && live.unchecked[rp.Kind]:
		case !ok:
			out = append(out, Change{Part: rp.Kind, Resource: describe(rp), Field: "", Recorded: jsonString(rp.ID),
				Live: json.RawMessage("null"), Change: Deleted})
		case lp.ID != rp.ID:
			out = append(out, Change{Part: rp.Kind, Resource: describe(rp), Field: "id", Recorded: jsonString(rp.ID),
				Live: jsonString(lp.ID), Change: Replaced})
		case rp.Settings != nil:
			out = append(out, diffSettings(rp, lp)...)
		}
	}
	for _, lp := range live.Parts {
		if !seen[lp.Kind] {
			out = append(out, Change{Part: lp.Kind, Resource: describe(lp), Recorded: json.RawMessage("null"),
				Live: jsonString(lp.ID), Change: Added})
		}
	}
	return out
}

func diffSettings(rp, lp Part) []Change {
	var out []Change
	if rp.Name != lp.Name {
		out = append(out, Change{Part: rp.Kind, Resource: describe(rp), Field: "Name",
			Recorded: jsonString(rp.Name), Live: jsonString(lp.Name), Change: Changed})
	}
	names := mapkeys.SortedUnion(rp.Settings, lp.Settings)
	for _, k := range names {
		r, l := rp.Settings[k], lp.Settings[k]
		if SameJSON(r, l) {
			continue
		}
		out = append(out, Change{Part: rp.Kind, Resource: describe(rp), Field: k,
			Recorded: orNull(r), Live: orNull(l), Change: Changed})
	}
	return out
}

// describe names a part for people: `web client "acme-web" (4abc…)`.
func describe(p Part) string {
	label := map[string]string{
		PartUserPool: "user pool", PartWebClient: "web client", PartNativeClient: "native client",
		PartIdentityPool: "identity pool", PartAuthRole: "authenticated role", PartUnauthRole: "unauthenticated role",
	}[p.Kind]
	if label == "" {
		label = p.Kind
	}
	if p.Name == "" {
		return fmt.Sprintf("%s %s", label, p.ID)
	}
	return fmt.Sprintf("%s %q (%s)", label, p.Name, p.ID)
}

// SameJSON reports whether two JSON values are equal once parsed, with
// absent, null, "" and [] all meaning "none".
func SameJSON(a, b json.RawMessage) bool {
	return bytes.Equal(canonical(a), canonical(b))
}

func canonical(raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return []byte("null")
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return raw
	}
	switch t := v.(type) {
	case string:
		if t == "" {
			return []byte("null")
		}
	case []any:
		if len(t) == 0 {
			return []byte("null")
		}
	}
	b, _ := json.Marshal(v) // maps marshal with sorted keys
	return b
}

// orNull returns raw compacted (stored fingerprints are indented), or null.
func orNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return raw
	}
	return b.Bytes()
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// Text renders a JSON value for a table cell: a string as itself, a list
// of strings comma-separated, "none" for nothing, anything else as compact
// JSON.
func Text(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	switch t := v.(type) {
	case nil:
		return "none"
	case string:
		if t == "" {
			return "none"
		}
		return t
	case []any:
		parts := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return compact(raw)
			}
			parts = append(parts, s)
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, ", ")
	}
	return compact(raw)
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}
