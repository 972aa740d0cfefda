package importauth

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
)

// oauthProperty is one OAuth setting that web and native client must share.
type oauthProperty struct {
	field  string // DescribeUserPoolClient field name
	flag   string // aws cognito-idp update-user-pool-client flag
	values func(c *cognito.AppClient) []string
}

// oauthProperties are compared in the order the Amplify CLI prints them.
// CallbackURLs and LogoutURLs are deliberately absent: each platform redirects
// to its own client's URLs (https://… for web, myapp://… for native), and
// demanding equality is the Amplify CLI bug users hit most (cli#13628,
// cli#7821, hosting#2277).
var oauthProperties = []oauthProperty{
	{"SupportedIdentityProviders", "--supported-identity-providers",
		func(c *cognito.AppClient) []string { return c.SupportedIdentityProviders }},
	{"AllowedOAuthFlowsUserPoolClient", "--allowed-o-auth-flows-user-pool-client",
		func(c *cognito.AppClient) []string { return []string{strconv.FormatBool(c.OAuthEnabled)} }},
	{"AllowedOAuthFlows", "--allowed-o-auth-flows",
		func(c *cognito.AppClient) []string { return c.AllowedOAuthFlows }},
	{"AllowedOAuthScopes", "--allowed-o-auth-scopes",
		func(c *cognito.AppClient) []string { return c.AllowedOAuthScopes }},
}

// OAuthSettingsMatch reports every OAuth setting on which the chosen web and
// native clients disagree, one finding per setting, with both value lists
// side by side in Detail. Lists are compared as sorted sets (nil == empty).
//
// Nothing is compared when web and native are the same client, or when
// neither client has OAuth enabled (AllowedOAuthFlowsUserPoolClient false):
// then no hosted-UI configuration is generated and the other settings have no
// effect. The Amplify CLI compares them anyway in headless and env-init runs
// but not interactively, so a pair accepted on import failed later in CI
// (reference §1.3); ampgo judges both paths the same way.
func OAuthSettingsMatch(s *cognito.Snapshot) Findings {
	web, native := s.Client(s.WebClientID), s.Client(s.NativeClientID)
	if web == nil || native == nil || web.ID == native.ID || s.WebClientID == "" {
		return nil
	}
	if !web.OAuthEnabled && !native.OAuthEnabled {
		return nil
	}
	var out Findings
	for _, p := range oauthProperties {
		w, n := sortedSet(p.values(web)), sortedSet(p.values(native))
		if slices.Equal(w, n) {
			continue
		}
		out = append(out, oauthMismatch(s.Pool, web, native, p, w, n))
	}
	return out
}

func oauthMismatch(pool cognito.UserPool, web, native *cognito.AppClient, p oauthProperty, w, n []string) Finding {
	return Finding{
		Rule:     RuleOAuthMatch,
		Severity: SeverityError,
		Resource: clientResource(native),
		Field:    p.field,
		Found:    listOrNone(n),
		Need:     fmt.Sprintf("the same as web %s: %s", clientResource(web), listOrNone(w)),
		Fix: fmt.Sprintf("make the native client match the web client (or change the web client the same way to match the native one):\n"+
			"%s, set %s to: %s\n%s\n%s",
			appClientConsolePath(pool, native), p.field, listOrNone(w),
			updateClientWarning, updateClientCommand(pool, native, cliFlag(p, w))),
		Detail: p.field + ":\n" + SideBySide(web.Name, native.Name, w, n),
	}
}

// cliFlag renders a property with the web client's values as an
// update-user-pool-client argument. An empty list is passed as JSON "[]".
func cliFlag(p oauthProperty, values []string) string {
	if p.field == "AllowedOAuthFlowsUserPoolClient" {
		if len(values) == 1 && values[0] == "true" {
			return p.flag
		}
		return "--no-" + strings.TrimPrefix(p.flag, "--")
	}
	if len(values) == 0 {
		return p.flag + " '[]'"
	}
	return p.flag + " " + strings.Join(values, " ")
}
