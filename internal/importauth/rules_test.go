package importauth

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
)

const wrongRegionProvider = "cognito-idp.us-west-2.amazonaws.com/" + testPoolID

func TestCheckClients(t *testing.T) { runRuleCases(t, Check, clientRuleCases) }

var clientRuleCases = []ruleCase{
	{name: "good snapshot", want: nil},
	{name: "clients not chosen yet", mutate: func(s *cognito.Snapshot) {
		s.WebClientID, s.NativeClientID = "", ""
	}},
	{name: "same client for web and native", mutate: func(s *cognito.Snapshot) {
		s.NativeClientID = testWebID
	}},
	{name: "native client without secret is fine", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testNativeID).HasSecret = false
	}},
	{name: "web client has a secret", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testWebID).HasSecret = true
	}, want: []gotFinding{
		// Not "every app client has a client secret" too: a snapshot read
		// for chosen ids need not hold every client (issue 16).
		errAt(RuleWebClient, resWeb, "ClientSecret"),
	}},
	{name: "web client has a secret but another client has none", mutate: func(s *cognito.Snapshot) {
		s.WebClientID = testAdminID
	}, want: []gotFinding{
		errAt(RuleWebClient, `app client "acme-admin" (9adminclient00000000000000)`, "ClientSecret"),
		// acme-admin has no OAuth, acme-native has: the pair disagrees.
		errAt(RuleOAuthMatch, resNative, "SupportedIdentityProviders"),
		errAt(RuleOAuthMatch, resNative, "AllowedOAuthFlowsUserPoolClient"),
		errAt(RuleOAuthMatch, resNative, "AllowedOAuthFlows"),
		errAt(RuleOAuthMatch, resNative, "AllowedOAuthScopes"),
		errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders"),
	}},
	{name: "web client id not in pool", mutate: func(s *cognito.Snapshot) {
		s.WebClientID = "nosuchclient"
	}, want: []gotFinding{errAt(RuleClientNotFound, resPool, "WebClientId")}},
	{name: "native client id not in pool", mutate: func(s *cognito.Snapshot) {
		s.NativeClientID = "nosuchclient"
	}, want: []gotFinding{errAt(RuleClientNotFound, resPool, "NativeClientId")}},
	{name: "both ids not in pool", mutate: func(s *cognito.Snapshot) {
		s.WebClientID, s.NativeClientID = "nosuchweb", "nosuchnative"
	}, want: []gotFinding{
		errAt(RuleClientNotFound, resPool, "WebClientId"),
		errAt(RuleClientNotFound, resPool, "NativeClientId"),
	}},
	{name: "read for chosen ids only: a missing web client is not also a pool without clients", mutate: func(s *cognito.Snapshot) {
		// ReadSnapshot holds only the chosen clients that exist.
		s.WebClientID = "nosuchclient"
		s.Clients = []cognito.AppClient{*fixtureClient(s, testNativeID)}
	}, want: []gotFinding{errAt(RuleClientNotFound, resPool, "WebClientId")}},
	{name: "same unknown id for web and native is one finding", mutate: func(s *cognito.Snapshot) {
		s.WebClientID, s.NativeClientID = "nosuchclient", "nosuchclient"
	}, want: []gotFinding{errAt(RuleClientNotFound, resPool, "WebClientId, NativeClientId")}},
}

func TestCheckOAuth(t *testing.T) { runRuleCases(t, Check, oauthRuleCases) }

