package doctor

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/importauth"
)

// TestWriteTextGroups: pool lines grouped by verdict (eligible first), by
// name within a group; a finding that 3 pools share printed once.
func TestWriteTextGroups(t *testing.T) {
	noWeb := func(name, id string) PoolReport {
		return PoolReport{ID: id, Name: name, raw: importauth.Findings{{Rule: importauth.RuleWebClient, Severity: importauth.SeverityError,
			Resource: fmt.Sprintf("user pool %q (%s)", name, id), Field: "ClientSecret", Found: "no app clients",
			Need: "at least one app client without a client secret (a web client)",
			Fix:  "aws cognito-idp create-user-pool-client --user-pool-id " + id + " --client-name web"}}}
	}
	r := &Report{Region: "us-east-1", Pools: []PoolReport{
		noWeb("alpha", "us-east-1_A"),
		{ID: "us-east-1_B", Name: "beta", Eligible: Eligibility{true, new(true)},
			Candidates: []Candidate{{WebClientID: "w", IdentityPoolID: "i"}}},
		noWeb("gamma", "us-east-1_C"),
		noWeb("zeta", "us-east-1_Z"),
	}}
	var b bytes.Buffer
	WriteText(&b, r, false)
	out := b.String()
	lines := strings.Split(out, "\n")
	want := []string{`✔ beta (us-east-1_B)`, ``, `✖ alpha (us-east-1_A)`, `✖ gamma (us-east-1_C)`, `✖ zeta (us-east-1_Z)`}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) || w == "" && lines[i] != "" {
			t.Errorf("line %d = %q, want it to start with %q\n%s", i, lines[i], w, out)
		}
	}
	if n := strings.Count(out, "ClientSecret"); n != 1 {
		t.Errorf("the shared finding is printed %d times, want once:\n%s", n, out)
	}
	for _, sub := range []string{"── 3 user pools with the same finding ──\nalpha, gamma, zeta\n", "✖ each user pool: ClientSecret",
		"--user-pool-id <user-pool-id> --client-name web", "found: no app clients", "── beta (us-east-1_B) ──\nimport with:"} {
		if !strings.Contains(out, sub) {
			t.Errorf("text lacks %q:\n%s", sub, out)
		}
	}
	if strings.Contains(out, "── alpha") {
		t.Errorf("a pool whose only finding is shared still gets a section:\n%s", out)
	}
}
