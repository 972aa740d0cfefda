package importauth

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/ids"
)

// Rule ids, the Finding.Rule values the rules of this package produce.
const (
	RuleClientNotFound       = "client-not-found"
	RuleWebClient            = "web-client"
	RuleOAuthMatch           = "oauth-match"
	RuleCallbackURL          = "callback-url"
	RuleLogoutURL            = "logout-url"
	RuleHostedUIDomain       = "hosted-ui-domain"
	RuleIdentityPoolProvider = "identity-pool-provider"
	RuleRoles                = "roles"
	RuleTrustPolicy          = "trust-policy"
)

// Rule judges a snapshot and returns what is wrong with it. Rules are pure:
// no AWS calls, no I/O, and the same snapshot always gives the same findings
// in the same order.
type Rule func(s *cognito.Snapshot) Findings

// checkRules is the fixed order of Check: clients first (nothing else can be
// judged about a client id that does not exist), then OAuth, then the
// identity pool and its roles.
var checkRules = []Rule{
	ChosenClientsExist,
	chosenPoolHasWebClient,
	WebClientHasNoSecret,
	OAuthSettingsMatch,
	CallbackURLsPresent,
	LogoutURLsPresent,
	HostedUIDomainPresent,
	RequiredAttributesWritable,
	IdentityPoolProviders,
	IdentityPoolRoles,
	RoleTrustPolicies,
}

// poolRules need no chosen client: doctor and the pool prompt run them to say
// whether a pool (and identity pool) can be imported at all.
var poolRules = []Rule{
	PoolHasWebClient,
	IdentityPoolLinked,
	IdentityPoolRoles,
	RoleTrustPolicies,
}

// Check runs every rule on a snapshot whose clients have been chosen and
// returns all findings at once, in a fixed order (DESIGN.md §1 promise 2).
// Rules about a client that is not chosen yet ("" id) find nothing.
func Check(s *cognito.Snapshot) Findings {
	return runRules(s, checkRules)
}

// CheckPool runs the rules that need no chosen app client: the pool has at
// least one client without a secret and, when s.IdentityPool is set, that
// identity pool lists this user pool with such a client and has two usable
// roles. `ampgo doctor auth` (pool-level eligibility) is meant to use it.
func CheckPool(s *cognito.Snapshot) Findings {
	return runRules(s, poolRules)
}

func runRules(s *cognito.Snapshot, rules []Rule) Findings {
	var out Findings
	for _, r := range rules {
		out = append(out, r(s)...)
	}
	return out
}

// EligibleWebClients returns the clients that can be the web client: those
// without a client secret (browser code cannot keep a secret). The order of
// clients is kept.
func EligibleWebClients(clients []cognito.AppClient) []cognito.AppClient {
	var out []cognito.AppClient
	for _, c := range clients {
		if !c.HasSecret {
			out = append(out, c)
		}
	}
	return out
}

// IdentityPoolLinks returns the Cognito providers of ip that point at the
// user pool userPoolID (ProviderName ends with "/"+userPoolID), in the
// identity pool's order. A nil ip has no links.
func IdentityPoolLinks(ip *cognito.IdentityPool, userPoolID string) []cognito.CognitoProvider {
	if ip == nil || userPoolID == "" {
		return nil
	}
	var out []cognito.CognitoProvider
	for _, p := range ip.CognitoProviders {
		if strings.HasSuffix(p.ProviderName, "/"+userPoolID) {
			out = append(out, p)
		}
	}
	return out
}

// LinksClient reports whether ip lists the app client clientID of user pool
// userPoolID as a Cognito provider. The provider name must be exactly
// cognito-idp.<region>.amazonaws.com/<userPoolID>, with the region taken
// from the pool id: an entry with the right pool id but another region makes
// Cognito reject the user's tokens ("Token is not from a supported provider
// of this identity pool", js#2067), so it does not count.
func LinksClient(ip *cognito.IdentityPool, userPoolID, clientID string) bool {
	region, err := ids.UserPoolRegion(userPoolID)
	if err != nil {
		return false // a pool id that names no region is nobody's provider
	}
	want := ProviderName(region, userPoolID)
	for _, p := range IdentityPoolLinks(ip, userPoolID) {
		if p.ProviderName == want && p.ClientID == clientID {
			return true
		}
	}
	return false
}

