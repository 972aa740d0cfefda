package doctor

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/importauth"
)

const (
	poolID   = "us-east-1_AbCdEf123"
	webID    = "1abcwebclient0000000000000"
	nativeID = "7defnativeclient0000000000"
	ipID     = "us-east-1:11111111-2222-3333-4444-555555555555"
	authARN  = "arn:aws:iam::123456789012:role/acme-auth-role"
	unARN    = "arn:aws:iam::123456789012:role/service-role/acme-unauth-role"
	provider = "cognito-idp.us-east-1.amazonaws.com/" + poolID
)

func trust(amr string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},` +
		`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"` + ipID +
		`"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"` + amr + `"}}}]}`
}

// goodFacts is a pool that passes everything: web and native client with
// matching OAuth settings, an identity pool that lists both, sound roles.
func goodFacts() facts {
	client := func(id, name, cb string, secret bool) cognito.AppClient {
		return cognito.AppClient{ID: id, Name: name, UserPoolID: poolID, HasSecret: secret, OAuthEnabled: true,
			SupportedIdentityProviders: []string{"COGNITO", "Google"}, CallbackURLs: []string{cb}, LogoutURLs: []string{cb},
			AllowedOAuthFlows: []string{"code"}, AllowedOAuthScopes: []string{"openid", "email"}}
	}
	return facts{
		Pool: &cognito.Snapshot{
			Pool: cognito.UserPool{ID: poolID, Name: "acme", Region: "us-east-1", Domain: "acme-login",
				Attributes: []cognito.Attribute{{Name: "email", Required: true, Mutable: true}}},
			Clients:           []cognito.AppClient{client(webID, "acme-web", "https://app.acme.com/", false), client(nativeID, "acme-native", "myapp://cb/", true)},
			IdentityProviders: []cognito.IdentityProvider{{Name: "Google", Type: "Google"}},
		},
		Linked: []linked{{
			IP: cognito.IdentityPool{ID: ipID, Name: "acme_identity", AllowUnauthenticated: true, AuthRoleARN: authARN, UnauthRoleARN: unARN,
				CognitoProviders: []cognito.CognitoProvider{{ProviderName: provider, ClientID: webID}, {ProviderName: provider, ClientID: nativeID}}},
			Auth:   &cognito.Role{ARN: authARN, Name: "acme-auth-role", Found: true, TrustPolicy: trust("authenticated")},
			Unauth: &cognito.Role{ARN: unARN, Name: "acme-unauth-role", Found: true, TrustPolicy: trust("unauthenticated")},
		}},
	}
}

// finding is the part of a finding the table compares.
type finding struct{ Rule, Severity, Field string }

// judgeCases change goodFacts and say what the report must be.
var judgeCases = []struct {
	name       string
	mutate     func(f *facts)
	guests     []string
	eligible   Eligibility
	candidates []Candidate
	findings   []finding
}{
	{name: "healthy", eligible: Eligibility{true, new(true)},
		candidates: []Candidate{{WebClientID: webID}, {WebClientID: webID, IdentityPoolID: ipID}}},
	{name: "no identity pool lists it", mutate: func(f *facts) { f.Linked = nil },
		eligible: Eligibility{UserPoolOnly: true, UserPoolAndIdentityPool: new(false)}, candidates: []Candidate{{WebClientID: webID}}},
	{name: "every client has a secret", mutate: func(f *facts) { f.Pool.Clients[0].HasSecret = true },
		findings: []finding{{importauth.RuleWebClient, "error", "ClientSecret"}, {importauth.RuleIdentityPoolProvider, "error", "CognitoIdentityProviders"}}},
	{name: "native OAuth differs: a warning about that pair only", mutate: func(f *facts) {
		f.Pool.Clients[1].AllowedOAuthFlows = []string{"implicit"}
	}, eligible: Eligibility{true, new(true)},
		candidates: []Candidate{{WebClientID: webID}, {WebClientID: webID, IdentityPoolID: ipID}},
		findings:   []finding{{importauth.RuleOAuthMatch, "warning", "AllowedOAuthFlows"}}},
	{name: "identity pool lists the web client only", mutate: func(f *facts) {
		f.Linked[0].IP.CognitoProviders = f.Linked[0].IP.CognitoProviders[:1]
	}, eligible: Eligibility{true, new(true)},
		candidates: []Candidate{{WebClientID: webID}, {WebClientID: webID, IdentityPoolID: ipID}},
		findings:   []finding{{importauth.RuleIdentityPoolProvider, "info", "CognitoIdentityProviders"}}},
	{name: "auth role trust wrong", mutate: func(f *facts) { f.Linked[0].Auth.TrustPolicy = trust("unauthenticated") },
		eligible: Eligibility{UserPoolOnly: true, UserPoolAndIdentityPool: new(false)}, candidates: []Candidate{{WebClientID: webID}},
		findings: []finding{{importauth.RuleTrustPolicy, "error", "AssumeRolePolicyDocument"}}},
	{name: "web client without callback URL", mutate: func(f *facts) { f.Pool.Clients[0].CallbackURLs = nil },
		findings: []finding{{importauth.RuleCallbackURL, "error", "CallbackURLs"}}},
	{name: "no sign-out URL, no domain, aliases", mutate: func(f *facts) {
		f.Pool.Pool.Domain, f.Pool.Pool.AliasAttributes = "", []string{"email"}
		f.Pool.Clients[0].LogoutURLs = nil
	}, eligible: Eligibility{true, new(true)},
		candidates: []Candidate{{WebClientID: webID}, {WebClientID: webID, IdentityPoolID: ipID}},
		findings: []finding{{importauth.RuleAliasAttributes, "warning", "AliasAttributes"},
			{importauth.RuleHostedUIDomain, "warning", "Domain"}, {importauth.RuleLogoutURL, "warning", "LogoutURLs"}}},
	{name: "required attribute immutable with Google", mutate: func(f *facts) { f.Pool.Pool.Attributes[0].Mutable = false },
		eligible:   Eligibility{true, new(true)},
		candidates: []Candidate{{WebClientID: webID}, {WebClientID: webID, IdentityPoolID: ipID}},
		findings:   []finding{{importauth.RuleRequiredAttributes, "warning", "SchemaAttributes.Mutable"}}},
	{name: "guest access off, nothing needs it", mutate: func(f *facts) { f.Linked[0].IP.AllowUnauthenticated = false },
		eligible:   Eligibility{true, new(true)},
		candidates: []Candidate{{WebClientID: webID}, {WebClientID: webID, IdentityPoolID: ipID}},
		findings:   []finding{{importauth.RuleGuestAccess, "info", "AllowUnauthenticatedIdentities"}}},
	{name: "guest access off, storage needs it", mutate: func(f *facts) { f.Linked[0].IP.AllowUnauthenticated = false },
		guests: []string{"storage/photos"}, eligible: Eligibility{UserPoolOnly: true, UserPoolAndIdentityPool: new(false)}, candidates: []Candidate{{WebClientID: webID}},
		findings: []finding{{importauth.RuleGuestAccess, "error", "AllowUnauthenticatedIdentities"}}},
	{name: "identity pool roles unreadable", mutate: func(f *facts) {
		f.Linked[0].ReadError = "cognito-identity:GetIdentityPoolRoles failed: AccessDeniedException: no"
	}, eligible: Eligibility{UserPoolOnly: true, UserPoolAndIdentityPool: new(false)}, candidates: []Candidate{{WebClientID: webID}}},
}

