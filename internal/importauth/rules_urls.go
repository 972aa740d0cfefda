package importauth

import (
	"fmt"

	"github.com/ampgo/ampgo/internal/cognito"
)

// oauthFlowsOn reports whether the client can use the hosted UI: OAuth is
// enabled and at least one OAuth flow is allowed.
func oauthFlowsOn(c *cognito.AppClient) bool {
	return c.OAuthEnabled && len(c.AllowedOAuthFlows) > 0
}

// exampleURL is a placeholder URL of the right kind for the client's role.
func exampleURL(role, path string) string {
	if role == "native" {
		return "myapp://" + path
	}
	return "https://app.example.com/" + path
}

// CallbackURLsPresent reports a chosen client that has OAuth enabled with
// identity providers but no callback URL: Cognito has nowhere to send the
// user after sign-in, so hosted-UI sign-in cannot work at all (error).
func CallbackURLsPresent(s *cognito.Snapshot) Findings {
	var out Findings
	for _, ch := range chosenClients(s) {
		c := ch.client
		if !c.OAuthEnabled || len(c.SupportedIdentityProviders) == 0 || len(c.CallbackURLs) > 0 {
			continue
		}
		out = append(out, Finding{
			Rule:     RuleCallbackURL,
			Severity: SeverityError,
			Resource: clientResource(c),
			Field:    "CallbackURLs",
			Found:    "none",
			Need: fmt.Sprintf("at least one callback (sign-in redirect) URL for the %s app, e.g. %s",
				ch.role, exampleURL(ch.role, "")),
			Fix: fmt.Sprintf("%s > Allowed callback URLs > Add URL\n%s\n%s",
				appClientConsolePath(s.Pool, c), updateClientWarning,
				updateClientCommand(s.Pool, c, "--callback-urls "+exampleURL(ch.role, ""))),
			Detail: "Without a callback URL the hosted UI cannot redirect after sign-in, so redirectSignIn " +
				"cannot be generated and sign-in with " + listOrNone(sortedSet(c.SupportedIdentityProviders)) + " fails.",
		})
	}
	return out
}

// LogoutURLsPresent warns about a chosen client that has OAuth flows enabled
// but no sign-out URL. ampgo then leaves redirectSignOut out of aws-exports.js
// and the whole OAuth block out of the native configs and amplify_outputs.json
// (their parsers reject an OAuth block without sign-out URIs); the Amplify CLI (Gen 1) silently drops the whole OAuth block except
// the domain (scopes, redirectSignIn, redirectSignOut, responseType) in that
// case (cli#10932, cli#12979), so hosted-UI sign-in breaks for projects that
// still use its files.
func LogoutURLsPresent(s *cognito.Snapshot) Findings {
	var out Findings
	for _, ch := range chosenClients(s) {
		c := ch.client
		if !oauthFlowsOn(c) || len(c.LogoutURLs) > 0 {
			continue
		}
		out = append(out, Finding{
			Rule:     RuleLogoutURL,
			Severity: SeverityWarning,
			Resource: clientResource(c),
			Field:    "LogoutURLs",
			Found:    "none",
			Need: fmt.Sprintf("at least one sign-out URL for the %s app, e.g. %s",
				ch.role, exampleURL(ch.role, "signout/")),
			Fix: fmt.Sprintf("%s > Allowed sign-out URLs > Add URL\n%s\n%s",
				appClientConsolePath(s.Pool, c), updateClientWarning,
				updateClientCommand(s.Pool, c, "--logout-urls "+exampleURL(ch.role, "signout/"))),
			Detail: "Affected client config: aws-exports.js loses redirectSignOut, so hosted-UI sign-out cannot redirect back; " +
				"the native amplifyconfiguration.json/.dart and amplify_outputs.json lose the whole OAuth block " +
				"(their parsers need sign-out URIs), so hosted-UI sign-in is off there. The Amplify CLI also drops " +
				"scopes, redirectSignIn and responseType from its files in this case.",
		})
	}
	return out
}

// HostedUIDomainPresent warns when a chosen client has OAuth flows enabled
// but the pool has neither a Cognito prefix domain nor a custom domain: the
// hosted UI (and every federated sign-in through it) is served from that
// domain, so oauth.domain would be empty.
func HostedUIDomainPresent(s *cognito.Snapshot) Findings {
	if s.Pool.Domain != "" || s.Pool.CustomDomain != "" {
		return nil
	}
	var users []string
	for _, ch := range chosenClients(s) {
		if oauthFlowsOn(ch.client) {
			users = append(users, clientResource(ch.client))
		}
	}
	if len(users) == 0 {
		return nil
	}
	return Findings{{
		Rule:     RuleHostedUIDomain,
		Severity: SeverityWarning,
		Resource: poolResource(s.Pool),
		Field:    "Domain",
		Found:    "none (no Cognito domain and no custom domain)",
		Need:     "a hosted-UI domain, because OAuth flows are enabled on " + listOrNone(users),
		Fix: fmt.Sprintf("Amazon Cognito console > User pools > %s > App integration > Domain > Actions > Create Cognito domain\n"+
			"or: aws cognito-idp create-user-pool-domain --domain <prefix> --user-pool-id %s\n"+
			"(<prefix>: unused in %s, lower-case letters, digits and hyphens, without \"aws\", \"amazon\" or \"cognito\")",
			s.Pool.Name, s.Pool.ID, poolRegion(s.Pool)),
		Detail: "Without a domain the client config has no oauth.domain and the hosted UI cannot be opened.",
	}}
}
