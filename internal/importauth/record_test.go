package importauth

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/project"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// The values of reference/amplify-import-behaviour.md §3, so the golden
// files read like the reference.
const (
	recPoolID    = "us-east-1_AbC123xYz"
	recWebID     = "4abcwebclient0000000000000"
	recNativeID  = "7defnativeclient00000000000"
	recIPID      = "us-east-1:11111111-2222-3333-4444-555555555555"
	recAuthARN   = "arn:aws:iam::123456789012:role/service-role/acme-auth-role"
	recUnauthARN = "arn:aws:iam::123456789012:role/service-role/acme-unauth-role"
	recSNSARN    = "arn:aws:iam::123456789012:role/service-role/acme-sns-role"
	recGoogleID  = "1234-abc.apps.googleusercontent.com"
	recProvider  = "cognito-idp.us-east-1.amazonaws.com/" + recPoolID
	recResource  = "acmeapp1f3c9a2b"
)

// recordSnapshot is a realistic, validated import: email usernames, MFA
// OPTIONAL with SMS (SNS role) and TOTP, a strict password policy, Google
// sign-in, a web client without and a native client with a secret, and an
// identity pool with Google as a login provider whose roles live under
// service-role/ (cli#12817).
func recordSnapshot() *cognito.Snapshot {
	oauth := func(c cognito.AppClient, callback, logout string) cognito.AppClient {
		c.OAuthEnabled = true
		c.SupportedIdentityProviders = []string{"COGNITO", "Google"}
		c.CallbackURLs = []string{callback}
		c.LogoutURLs = []string{logout}
		c.AllowedOAuthFlows = []string{"code"}
		c.AllowedOAuthScopes = []string{"openid", "email", "profile", "aws.cognito.signin.user.admin"}
		return c
	}
	return &cognito.Snapshot{
		Pool: cognito.UserPool{
			ID: recPoolID, Name: "acme-users", Region: "us-east-1", Domain: "acme-login",
			MFA:                    cognito.MFA{Configuration: "OPTIONAL", SMS: true, TOTP: true, SNSCallerARN: recSNSARN},
			UsernameAttributes:     []string{"email"},
			AutoVerifiedAttributes: []string{"email"},
			Attributes: []cognito.Attribute{
				{Name: "sub", Required: true},
				{Name: "email", Required: true, Mutable: true},
				{Name: "given_name", Required: true, Mutable: true},
				{Name: "phone_number", Mutable: true},
				// Not a standard attribute: never a sign-up attribute.
				{Name: "custom:tenant", Required: true, Mutable: true},
			},
			PasswordPolicy: cognito.PasswordPolicy{MinLength: 10, RequireLowercase: true, RequireUppercase: true,
				RequireNumbers: true, RequireSymbols: true},
		},
		Clients: []cognito.AppClient{
			oauth(cognito.AppClient{ID: recWebID, Name: "acme-web", UserPoolID: recPoolID},
				"https://app.example.com/", "https://app.example.com/signout/"),
			oauth(cognito.AppClient{ID: recNativeID, Name: "acme-native", UserPoolID: recPoolID, HasSecret: true},
				"myapp://callback/", "myapp://signout/"),
		},
		IdentityProviders: []cognito.IdentityProvider{{Name: "Google", Type: "Google"}},
		WebClientID:       recWebID,
		NativeClientID:    recNativeID,
		IdentityPool: &cognito.IdentityPool{
			ID: recIPID, Name: "acme_identity", Region: "us-east-1", AllowUnauthenticated: true,
			CognitoProviders: []cognito.CognitoProvider{
				{ProviderName: recProvider, ClientID: recWebID},
				{ProviderName: recProvider, ClientID: recNativeID},
			},
			LoginProviders: []cognito.LoginProvider{{Domain: "accounts.google.com", AppID: recGoogleID}},
			AuthRoleARN:    recAuthARN,
			UnauthRoleARN:  recUnauthARN,
		},
		AuthRole:   &cognito.Role{ARN: recAuthARN, Name: "acme-auth-role", Found: true},
		UnauthRole: &cognito.Role{ARN: recUnauthARN, Name: "acme-unauth-role", Found: true},
	}
}