// ProviderName is the identity pool provider name of a user pool:
// cognito-idp.<region>.amazonaws.com/<userPoolID>.
func ProviderName(region, userPoolID string) string {
	return fmt.Sprintf("cognito-idp.%s.amazonaws.com/%s", region, userPoolID)
}

// poolRegion is the pool's region, from the snapshot or else from its id
// ("" for an id that names none).
func poolRegion(p cognito.UserPool) string {
	if p.Region != "" {
		return p.Region
	}
	region, _ := ids.UserPoolRegion(p.ID)
	return region
}

// chosen is one chosen app client and the part(s) it plays.
type chosen struct {
	role   string // "web", "native", or "web and native"
	client *cognito.AppClient
}

// chosenClients returns the chosen clients that exist in the pool, web first,
// and the same client only once when it is both web and native.
func chosenClients(s *cognito.Snapshot) []chosen {
	var out []chosen
	if c := s.Client(s.WebClientID); c != nil && s.WebClientID != "" {
		role := "web"
		if s.NativeClientID == s.WebClientID {
			role = "web and native"
		}
		out = append(out, chosen{role: role, client: c})
	}
	if c := s.Client(s.NativeClientID); c != nil && s.NativeClientID != "" && s.NativeClientID != s.WebClientID {
		out = append(out, chosen{role: "native", client: c})
	}
	return out
}

func poolResource(p cognito.UserPool) string {
	return fmt.Sprintf("user pool %q (%s)", p.Name, p.ID)
}

func clientResource(c *cognito.AppClient) string {
	return fmt.Sprintf("app client %q (%s)", c.Name, c.ID)
}

func identityPoolResource(ip *cognito.IdentityPool) string {
	return fmt.Sprintf("identity pool %q (%s)", ip.Name, ip.ID)
}

func roleResource(name string) string {
	return "role " + name
}

// sortedSet returns a sorted copy of values without duplicates; nil and
// empty are the same set.
func sortedSet(values []string) []string {
	out := slices.Clone(values)
	slices.Sort(out)
	return slices.Compact(out)
}

// listOrNone renders values for Found/Need: "a, b" or "none".
func listOrNone(values []string) string {
	if len(values) == 0 {
		return "none"
	}
	return strings.Join(values, ", ")
}

// appClientConsolePath is where a client's hosted-UI settings are edited.
func appClientConsolePath(p cognito.UserPool, c *cognito.AppClient) string {
	return fmt.Sprintf("Amazon Cognito console > User pools > %s > App integration > App clients > %s > Hosted UI > Edit",
		p.Name, c.Name)
}

// updateClientWarning explains why the update-user-pool-client command is
// shown with a describe first: UpdateUserPoolClient replaces the whole client,
// so every setting left out is reset to its default (user-pain F62).
const updateClientWarning = "Careful with the AWS CLI: update-user-pool-client resets every setting you leave out " +
	"(auth flows, token validity, callback and logout URLs, OAuth flows and scopes, read/write attributes, …) " +
	"to its default. Prefer the console; on the CLI, first read the current settings and pass ALL of them again."

// updateClientCommand is the read-modify-write sequence for one client, with
// the flags to change in setFlags.
func updateClientCommand(p cognito.UserPool, c *cognito.AppClient, setFlags string) string {
	return fmt.Sprintf("aws cognito-idp describe-user-pool-client --user-pool-id %s --client-id %s\n"+
		"aws cognito-idp update-user-pool-client --user-pool-id %s --client-id %s %s <every other current setting>",
		p.ID, c.ID, p.ID, c.ID, setFlags)
}
