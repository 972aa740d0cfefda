package importauth

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeFindingsCase is the one shape of the WriteFindings tests.
type writeFindingsCase struct {
	name string
	in   Findings
	want string
}

var writeFindingsCases = []writeFindingsCase{
	{name: "no findings", in: nil, want: ""},
	{
		name: "errors before warnings, multi-line values indented, empty fields left out",
		in: Findings{
			{Rule: RuleLogoutURL, Severity: SeverityWarning, Resource: "app client web", Field: "LogoutURLs",
				Found: "none", Need: "a sign-out URL", Fix: "add one"},
			{Rule: RuleWebClient, Severity: SeverityError, Resource: "app client web", Field: "ClientSecret",
				Found: "set", Need: "no client secret", Detail: "web  | native\ncode | code\n",
				Fix: "create a client:\naws cognito-idp create-user-pool-client"},
			{Rule: RuleRoles, Severity: SeverityError, Resource: "role r", Field: "Found", Fix: "create it"},
		},
		want: "✖ app client web: ClientSecret\n" +
			"    found: set\n" +
			"    need:  no client secret\n" +
			"           web  | native\n" +
			"           code | code\n" +
			"    fix:   create a client:\n" +
			"           aws cognito-idp create-user-pool-client\n" +
			"\n" +
			"✖ role r: Found\n" +
			"    fix:   create it\n" +
			"\n" +
			"⚠ app client web: LogoutURLs\n" +
			"    found: none\n" +
			"    need:  a sign-out URL\n" +
			"    fix:   add one\n" +
			"\n",
	},
}

func TestWriteFindings(t *testing.T) {
	for _, tc := range writeFindingsCases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			WriteFindings(&b, tc.in)
			if diff := cmp.Diff(tc.want, b.String()); diff != "" {
				t.Errorf("output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