// eachClient changes both chosen clients.
func eachClient(f func(c *cognito.AppClient)) func(s *cognito.Snapshot) {
	return func(s *cognito.Snapshot) {
		for i := range s.Clients {
			f(&s.Clients[i])
		}
	}
}

// recordCase is the one shape of the Record tests: a change to
// recordSnapshot, the project's frontend, and the golden file that holds
// the whole project.ImportedAuth.
type recordCase struct {
	name     string
	frontend string
	mutate   func(s *cognito.Snapshot)
}

var recordCases = []recordCase{
	{name: "full", frontend: project.FrontendJavaScript},
	{name: "user_pool_only", frontend: project.FrontendJavaScript, mutate: func(s *cognito.Snapshot) {
		s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil
	}},
	{name: "custom_domain", frontend: project.FrontendJavaScript, mutate: func(s *cognito.Snapshot) {
		s.Pool.CustomDomain = "auth.example.com"
	}},
	{name: "email_and_phone_username", frontend: project.FrontendJavaScript, mutate: func(s *cognito.Snapshot) {
		s.Pool.UsernameAttributes = []string{"email", "phone_number"}
		s.Pool.AutoVerifiedAttributes = []string{"email", "phone_number"}
	}},
	{name: "frontend_ios", frontend: project.FrontendIOS},
	{name: "frontend_android", frontend: project.FrontendAndroid},
	{name: "frontend_flutter", frontend: project.FrontendFlutter},
	{name: "oauth_without_logout_urls", frontend: project.FrontendJavaScript, mutate: eachClient(func(c *cognito.AppClient) {
		c.LogoutURLs = nil
	})},
	{name: "oauth_disabled", frontend: project.FrontendJavaScript, mutate: eachClient(func(c *cognito.AppClient) {
		*c = cognito.AppClient{ID: c.ID, Name: c.Name, UserPoolID: c.UserPoolID, HasSecret: c.HasSecret}
	})},
	{name: "mfa_off", frontend: project.FrontendJavaScript, mutate: func(s *cognito.Snapshot) {
		// What the Reader gives for MFA OFF: no methods, no SNS role.
		s.Pool.MFA = cognito.MFA{Configuration: "OFF"}
	}},
	{name: "custom_auth_and_defaults", frontend: project.FrontendJavaScript, mutate: func(s *cognito.Snapshot) {
		s.Pool.CustomAuth = true
		s.Pool.PasswordPolicy = cognito.PasswordPolicy{}
		s.Pool.UsernameAttributes, s.Pool.AutoVerifiedAttributes = nil, nil
		s.Pool.AliasAttributes = []string{"preferred_username"}
		s.Pool.MFA = cognito.MFA{Configuration: "ON", TOTP: true}
	}},
	{name: "every_social_login_provider", frontend: project.FrontendJavaScript, mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.LoginProviders = []cognito.LoginProvider{
			{Domain: "accounts.google.com", AppID: recGoogleID},
			{Domain: "appleid.apple.com", AppID: "com.example.acme"},
			{Domain: "graph.facebook.com", AppID: "7654321"},
			{Domain: "www.amazon.com", AppID: "amzn1.application.acme"},
			{Domain: "www.example.com", AppID: "ignored"},
		}
		for i := range s.Clients {
			s.Clients[i].SupportedIdentityProviders = []string{"COGNITO", "Facebook", "Google",
				"LoginWithAmazon", "SignInWithApple", "MyOIDC"}
		}
	}},
}

