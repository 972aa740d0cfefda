package importauth

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/google/go-cmp/cmp"
)

const (
	testPoolID   = "us-east-1_AbCdEf123"
	testWebID    = "1abcwebclient0000000000000"
	testNativeID = "7defnativeclient0000000000"
	testAdminID  = "9adminclient00000000000000"
	testIPID     = "us-east-1:11111111-2222-3333-4444-555555555555"
	testAuthARN  = "arn:aws:iam::123456789012:role/acme-auth-role"
	// The newer console creates roles under service-role/ (cli#12817).
	testUnauthARN = "arn:aws:iam::123456789012:role/service-role/acme-unauth-role"
	testProvider  = "cognito-idp.us-east-1.amazonaws.com/" + testPoolID
)

// consoleTrust is a trust policy as the Cognito console writes it: Statement
// as an array, condition values as plain strings.
func consoleTrust(amr string) string {
	return `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "cognito-identity.amazonaws.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": "` + testIPID + `"},
        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "` + amr + `"}
      }
    }
  ]
}`
}

// goodSnapshot is a realistic pool that passes every rule: Google sign-in,
// a web client without a secret, a native client with a secret and its own
// myapp:// URLs, an admin client nobody chose, an identity pool that lists
// both chosen clients, and two roles with correct trust policies.
func goodSnapshot() *cognito.Snapshot {
	return &cognito.Snapshot{
		Pool: cognito.UserPool{ID: testPoolID, Name: "acme", Region: "us-east-1", Domain: "acme-login"},
		Clients: []cognito.AppClient{
			{
				ID: testWebID, Name: "acme-web", UserPoolID: testPoolID,
				OAuthEnabled:               true,
				SupportedIdentityProviders: []string{"COGNITO", "Google"},
				CallbackURLs:               []string{"https://app.acme.com/", "http://localhost:3000/"},
				LogoutURLs:                 []string{"https://app.acme.com/signout/"},
				AllowedOAuthFlows:          []string{"code"},
				AllowedOAuthScopes:         []string{"email", "openid", "profile"},
			},
			{
				ID: testNativeID, Name: "acme-native", UserPoolID: testPoolID, HasSecret: true,
				OAuthEnabled:               true,
				SupportedIdentityProviders: []string{"Google", "COGNITO"},
				CallbackURLs:               []string{"myapp://callback/"},
				LogoutURLs:                 []string{"myapp://signout/"},
				AllowedOAuthFlows:          []string{"code"},
				AllowedOAuthScopes:         []string{"profile", "openid", "email"},
			},
			{ID: testAdminID, Name: "acme-admin", UserPoolID: testPoolID, HasSecret: true},
		},
		IdentityProviders: []cognito.IdentityProvider{{Name: "Google", Type: "Google"}},
		WebClientID:       testWebID,
		NativeClientID:    testNativeID,
		IdentityPool: &cognito.IdentityPool{
			ID: testIPID, Name: "acme_identity", Region: "us-east-1",
			AllowUnauthenticated: true,
			CognitoProviders: []cognito.CognitoProvider{
				{ProviderName: testProvider, ClientID: testWebID},
				{ProviderName: testProvider, ClientID: testNativeID},
			},
			LoginProviders: []cognito.LoginProvider{{Domain: "accounts.google.com", AppID: "123.apps.googleusercontent.com"}},
			AuthRoleARN:    testAuthARN,
			UnauthRoleARN:  testUnauthARN,
		},
		AuthRole:   &cognito.Role{ARN: testAuthARN, Name: "acme-auth-role", Found: true, TrustPolicy: consoleTrust("authenticated")},
		UnauthRole: &cognito.Role{ARN: testUnauthARN, Name: "acme-unauth-role", Found: true, TrustPolicy: consoleTrust("unauthenticated")},
	}
}

// fixtureClient returns the fixture client with the given id, to mutate it.
func fixtureClient(s *cognito.Snapshot, id string) *cognito.AppClient {
	c := s.Client(id)
	if c == nil {
		panic("no fixture client " + id)
	}
	return c
}

// gotFinding is the part of a finding the table tests compare.
type gotFinding struct {
	Rule     string
	Severity Severity
	Resource string
	Field    string
}

const (
	resPool   = `user pool "acme" (us-east-1_AbCdEf123)`
	resWeb    = `app client "acme-web" (1abcwebclient0000000000000)`
	resNative = `app client "acme-native" (7defnativeclient0000000000)`
	resIP     = `identity pool "acme_identity" (us-east-1:11111111-2222-3333-4444-555555555555)`
	resAuth   = "role acme-auth-role"
	resUnauth = "role acme-unauth-role"
)

func errAt(rule, resource, field string) gotFinding {
	return gotFinding{Rule: rule, Severity: SeverityError, Resource: resource, Field: field}
}

func warnAt(rule, resource, field string) gotFinding {
	return gotFinding{Rule: rule, Severity: SeverityWarning, Resource: resource, Field: field}
}

// ruleCase is the one shape of every rule table test in this package.
type ruleCase struct {
	name   string
	mutate func(s *cognito.Snapshot)
	want   []gotFinding
}

// runRuleCases runs check on goodSnapshot changed by each case, compares the
// findings, and checks that every finding says what, where and how to fix.
func runRuleCases(t *testing.T, check func(*cognito.Snapshot) Findings, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := goodSnapshot()
			if tc.mutate != nil {
				tc.mutate(s)
			}
			fs := check(s)
			var gotFs []gotFinding
			for _, f := range fs {
				gotFs = append(gotFs, gotFinding{f.Rule, f.Severity, f.Resource, f.Field})
				if f.Found == "" || f.Need == "" || f.Fix == "" {
					t.Errorf("finding %s/%s lacks Found, Need or Fix: %+v", f.Rule, f.Field, f)
				}
			}
			if diff := cmp.Diff(tc.want, gotFs); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(fs, check(s)); diff != "" {
				t.Errorf("not deterministic (-first +second):\n%s", diff)
			}
		})
	}
}
