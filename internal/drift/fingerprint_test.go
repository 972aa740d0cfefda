package drift

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
)

const (
	poolID    = "us-east-1_AbCdEf123"
	webID     = "1abcwebclient0000000000000"
	nativeID  = "7defnativeclient0000000000"
	ipID      = "us-east-1:11111111-2222-3333-4444-555555555555"
	authARN   = "arn:aws:iam::123456789012:role/acme-auth-role"
	unauthARN = "arn:aws:iam::123456789012:role/service-role/acme-unauth-role"
	provider  = "cognito-idp.us-east-1.amazonaws.com/" + poolID
)

func trust(amr string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},` +
		`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"` + ipID +
		`"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"` + amr + `"}}}]}`
}

// snapshot is a complete, healthy selection.
func snapshot() *cognito.Snapshot {
	client := func(id, name, cb string, secret bool) cognito.AppClient {
		return cognito.AppClient{ID: id, Name: name, UserPoolID: poolID, HasSecret: secret, OAuthEnabled: true,
			SupportedIdentityProviders: []string{"COGNITO", "Google"}, CallbackURLs: []string{cb}, LogoutURLs: []string{cb},
			AllowedOAuthFlows: []string{"code"}, AllowedOAuthScopes: []string{"openid", "email"}}
	}
	return &cognito.Snapshot{
		Pool: cognito.UserPool{ID: poolID, Name: "acme", Region: "us-east-1", Domain: "acme-login",
			MFA:                cognito.MFA{Configuration: "OPTIONAL", SMS: true, TOTP: true, SNSCallerARN: "arn:aws:iam::123456789012:role/sms"},
			UsernameAttributes: []string{"email"}, AutoVerifiedAttributes: []string{"email"},
			Attributes:     []cognito.Attribute{{Name: "sub", Required: true}, {Name: "email", Required: true, Mutable: true}},
			PasswordPolicy: cognito.PasswordPolicy{MinLength: 10, RequireNumbers: true}},
		Clients: []cognito.AppClient{
			client(webID, "acme-web", "https://app.acme.com/", false),
			client(nativeID, "acme-native", "myapp://callback/", true),
		},
		IdentityProviders: []cognito.IdentityProvider{{Name: "Google", Type: "Google"}},
		WebClientID:       webID, NativeClientID: nativeID,
		IdentityPool: &cognito.IdentityPool{ID: ipID, Name: "acme_identity", AllowUnauthenticated: true,
			CognitoProviders: []cognito.CognitoProvider{{ProviderName: provider, ClientID: webID}, {ProviderName: provider, ClientID: nativeID}},
			AuthRoleARN:      authARN, UnauthRoleARN: unauthARN},
		AuthRole:   &cognito.Role{ARN: authARN, Name: "acme-auth-role", Found: true, TrustPolicy: trust("authenticated")},
		UnauthRole: &cognito.Role{ARN: unauthARN, Name: "acme-unauth-role", Found: true, TrustPolicy: trust("unauthenticated")},
	}
}

// gotChange is the part of a Change the table compares.
type gotChange struct{ Part, Field, Recorded, Live, Change string }