func TestRecordGolden(t *testing.T) {
	for _, tc := range recordCases {
		t.Run(tc.name, func(t *testing.T) {
			s := recordSnapshot()
			if tc.mutate != nil {
				tc.mutate(s)
			}
			rec, err := Record(s, recResource, tc.frontend)
			if err != nil {
				t.Fatalf("Record: %v", err)
			}
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			goldenJSON(t, "record_"+tc.name+".golden", got)
			assertNoSecret(t, got)
		})
	}
}

// goldenJSON compares got with testdata/name as parsed JSON (the recorded
// auth is not a file users diff), or rewrites the file with -update.
func goldenJSON(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("parse output: %v", err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// assertNoSecret fails when any key, also inside JSON-encoded string values
// such as OAuthMetadata, names a secret (DESIGN.md §1 promise 4).
func assertNoSecret(t *testing.T, doc []byte) {
	t.Helper()
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if strings.Contains(strings.ToLower(k), "secret") {
					t.Errorf("secret field %s.%s recorded", path, k)
				}
				walk(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"[]", x)
			}
		case string:
			var inner any
			if strings.HasPrefix(v, "{") && json.Unmarshal([]byte(v), &inner) == nil {
				walk(path, inner)
			}
		}
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	walk("$", v)
}

// recordFieldCase checks one derivation against the reference, independent
// of the golden files.
type recordFieldCase struct {
	name     string
	frontend string
	mutate   func(s *cognito.Snapshot)
	field    func(r project.ImportedAuth) any
	want     any
}

func oauthMeta(raw string) any {
	if raw == "" {
		return nil
	}
	var m project.OAuthMetadata
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return "invalid JSON: " + err.Error()
	}
	return m
}

