// Package importauth holds the import rules, the selection logic, and the
// conversion of a validated selection into what the project records. Rules
// judge a cognito.Snapshot and never call AWS, so import, doctor, env add and
// refresh all run the same code and it is table-tested without a network.
package importauth

// Severity of a finding.
type Severity string

// Severities. Errors block the import (exit 3); warnings are printed and the
// import goes on.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one problem found by a rule, with everything a user needs to fix it.
type Finding struct {
	Rule     string   // short rule id: "web-client", "oauth-match", "logout-url", "identity-pool-provider", "roles", "trust-policy"
	Severity Severity //
	Resource string   // "user pool us-east-1_abc", "app client acme-native (7def…)", "role acme-auth-role"
	Field    string   // "ClientSecret", "AllowedOAuthFlows", "AssumeRolePolicyDocument"
	Found    string   // the value found, human-readable
	Need     string   // the value needed
	Fix      string   // console path or exact aws CLI command (may be multi-line, e.g. a JSON policy)
	Detail   string   // optional extra text, e.g. a side-by-side table
}

// Findings is the result of running the rules.
type Findings []Finding

// Errors returns only the blocking findings.
func (fs Findings) Errors() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityError {
			out = append(out, f)
		}
	}
	return out
}

// Warnings returns only the non-blocking findings.
func (fs Findings) Warnings() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityWarning {
			out = append(out, f)
		}
	}
	return out
}
