package drift

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteTable(t *testing.T) {
	oauth := func(url string) json.RawMessage {
		inner, _ := json.Marshal(map[string]any{"AllowedOAuthFlows": []string{"code"}, "CallbackURLs": []string{url}})
		b, _ := json.Marshal(string(inner))
		return b
	}
	tests := []struct {
		name    string
		changes []Change
		max     int
		want    string
	}{
		{name: "a setting", changes: []Change{{Resource: "user pool", Field: "MfaConfiguration",
			Recorded: json.RawMessage(`"OPTIONAL"`), Live: json.RawMessage(`"OFF"`), Change: Changed}},
			want: "Resource    Field              Recorded   Live\n" +
				"user pool   MfaConfiguration   OPTIONAL   OFF\n"},
		{name: "deleted", changes: []Change{{Resource: "web client x", Recorded: json.RawMessage(`"4abc"`),
			Live: json.RawMessage(`null`), Change: Deleted}},
			want: "Resource       Field        Recorded   Live\n" +
				"web client x   (resource)   4abc       deleted\n"},
		{name: "JSON in a string: only the keys that differ", changes: []Change{{Resource: "parameters.json", Field: "oAuthMetadata",
			Recorded: oauth("https://app.acme.com/"), Live: oauth("https://new.acme.com/"), Change: Changed}},
			want: "Resource          Field                        Recorded                Live\n" +
				"parameters.json   oAuthMetadata.CallbackURLs   https://app.acme.com/   https://new.acme.com/\n"},
		{name: "JSON in a string that appeared", changes: []Change{{Resource: "parameters.json", Field: "oAuthMetadata",
			Recorded: json.RawMessage(`null`), Live: oauth("https://new.acme.com/"), Change: Changed}},
			want: "Resource          Field                             Recorded   Live\n" +
				"parameters.json   oAuthMetadata.AllowedOAuthFlows   none       code\n" +
				"parameters.json   oAuthMetadata.CallbackURLs        none       https://new.acme.com/\n"},
		{name: "capped", max: 1, changes: []Change{
			{Resource: "r", Field: "A", Recorded: json.RawMessage(`"1"`), Live: json.RawMessage(`"2"`), Change: Changed},
			{Resource: "r", Field: "B", Recorded: json.RawMessage(`"1"`), Live: json.RawMessage(`"2"`), Change: Changed}},
			want: "Resource   Field   Recorded   Live\n" +
				"r          A       1          2\n" +
				"… and 1 more\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteTable(&b, tt.changes, tt.max); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("table (-want +got):\n%s", diff)
			}
		})
	}
}