func TestJudge(t *testing.T) {
	for _, tc := range judgeCases {
		t.Run(tc.name, func(t *testing.T) {
			f := goodFacts()
			if tc.mutate != nil {
				tc.mutate(&f)
			}
			got := judge(f, tc.guests)
			if tc.eligible == (Eligibility{}) {
				tc.eligible.UserPoolAndIdentityPool = new(false)
			}
			if !cmp.Equal(got.Eligible, tc.eligible) {
				t.Errorf("eligible (-want +got):\n%s", cmp.Diff(tc.eligible, got.Eligible))
			}
			if tc.candidates == nil {
				tc.candidates = []Candidate{}
			}
			if diff := cmp.Diff(tc.candidates, got.Candidates); diff != "" {
				t.Errorf("candidates (-want +got):\n%s", diff)
			}
			gotF := []finding{}
			for _, fd := range got.Findings {
				gotF = append(gotF, finding{fd.Rule, fd.Severity, fd.Field})
				if fd.Fix == "" || fd.Found == "" || fd.Need == "" {
					t.Errorf("finding without found/need/fix: %+v", fd)
				}
			}
			if tc.findings == nil {
				tc.findings = []finding{}
			}
			if diff := cmp.Diff(tc.findings, gotF); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(got, judge(f, tc.guests), cmp.AllowUnexported(PoolReport{})); diff != "" {
				t.Errorf("not deterministic:\n%s", diff)
			}
		})
	}
}

func TestPoolLine(t *testing.T) {
	cases := map[string]PoolReport{
		`✔ acme (p1)  eligible for "User Pool and Identity Pool" and "User Pool only"`: {ID: "p1", Name: "acme", Eligible: Eligibility{true, new(true)}},
		`✔ acme (p1)  eligible for "User Pool only"; not for "User Pool and Identity Pool": no identity pool lists this user pool`: {
			ID: "p1", Name: "acme", Eligible: Eligibility{UserPoolOnly: true, UserPoolAndIdentityPool: new(false)}},
		`✖ acme (p1)  not eligible: 1 problem`: {ID: "p1", Name: "acme", raw: importauth.Findings{{Severity: importauth.SeverityError}}},
		`? p1  not checked: denied`:            {ID: "p1", ReadError: "denied"},
		`✔ acme (p1)  eligible for "User Pool only"; "User Pool and Identity Pool": unknown (identity pools could not be read: denied)`: {
			ID: "p1", Name: "acme", Eligible: Eligibility{UserPoolOnly: true}, IdentityPoolsUnknown: true, identityPoolsErr: "denied"},
	}
	for want, p := range cases {
		if got := PoolLine(p); got != want {
			t.Errorf("PoolLine = %q, want %q", got, want)
		}
	}
}

func TestImportCommand(t *testing.T) {
	p := PoolReport{ID: "p1", Candidates: []Candidate{{WebClientID: "w"}, {WebClientID: "w", IdentityPoolID: "i"}}}
	if got := importCommand("us-east-1", p); !strings.HasSuffix(got, "--web-client-id w --identity-pool-id i") {
		t.Errorf("importCommand prefers an identity pool: %q", got)
	}
	p.Candidates = p.Candidates[:1]
	if got := importCommand("us-east-1", p); !strings.HasSuffix(got, "--user-pool-only") {
		t.Errorf("importCommand user pool only: %q", got)
	}
}