var recordFieldCases = []recordFieldCase{
	{
		name:  "authSelections with identity pool",
		field: func(r project.ImportedAuth) any { return r.Parameters.AuthSelections },
		want:  project.IdentityPoolAndUserPool,
	},
	{
		name:   "authSelections without identity pool",
		mutate: func(s *cognito.Snapshot) { s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil },
		field:  func(r project.ImportedAuth) any { return r.Parameters.AuthSelections },
		want:   project.UserPoolOnly,
	},
	{
		name:  "parameters.json region",
		field: func(r project.ImportedAuth) any { return r.Parameters.Region },
		want:  "us-east-1",
	},
	{
		name:  "§3.2 authProvidersUserPool drops COGNITO",
		field: func(r project.ImportedAuth) any { return r.Parameters.AuthProvidersUserPool },
		want:  []string{"Google"},
	},
	{
		name:  "§3.2 requiredAttributes: standard ones only, no sub, no custom",
		field: func(r project.ImportedAuth) any { return r.Parameters.RequiredAttributes },
		want:  []string{"email", "given_name"},
	},
	{
		name:  "§3.2 passwordPolicyMinLength",
		field: func(r project.ImportedAuth) any { return r.Parameters.PasswordPolicyMinLength },
		want:  10,
	},
	{
		name:   "§3.2 passwordPolicyMinLength defaults to 8",
		mutate: func(s *cognito.Snapshot) { s.Pool.PasswordPolicy = cognito.PasswordPolicy{} },
		field:  func(r project.ImportedAuth) any { return r.Parameters.PasswordPolicyMinLength },
		want:   8,
	},
	{
		name: "§3.2 passwordPolicyCharacters in fixed order",
		mutate: func(s *cognito.Snapshot) {
			s.Pool.PasswordPolicy = cognito.PasswordPolicy{MinLength: 8, RequireSymbols: true, RequireLowercase: true}
		},
		field: func(r project.ImportedAuth) any { return r.Parameters.PasswordPolicyCharacters },
		want:  []string{"Requires Lowercase", "Requires Symbols"},
	},
	{
		name:  "§3.2 mfaTypes by presence",
		field: func(r project.ImportedAuth) any { return r.Parameters.MFATypes },
		want:  []string{"SMS Text Message", "TOTP"},
	},
	{
		name:   "§3.2 mfaTypes empty when MFA is OFF",
		mutate: func(s *cognito.Snapshot) { s.Pool.MFA = cognito.MFA{Configuration: "OFF"} },
		field:  func(r project.ImportedAuth) any { return r.Parameters.MFATypes },
		want:   []string{},
	},
	{
		name:  "§3.3 team-provider-info ids, roles by name without path",
		field: func(r project.ImportedAuth) any { return r.Env },
		want: project.EnvAuth{
			UserPoolID: recPoolID, UserPoolName: "acme-users", WebClientID: recWebID, NativeClientID: recNativeID,
			IdentityPoolID: recIPID, IdentityPoolName: "acme_identity", AllowUnauthenticatedIdentities: ptr(true),
			AuthRoleARN: recAuthARN, AuthRoleName: "acme-auth-role",
			UnauthRoleARN: recUnauthARN, UnauthRoleName: "acme-unauth-role",
			GoogleClientID: recGoogleID,
		},
	},
	{
		name:   "§3.3 user pool only has exactly the first four keys",
		mutate: func(s *cognito.Snapshot) { s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil },
		field:  func(r project.ImportedAuth) any { return r.Env },
		want: project.EnvAuth{UserPoolID: recPoolID, UserPoolName: "acme-users",
			WebClientID: recWebID, NativeClientID: recNativeID},
	},
	{
		name:     "§3.3 googleIos for ios",
		frontend: project.FrontendIOS,
		field: func(r project.ImportedAuth) any {
			return [3]string{r.Env.GoogleClientID, r.Env.GoogleIOS, r.Env.GoogleAndroid}
		},
		want: [3]string{"", recGoogleID, ""},
	},
	{
		name:     "§3.3 googleAndroid for android",
		frontend: project.FrontendAndroid,
		field: func(r project.ImportedAuth) any {
			return [3]string{r.Env.GoogleClientID, r.Env.GoogleIOS, r.Env.GoogleAndroid}
		},
		want: [3]string{"", "", recGoogleID},
	},
	{
		name:     "§3.3 googleClientId for flutter",
		frontend: project.FrontendFlutter,
		field: func(r project.ImportedAuth) any {
			return [3]string{r.Env.GoogleClientID, r.Env.GoogleIOS, r.Env.GoogleAndroid}
		},
		want: [3]string{recGoogleID, "", ""},
	},
	{
		name: "§3.4 AppClientID is the native client, AppClientIDWeb the web client",
		field: func(r project.ImportedAuth) any {
			return [2]string{r.Meta.Output.AppClientID, r.Meta.Output.AppClientIDWeb}
		},
		want: [2]string{recNativeID, recWebID},
	},
	{
		name:  "§3.4 no AppClientSecret (DESIGN promise 4)",
		field: func(r project.ImportedAuth) any { return r.Meta.Output.AppClientSecret },
		want:  "",
	},
	{
		name:  "§3.4 HostedUIDomain is the prefix domain",
		field: func(r project.ImportedAuth) any { return r.Meta.Output.HostedUIDomain },
		want:  "acme-login",
	},
	{
		// Deliberate difference: the Amplify CLI records the prefix and
		// mangles it later (cli#11706).
		name:   "HostedUIDomain is the custom domain when there is one",
		mutate: func(s *cognito.Snapshot) { s.Pool.CustomDomain = "auth.example.com" },
		field:  func(r project.ImportedAuth) any { return r.Meta.Output.HostedUIDomain },
		want:   "auth.example.com",
	},
	{
		name:  "§3.4 CreatedSNSRole",
		field: func(r project.ImportedAuth) any { return r.Meta.Output.CreatedSNSRole },
		want:  recSNSARN,
	},
	{
		name:  "§3.4 OAuthMetadata from the web client",
		field: func(r project.ImportedAuth) any { return oauthMeta(r.Meta.Output.OAuthMetadata) },
		want: project.OAuthMetadata{
			AllowedOAuthFlows:  []string{"code"},
			AllowedOAuthScopes: []string{"openid", "email", "profile", "aws.cognito.signin.user.admin"},
			CallbackURLs:       []string{"https://app.example.com/"},
			LogoutURLs:         []string{"https://app.example.com/signout/"},
		},
	},
	{
		// Deliberate difference: the Amplify CLI drops the whole block.
		name:   "OAuthMetadata kept with empty LogoutURLs when there are none",
		mutate: eachClient(func(c *cognito.AppClient) { c.LogoutURLs = nil }),
		field:  func(r project.ImportedAuth) any { return r.Meta.Output.OAuthMetadata },
		want: `{"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email","profile","aws.cognito.signin.user.admin"],` +
			`"CallbackURLs":["https://app.example.com/"],"LogoutURLs":[]}`,
	},
	{
		name:   "no OAuthMetadata when OAuth is off",
		mutate: eachClient(func(c *cognito.AppClient) { c.OAuthEnabled = false }),
		field: func(r project.ImportedAuth) any {
			return [2]string{r.Meta.Output.OAuthMetadata, r.Meta.Output.NativeOAuthMetadata}
		},
		want: [2]string{"", ""},
	},
	{
		name:  "§3.4 GoogleWebClient from the identity pool",
		field: func(r project.ImportedAuth) any { return r.Meta.Output.GoogleWebClient },
		want:  recGoogleID,
	},
	{
		name: "§3.4 frontendAuthConfig",
		mutate: func(s *cognito.Snapshot) {
			s.Pool.UsernameAttributes = []string{"email", "phone_number"}
		},
		field: func(r project.ImportedAuth) any { return *r.Meta.FrontendAuthConfig },
		want: project.FrontendAuthConfig{
			SocialProviders: []string{"GOOGLE"},
			// Deliberate difference: the Amplify CLI keeps only EMAIL.
			UsernameAttributes: []string{"EMAIL", "PHONE_NUMBER"},
			SignupAttributes:   []string{"EMAIL", "GIVEN_NAME"},
			PasswordProtectionSettings: project.PasswordProtectionSettings{PasswordPolicyMinLength: 10,
				PasswordPolicyCharacters: []string{"REQUIRES_LOWERCASE", "REQUIRES_UPPERCASE", "REQUIRES_NUMBERS", "REQUIRES_SYMBOLS"}},
			MFAConfiguration:       "OPTIONAL",
			MFATypes:               []string{"SMS", "TOTP"},
			VerificationMechanisms: []string{"EMAIL"},
		},
	},
	{
		name:   "§3.1 customAuth in backend-config and meta",
		mutate: func(s *cognito.Snapshot) { s.Pool.CustomAuth = true },
		field:  func(r project.ImportedAuth) any { return [2]bool{r.Backend.CustomAuth, r.Meta.CustomAuth} },
		want:   [2]bool{true, true},
	},
}

func ptr[T any](v T) *T { return &v }

func TestRecordDerivations(t *testing.T) {
	for _, tc := range recordFieldCases {
		t.Run(tc.name, func(t *testing.T) {
			s := recordSnapshot()
			if tc.mutate != nil {
				tc.mutate(s)
			}
			frontend := tc.frontend
			if frontend == "" {
				frontend = project.FrontendJavaScript
			}
			rec, err := Record(s, recResource, frontend)
			if err != nil {
				t.Fatalf("Record: %v", err)
			}
			if diff := cmp.Diff(tc.want, tc.field(rec)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecordNeedsChosenClients(t *testing.T) {
	s := recordSnapshot()
	s.NativeClientID = "nosuchclient"
	if _, err := Record(s, recResource, project.FrontendJavaScript); err == nil {
		t.Fatal("Record with an unread native client: no error")
	}
}
