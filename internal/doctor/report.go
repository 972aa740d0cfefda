package doctor

import (
	"github.com/ampgo/ampgo/internal/importauth"
)

// SchemaVersion is the version of the JSON report (docs/doctor-schema.json).
// Fields are only ever added within a major version.
//
// 1.1: eligible.userPoolAndIdentityPool is null when it is unknown (the
// region's identity pools could not be read); it was false before.
const SchemaVersion = "1.1"

// Report is the result of one doctor run: the JSON output of
// `ampgo doctor auth --output json`, documented in docs/doctor-schema.json.
type Report struct {
	SchemaVersion string `json:"schemaVersion"`
	Region        string `json:"region"`
	// UserPoolID is set when the run focused on one pool (--user-pool-id).
	UserPoolID string  `json:"userPoolId,omitempty"`
	Caller     *Caller `json:"caller"`
	// Pools is every user pool of the region (or the focused one), sorted
	// by name, then id.
	Pools []PoolReport `json:"userPools"`
	// Errors are region-wide reads that failed (listing pools or identity
	// pools); the affected parts of the report are incomplete.
	Errors      []string     `json:"errors"`
	Permissions []Permission `json:"permissions"`
	// MissingPolicy grants the actions that were denied; nil when none was.
	MissingPolicy *Policy `json:"missingPermissionsPolicy"`
	Summary       Summary `json:"summary"`

	err error // a region-wide listing that failed, see Err
}

// Err is the failure of a region-wide listing the report was made without
// (the identity pools), with its exit code and fix, or nil. The report is
// still worth printing; the command then fails with Err, so a script does
// not take "unknown" for "checked".
func (r *Report) Err() error { return r.err }

// Caller is whose credentials the run used (sts:GetCallerIdentity).
type Caller struct {
	Account string `json:"account"`
	ARN     string `json:"arn"`
}

// PoolReport is everything doctor found about one user pool.
type PoolReport struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// ReadError says why the pool could not be checked; the other fields
	// are then empty.
	ReadError string      `json:"readError,omitempty"`
	Eligible  Eligibility `json:"eligible"`
	// IdentityPoolsUnknown is set when the region's identity pools could
	// not be read, so "User Pool and Identity Pool" was not judged.
	IdentityPoolsUnknown bool                 `json:"identityPoolsUnknown,omitempty"`
	identityPoolsErr     string               // why, for the text report
	Clients              []ClientReport       `json:"clients"`
	IdentityPools        []IdentityPoolReport `json:"identityPools"`
	// Candidates are the combinations that pass every import rule, each
	// ready for `ampgo import auth`.
	Candidates []Candidate `json:"candidates"`
	Findings   []Finding   `json:"findings"`
	raw        importauth.Findings
}

// Eligibility says for which kind of import the pool passes every rule.
// UserPoolAndIdentityPool is nil (JSON null) when it is not known: the
// pool passes as "User Pool only" but the region's identity pools could not
// be read, or the pool itself could not be read (ReadError). Unknown is
// never reported as false.
type Eligibility struct {
	UserPoolOnly            bool  `json:"userPoolOnly"`
	UserPoolAndIdentityPool *bool `json:"userPoolAndIdentityPool"`
}

// Both reports whether the pool is known to pass as "User Pool and
// Identity Pool".
func (e Eligibility) Both() bool {
	return e.UserPoolAndIdentityPool != nil && *e.UserPoolAndIdentityPool
}

// ClientReport is one app client of a pool.
type ClientReport struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	HasSecret bool   `json:"hasSecret"`
	// Role is "web" for a client without a secret (it can be the web
	// client) and "native" otherwise.
	Role string `json:"role"`
	// Errors counts the blocking findings of the client in that role.
	Errors int `json:"errors"`
}

// IdentityPoolReport is one identity pool that lists the user pool.
type IdentityPoolReport struct {
	ID                   string `json:"id"`
	Name                 string `json:"name"`
	AllowUnauthenticated bool   `json:"allowUnauthenticated"`
	AuthRoleARN          string `json:"authRoleArn"`
	UnauthRoleARN        string `json:"unauthRoleArn"`
	ReadError            string `json:"readError,omitempty"`
	// Errors counts the blocking findings about the identity pool and its roles.
	Errors int `json:"errors"`
}

// Candidate is one importable combination; IdentityPoolID is empty for
// "User Pool only".
type Candidate struct {
	WebClientID    string `json:"webClientId"`
	IdentityPoolID string `json:"identityPoolId,omitempty"`
}

// Finding is importauth.Finding in the report's JSON shape.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Resource string `json:"resource"`
	Field    string `json:"field"`
	Found    string `json:"found"`
	Need     string `json:"need"`
	Fix      string `json:"fix"`
	Detail   string `json:"detail,omitempty"`
}

func toFindings(fs importauth.Findings) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Rule: f.Rule, Severity: string(f.Severity), Resource: f.Resource, Field: f.Field,
			Found: f.Found, Need: f.Need, Fix: f.Fix, Detail: f.Detail}
	}
	return out
}

// Summary counts the pools by outcome, and the AWS calls of the run.
type Summary struct {
	UserPools               int `json:"userPools"`
	UserPoolAndIdentityPool int `json:"eligibleUserPoolAndIdentityPool"`
	UserPoolOnly            int `json:"eligibleUserPoolOnly"`
	NotEligible             int `json:"notEligible"`
	NotChecked              int `json:"notChecked"`
	// APICalls counts AWS operations (retries not counted).
	APICalls int `json:"apiCalls"`
}

// summarize counts the pools of r.
func summarize(pools []PoolReport) Summary {
	s := Summary{UserPools: len(pools)}
	for _, p := range pools {
		switch {
		case p.ReadError != "":
			s.NotChecked++
		case p.Eligible.Both():
			s.UserPoolAndIdentityPool++
		case p.Eligible.UserPoolOnly:
			s.UserPoolOnly++
		default:
			s.NotEligible++
		}
	}
	return s
}