// diffCases change the snapshot after the fingerprint was taken.
var diffCases = []struct {
	name   string
	mutate func(s *cognito.Snapshot)
	want   []gotChange
}{
	{name: "unchanged"},
	{name: "trust policy re-encoded by IAM is no drift", mutate: func(s *cognito.Snapshot) {
		var doc any
		_ = json.Unmarshal([]byte(s.AuthRole.TrustPolicy), &doc)
		b, _ := json.MarshalIndent(doc, "", "    ")
		s.AuthRole.TrustPolicy = string(b)
	}},
	{name: "callback URLs changed", mutate: func(s *cognito.Snapshot) {
		s.Clients[0].CallbackURLs = []string{"https://new.acme.com/"}
	}, want: []gotChange{{PartWebClient, "CallbackURLs", "https://app.acme.com/", "https://new.acme.com/", Changed}}},
	{name: "MFA turned off", mutate: func(s *cognito.Snapshot) {
		s.Pool.MFA = cognito.MFA{Configuration: "OFF"}
	}, want: []gotChange{
		{PartUserPool, "MfaConfiguration", "OPTIONAL", "OFF", Changed},
		{PartUserPool, "MfaConfiguration.SMS", "true", "false", Changed},
		{PartUserPool, "MfaConfiguration.TOTP", "true", "false", Changed},
		{PartUserPool, "SmsConfiguration.SnsCallerArn", "arn:aws:iam::123456789012:role/sms", "none", Changed},
	}},
	{name: "native client deleted", mutate: func(s *cognito.Snapshot) {
		s.Clients = s.Clients[:1]
	}, want: []gotChange{{PartNativeClient, "", nativeID, "none", Deleted}}},
	{name: "identity pool roles swapped", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN, s.IdentityPool.UnauthRoleARN = unauthARN, authARN
		s.AuthRole, s.UnauthRole = s.UnauthRole, s.AuthRole
	}, want: []gotChange{
		{PartIdentityPool, "Roles.authenticated", authARN, unauthARN, Changed},
		{PartIdentityPool, "Roles.unauthenticated", unauthARN, authARN, Changed},
		{PartAuthRole, "id", authARN, unauthARN, Replaced},
		{PartUnauthRole, "id", unauthARN, authARN, Replaced},
	}},
	{name: "pool renamed, provider added", mutate: func(s *cognito.Snapshot) {
		s.Pool.Name = "acme-v2"
		s.IdentityProviders = append(s.IdentityProviders, cognito.IdentityProvider{Name: "Okta", Type: "OIDC"})
	}, want: []gotChange{
		{PartUserPool, "Name", "acme", "acme-v2", Changed},
		{PartUserPool, "IdentityProviders", "Google (Google)", "Google (Google), Okta (OIDC)", Changed},
	}},
	{name: "role deleted from IAM", mutate: func(s *cognito.Snapshot) {
		s.UnauthRole.Found = false
	}, want: []gotChange{{PartUnauthRole, "", unauthARN, "none", Deleted}}},
}

func TestDiff(t *testing.T) {
	for _, tc := range diffCases {
		t.Run(tc.name, func(t *testing.T) {
			recorded := Take(snapshot())
			s := snapshot()
			if tc.mutate != nil {
				tc.mutate(s)
			}
			got := []gotChange{}
			for _, c := range Diff(recorded, Take(s)) {
				if c.Resource == "" {
					t.Errorf("change without a resource: %+v", c)
				}
				got = append(got, gotChange{c.Part, c.Field, Text(c.Recorded), Text(c.Live), c.Change})
			}
			if tc.want == nil {
				tc.want = []gotChange{}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFingerprintRoundTrip: a fingerprint stored as JSON and read back
// diffs clean against the live one (stored files are indented and their
// values re-encoded).
func TestFingerprintRoundTrip(t *testing.T) {
	fp := Take(snapshot())
	b, err := json.MarshalIndent(fp, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var back Fingerprint
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if changes := Diff(back, Take(snapshot())); len(changes) != 0 {
		t.Errorf("round trip drifted: %+v", changes)
	}
	if back.Version != Version || len(back.Parts) != 6 {
		t.Errorf("want version %d and 6 parts, got %d and %d", Version, back.Version, len(back.Parts))
	}
}

func TestTakeSameClientOnce(t *testing.T) {
	s := snapshot()
	s.NativeClientID = webID
	s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil
	var kinds []string
	for _, p := range Take(s).Parts {
		kinds = append(kinds, p.Kind)
	}
	if diff := cmp.Diff([]string{PartUserPool, PartWebClient}, kinds); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
}

func TestUncheckedParts(t *testing.T) {
	recorded := Take(snapshot())
	s := snapshot()
	s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil
	live := Take(s)
	live.unchecked = map[string]bool{PartAuthRole: true, PartUnauthRole: true}
	got := Diff(recorded, live)
	if len(got) != 1 || got[0].Part != PartIdentityPool || got[0].Change != Deleted {
		t.Errorf("want only the identity pool deleted, got %+v", got)
	}
}

func TestSameJSONAndText(t *testing.T) {
	same := [][2]string{{`null`, `[]`}, {`""`, ``}, {`{"a":1,"b":2}`, `{"b":2, "a":1}`}, {`["x"]`, `[ "x" ]`}}
	for _, p := range same {
		if !SameJSON(json.RawMessage(p[0]), json.RawMessage(p[1])) {
			t.Errorf("SameJSON(%s, %s) = false", p[0], p[1])
		}
	}
	if SameJSON(json.RawMessage(`["a","b"]`), json.RawMessage(`["b","a"]`)) {
		t.Error("list order must count: it reaches the client config")
	}
	texts := map[string]string{`null`: "none", `[]`: "none", `""`: "none", `"x"`: "x", `["a","b"]`: "a, b", `true`: "true", `{"a": 1}`: `{"a":1}`}
	for in, want := range texts {
		if got := Text(json.RawMessage(in)); got != want {
			t.Errorf("Text(%s) = %q, want %q", in, got, want)
		}
	}
}