var oauthRuleCases = []ruleCase{
	{name: "sets compare sorted, duplicates and nil vs empty ignored", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testNativeID).AllowedOAuthScopes = []string{"openid", "email", "profile", "email"}
		fixtureClient(s, testWebID).ReadAttributes = nil
	}},
	{name: "callback and logout URLs may differ (cli#13628)", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testNativeID).CallbackURLs = []string{"myapp://other/", "myapp://callback/"}
	}},
	{name: "providers differ", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testNativeID).SupportedIdentityProviders = []string{"COGNITO"}
	}, want: []gotFinding{errAt(RuleOAuthMatch, resNative, "SupportedIdentityProviders")}},
	{name: "OAuth off on native only", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testNativeID).OAuthEnabled = false
	}, want: []gotFinding{errAt(RuleOAuthMatch, resNative, "AllowedOAuthFlowsUserPoolClient")}},
	{name: "flows and scopes differ: one finding each", mutate: func(s *cognito.Snapshot) {
		n := fixtureClient(s, testNativeID)
		n.AllowedOAuthFlows = []string{"code", "implicit"}
		n.AllowedOAuthScopes = nil
	}, want: []gotFinding{
		errAt(RuleOAuthMatch, resNative, "AllowedOAuthFlows"),
		errAt(RuleOAuthMatch, resNative, "AllowedOAuthScopes"),
	}},
	{name: "OAuth off on both: other settings are inert", mutate: func(s *cognito.Snapshot) {
		for _, id := range []string{testWebID, testNativeID} {
			fixtureClient(s, id).OAuthEnabled = false
		}
		fixtureClient(s, testNativeID).SupportedIdentityProviders = nil
		s.Pool.Domain = ""
	}},
	{name: "same client for web and native cannot mismatch", mutate: func(s *cognito.Snapshot) {
		s.NativeClientID = testWebID
		fixtureClient(s, testNativeID).SupportedIdentityProviders = nil
	}},
	{name: "web client without logout URL", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testWebID).LogoutURLs = nil
	}, want: []gotFinding{warnAt(RuleLogoutURL, resWeb, "LogoutURLs")}},
	{name: "both clients without logout URL", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testWebID).LogoutURLs = nil
		fixtureClient(s, testNativeID).LogoutURLs = []string{}
	}, want: []gotFinding{
		warnAt(RuleLogoutURL, resWeb, "LogoutURLs"),
		warnAt(RuleLogoutURL, resNative, "LogoutURLs"),
	}},
	{name: "OAuth on without flows needs no logout URL or domain", mutate: func(s *cognito.Snapshot) {
		for _, id := range []string{testWebID, testNativeID} {
			fixtureClient(s, id).AllowedOAuthFlows = nil
			fixtureClient(s, id).LogoutURLs = nil
		}
		s.Pool.Domain = ""
	}},
	{name: "no hosted-UI domain", mutate: func(s *cognito.Snapshot) {
		s.Pool.Domain = ""
	}, want: []gotFinding{warnAt(RuleHostedUIDomain, resPool, "Domain")}},
	{name: "custom domain only is enough", mutate: func(s *cognito.Snapshot) {
		s.Pool.Domain, s.Pool.CustomDomain = "", "auth.acme.com"
	}},
	{name: "no callback URL with identity providers", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testWebID).CallbackURLs = nil
	}, want: []gotFinding{errAt(RuleCallbackURL, resWeb, "CallbackURLs")}},
	{name: "no callback URL without identity providers is fine", mutate: func(s *cognito.Snapshot) {
		for _, id := range []string{testWebID, testNativeID} {
			fixtureClient(s, id).SupportedIdentityProviders = nil
			fixtureClient(s, id).CallbackURLs = nil
		}
	}},
}

func TestCheckIdentityPool(t *testing.T) { runRuleCases(t, Check, identityPoolRuleCases) }

var identityPoolRuleCases = []ruleCase{
	{name: "user pool only skips identity pool and roles", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil
	}},
	{name: "user pool only ignores stray roles", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool = nil
		s.AuthRole.Found = false
	}},
	{name: "native client not listed", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.CognitoProviders = s.IdentityPool.CognitoProviders[:1]
	}, want: []gotFinding{errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders")}},
	{name: "no client listed: one finding per chosen client", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.CognitoProviders = nil
	}, want: []gotFinding{
		errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders"),
		errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders"),
	}},
	{name: "right pool id, wrong region", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.CognitoProviders[0].ProviderName = wrongRegionProvider
	}, want: []gotFinding{errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders")}},
	{name: "clients not chosen: pool-level link check passes", mutate: func(s *cognito.Snapshot) {
		s.WebClientID, s.NativeClientID = "", ""
		s.IdentityPool.CognitoProviders = s.IdentityPool.CognitoProviders[:1]
	}},
	{name: "clients not chosen: pool not linked", mutate: func(s *cognito.Snapshot) {
		s.WebClientID, s.NativeClientID = "", ""
		s.IdentityPool.CognitoProviders = s.IdentityPool.CognitoProviders[1:]
	}, want: []gotFinding{errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders")}},
	{name: "no authenticated role (cli#6552)", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN, s.AuthRole = "", nil
	}, want: []gotFinding{errAt(RuleRoles, resIP, "Roles.authenticated")}},
	{name: "no unauthenticated role, role still read", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.UnauthRoleARN = ""
	}, want: []gotFinding{errAt(RuleRoles, resIP, "Roles.unauthenticated")}},
	{name: "no roles at all", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN, s.IdentityPool.UnauthRoleARN = "", ""
		s.AuthRole, s.UnauthRole = nil, nil
	}, want: []gotFinding{
		errAt(RuleRoles, resIP, "Roles.authenticated"),
		errAt(RuleRoles, resIP, "Roles.unauthenticated"),
	}},
	{name: "role ARN is not a role", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN = "arn:aws:iam::123456789012:user/bob"
	}, want: []gotFinding{errAt(RuleRoles, resIP, "Roles.authenticated")}},
	// issue 17: role ARNs are parsed by ids.ParseRoleARN, stricter than
	// the rule's own parser was (any account, any region field, any name).
	{name: "role ARN with a 5-digit account", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN = "arn:aws:iam::12345:role/acme-auth-role"
	}, want: []gotFinding{errAt(RuleRoles, resIP, "Roles.authenticated")}},
	{name: "role ARN with a region", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.UnauthRoleARN = "arn:aws:iam:us-east-1:123456789012:role/service-role/acme-unauth-role"
	}, want: []gotFinding{errAt(RuleRoles, resIP, "Roles.unauthenticated")}},
	{name: "role name with a space", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN = "arn:aws:iam::123456789012:role/acme auth role"
	}, want: []gotFinding{errAt(RuleRoles, resIP, "Roles.authenticated")}},
	{name: "role does not exist in IAM", mutate: func(s *cognito.Snapshot) {
		s.UnauthRole.Found, s.UnauthRole.TrustPolicy = false, ""
	}, want: []gotFinding{errAt(RuleRoles, resUnauth, "RoleName")}},
	{name: "role not read (nil) is not judged", mutate: func(s *cognito.Snapshot) {
		s.AuthRole = nil
	}},
	{name: "trust policy for another identity pool", mutate: func(s *cognito.Snapshot) {
		s.AuthRole.TrustPolicy = TrustPolicy("us-east-1:99999999-0000-0000-0000-000000000000", AMRAuthenticated)
	}, want: []gotFinding{errAt(RuleTrustPolicy, resAuth, "AssumeRolePolicyDocument")}},
	{name: "roles swapped: amr wrong on both", mutate: func(s *cognito.Snapshot) {
		s.AuthRole.TrustPolicy, s.UnauthRole.TrustPolicy = s.UnauthRole.TrustPolicy, s.AuthRole.TrustPolicy
	}, want: []gotFinding{
		errAt(RuleTrustPolicy, resAuth, "AssumeRolePolicyDocument"),
		errAt(RuleTrustPolicy, resUnauth, "AssumeRolePolicyDocument"),
	}},
	{name: "unparseable trust policy", mutate: func(s *cognito.Snapshot) {
		s.UnauthRole.TrustPolicy = `{"Statement": [`
	}, want: []gotFinding{errAt(RuleTrustPolicy, resUnauth, "AssumeRolePolicyDocument")}},
}

