package importauth

import (
	"slices"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/google/go-cmp/cmp"
)

// TestFindingText checks what users read: the found value, what is needed
// and the exact fix, for one finding of each kind.
func TestFindingText(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) { checkText(t, tc) })
	}
}

type textCase struct {
	name   string
	mutate func(s *cognito.Snapshot)
	rule   string
	field  string              // first finding of rule (with this Field, when set)
	want   map[string][]string // Finding part ("Found", "Need", "Fix", "Detail") -> substrings
}

var textCases = []textCase{
	{name: "unknown client id", rule: RuleClientNotFound,
		mutate: func(s *cognito.Snapshot) { s.NativeClientID = "nosuchclient" },
		want: map[string][]string{
			"Found": {"nosuchclient (chosen as native client)"},
			"Fix":   {"aws cognito-idp list-user-pool-clients --user-pool-id us-east-1_AbCdEf123"},
		}},
	{name: "web client with secret", rule: RuleWebClient,
		mutate: func(s *cognito.Snapshot) { s.WebClientID = testAdminID; s.NativeClientID = "" },
		want: map[string][]string{
			"Fix": {"use --web-client-id " + testWebID + " (acme-web), which has no client secret",
				"acme-admin (" + testAdminID + ") can stay the native client (--native-client-id " + testAdminID + ")"},
		}},
	{name: "no web client in pool", rule: RuleWebClient,
		mutate: func(s *cognito.Snapshot) { s.Clients = s.Clients[1:]; s.WebClientID, s.NativeClientID = "", "" },
		want: map[string][]string{
			"Found": {"every app client has a client secret: " + resNative},
			"Fix":   {"aws cognito-idp create-user-pool-client --user-pool-id us-east-1_AbCdEf123 --client-name acme-web --no-generate-secret"},
		}},
	{name: "OAuth scopes differ", rule: RuleOAuthMatch,
		mutate: func(s *cognito.Snapshot) { fixtureClient(s, testNativeID).AllowedOAuthScopes = []string{"openid"} },
		want: map[string][]string{
			"Found": {"openid"},
			"Need":  {"the same as web " + resWeb + ": email, openid, profile"},
			"Fix": {
				"Amazon Cognito console > User pools > acme > App integration > App clients > acme-native > Hosted UI > Edit",
				"resets every setting you leave out",
				"aws cognito-idp update-user-pool-client --user-pool-id us-east-1_AbCdEf123 --client-id " + testNativeID +
					" --allowed-o-auth-scopes email openid profile <every other current setting>",
			},
			"Detail": {"AllowedOAuthScopes:\n" +
				"acme-web | acme-native\n" +
				"---------+------------\n" +
				"email    | openid\n" +
				"openid   |\n" +
				"profile  |\n"},
		}},
	{name: "OAuth off on native", rule: RuleOAuthMatch,
		mutate: func(s *cognito.Snapshot) { fixtureClient(s, testNativeID).OAuthEnabled = false },
		want:   map[string][]string{"Fix": {" --allowed-o-auth-flows-user-pool-client <every"}}},
	{name: "OAuth on only on native", rule: RuleOAuthMatch, field: "AllowedOAuthFlowsUserPoolClient",
		mutate: func(s *cognito.Snapshot) {
			fixtureClient(s, testWebID).OAuthEnabled = false
			fixtureClient(s, testWebID).SupportedIdentityProviders = nil
		},
		want: map[string][]string{"Fix": {"--no-allowed-o-auth-flows-user-pool-client"}}},
	{name: "providers: empty list on the CLI", rule: RuleOAuthMatch,
		mutate: func(s *cognito.Snapshot) { fixtureClient(s, testWebID).SupportedIdentityProviders = nil },
		want:   map[string][]string{"Fix": {"--supported-identity-providers '[]'"}}},
	{name: "logout URL", rule: RuleLogoutURL,
		mutate: func(s *cognito.Snapshot) { fixtureClient(s, testNativeID).LogoutURLs = nil },
		want: map[string][]string{
			"Need":   {"myapp://signout/"},
			"Fix":    {"Allowed sign-out URLs", "--logout-urls myapp://signout/"},
			"Detail": {"redirectSignOut", "scopes, redirectSignIn and responseType"},
		}},
	{name: "hosted-UI domain", rule: RuleHostedUIDomain,
		mutate: func(s *cognito.Snapshot) { s.Pool.Domain = "" },
		want: map[string][]string{
			"Need": {resWeb, resNative},
			"Fix":  {"aws cognito-idp create-user-pool-domain --domain <prefix> --user-pool-id us-east-1_AbCdEf123"},
		}},
	{name: "identity pool provider, wrong region", rule: RuleIdentityPoolProvider,
		mutate: func(s *cognito.Snapshot) { s.IdentityPool.CognitoProviders[1].ProviderName = wrongRegionProvider },
		want: map[string][]string{
			"Found": {testProvider + " client " + testWebID + ", " + wrongRegionProvider + " client " + testNativeID},
			"Need":  {"ProviderName " + testProvider + " and ClientId " + testNativeID + " (the native client"},
			"Fix": {
				"Amazon Cognito console > Identity pools > acme_identity > User access > Identity providers > Add identity provider",
				"update-identity-pool needs the FULL identity pool definition",
				"aws cognito-identity describe-identity-pool --identity-pool-id " + testIPID,
			},
			"Detail": {"The entry " + wrongRegionProvider + " client " + testNativeID + " names this user pool"},
		}},
	{name: "missing unauthenticated role", rule: RuleRoles,
		mutate: func(s *cognito.Snapshot) { s.IdentityPool.UnauthRoleARN, s.UnauthRole = "", nil },
		want: map[string][]string{
			"Found": {"not set"},
			"Fix": {
				"Amazon Cognito console > Identity pools > acme_identity > User access > Guest access > Edit > IAM role",
				"aws cognito-identity set-identity-pool-roles --identity-pool-id " + testIPID +
					" --roles authenticated=" + testAuthARN + ",unauthenticated=<unauthenticated role arn>",
			},
			"Detail": {TrustPolicy(testIPID, AMRUnauthenticated)},
		}},
	{name: "role missing in IAM keeps its path", rule: RuleRoles,
		mutate: func(s *cognito.Snapshot) { s.UnauthRole.Found = false },
		want: map[string][]string{
			"Found": {testUnauthARN + " does not exist in IAM"},
			"Fix":   {"aws iam create-role --role-name acme-unauth-role --path /service-role/ --assume-role-policy-document file://trust.json"},
		}},
	{name: "trust policy with wrong aud, role with path", rule: RuleTrustPolicy,
		mutate: func(s *cognito.Snapshot) {
			s.UnauthRole.TrustPolicy = strings.ReplaceAll(s.UnauthRole.TrustPolicy, testIPID, "us-east-1:old")
		},
		want: map[string][]string{
			"Found": {"aud is us-east-1:old; it must be " + testIPID},
			"Fix": {
				"save this trust policy as trust.json:\n" + TrustPolicy(testIPID, AMRUnauthenticated) +
					"aws iam update-assume-role-policy --role-name acme-unauth-role --policy-document file://trust.json\n",
			},
		}},
	{name: "unparseable trust policy", rule: RuleTrustPolicy,
		mutate: func(s *cognito.Snapshot) { s.AuthRole.TrustPolicy = "{" },
		want: map[string][]string{
			"Found": {"trust policy is not a valid IAM policy document"},
			"Fix":   {TrustPolicy(testIPID, AMRAuthenticated)},
		}},
}

func checkText(t *testing.T, tc textCase) {
	t.Helper()
	s := goodSnapshot()
	tc.mutate(s)
	fs := Check(s)
	i := slices.IndexFunc(fs, func(f Finding) bool {
		return f.Rule == tc.rule && (tc.field == "" || f.Field == tc.field)
	})
	if i < 0 {
		t.Fatalf("no %s finding in %+v", tc.rule, Check(s))
	}
	f := fs[i]
	parts := map[string]string{"Found": f.Found, "Need": f.Need, "Fix": f.Fix, "Detail": f.Detail}
	for part, subs := range tc.want {
		for _, sub := range subs {
			if !strings.Contains(parts[part], sub) {
				t.Errorf("%s does not contain %q:\n%s", part, sub, cmp.Diff(sub, parts[part]))
			}
		}
	}
}