func TestCheckReportsEverythingAtOnce(t *testing.T) { runRuleCases(t, Check, manyProblemsRuleCases) }

var manyProblemsRuleCases = []ruleCase{
	{name: "many problems", mutate: func(s *cognito.Snapshot) {
		s.NativeClientID = "deletedclient"
		fixtureClient(s, testWebID).HasSecret = true
		fixtureClient(s, testWebID).LogoutURLs = nil
		s.Pool.Domain = ""
		s.IdentityPool.CognitoProviders = nil
		s.IdentityPool.UnauthRoleARN, s.UnauthRole = "", nil
		s.AuthRole.TrustPolicy = "not json"
	}, want: []gotFinding{
		errAt(RuleClientNotFound, resPool, "NativeClientId"),
		errAt(RuleWebClient, resWeb, "ClientSecret"),
		warnAt(RuleLogoutURL, resWeb, "LogoutURLs"),
		warnAt(RuleHostedUIDomain, resPool, "Domain"),
		errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders"),
		errAt(RuleRoles, resIP, "Roles.unauthenticated"),
		errAt(RuleTrustPolicy, resAuth, "AssumeRolePolicyDocument"),
	}},
	{name: "OAuth mismatch and missing native logout URL together", mutate: func(s *cognito.Snapshot) {
		n := fixtureClient(s, testNativeID)
		n.SupportedIdentityProviders = []string{"COGNITO", "Google", "SignInWithApple"}
		n.LogoutURLs = nil
	}, want: []gotFinding{
		errAt(RuleOAuthMatch, resNative, "SupportedIdentityProviders"),
		warnAt(RuleLogoutURL, resNative, "LogoutURLs"),
	}},
}

func TestCheckPool(t *testing.T) { runRuleCases(t, CheckPool, poolRuleCases) }

var poolRuleCases = []ruleCase{
	{name: "good snapshot"},
	{name: "chosen clients are not judged", mutate: func(s *cognito.Snapshot) {
		s.WebClientID, s.NativeClientID = testAdminID, "nosuchclient"
		s.Pool.Domain = ""
	}},
	{name: "user pool only", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool, s.AuthRole, s.UnauthRole = nil, nil, nil
	}},
	{name: "no client without a secret", mutate: func(s *cognito.Snapshot) {
		fixtureClient(s, testWebID).HasSecret = true
	}, want: []gotFinding{
		errAt(RuleWebClient, resPool, "ClientSecret"),
		errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders"),
	}},
	{name: "pool without clients", mutate: func(s *cognito.Snapshot) {
		s.Clients = nil
		s.IdentityPool = nil
	}, want: []gotFinding{errAt(RuleWebClient, resPool, "ClientSecret")}},
	{name: "identity pool links only a client with a secret", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.CognitoProviders = s.IdentityPool.CognitoProviders[1:]
	}, want: []gotFinding{errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders")}},
	{name: "identity pool links the web client in the wrong region", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.CognitoProviders[0].ProviderName = wrongRegionProvider
	}, want: []gotFinding{errAt(RuleIdentityPoolProvider, resIP, "CognitoIdentityProviders")}},
	{name: "roles and trust", mutate: func(s *cognito.Snapshot) {
		s.IdentityPool.AuthRoleARN = ""
		s.UnauthRole.TrustPolicy = TrustPolicy(testIPID, AMRAuthenticated)
	}, want: []gotFinding{
		errAt(RuleRoles, resIP, "Roles.authenticated"),
		errAt(RuleTrustPolicy, resUnauth, "AssumeRolePolicyDocument"),
	}},
}
