package importauth

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
)

// IdentityPoolLinked reports an identity pool that does not list this user
// pool with any client without a secret as a Cognito identity provider (the
// Amplify CLI's candidate rule, reference §1.2). It needs no chosen client,
// so CheckPool runs it; Check runs IdentityPoolProviders instead.
func IdentityPoolLinked(s *cognito.Snapshot) Findings {
	ip := s.IdentityPool
	if ip == nil {
		return nil
	}
	for _, c := range EligibleWebClients(s.Clients) {
		if LinksClient(ip, s.Pool.ID, c.ID) {
			return nil
		}
	}
	want := ProviderName(poolRegion(s.Pool), s.Pool.ID)
	return Findings{{
		Rule:     RuleIdentityPoolProvider,
		Severity: SeverityError,
		Resource: identityPoolResource(ip),
		Field:    "CognitoIdentityProviders",
		Found:    providersFound(ip),
		Need:     fmt.Sprintf("an entry with ProviderName %s and the ClientId of an app client without a secret", want),
		Fix:      addProviderFix(ip, s.Pool, "<web client id>"),
		Detail:   wrongRegionDetail(ip, s.Pool, ""),
	}}
}

// IdentityPoolProviders reports each chosen client that the identity pool
// does not list as a Cognito identity provider of this user pool. The Amplify
// CLI only checks that *some* client of the pool is listed (cli F17 [code]);
// a user signed in with an unlisted client then fails at runtime with "Token
// is not from a supported provider of this identity pool" (js#2067). Before
// any client is chosen it falls back to IdentityPoolLinked.
func IdentityPoolProviders(s *cognito.Snapshot) Findings {
	ip := s.IdentityPool
	if ip == nil {
		return nil
	}
	if s.WebClientID == "" && s.NativeClientID == "" {
		return IdentityPoolLinked(s)
	}
	want := ProviderName(poolRegion(s.Pool), s.Pool.ID)
	var out Findings
	for _, ch := range chosenClients(s) {
		if LinksClient(ip, s.Pool.ID, ch.client.ID) {
			continue
		}
		out = append(out, Finding{
			Rule:     RuleIdentityPoolProvider,
			Severity: SeverityError,
			Resource: identityPoolResource(ip),
			Field:    "CognitoIdentityProviders",
			Found:    providersFound(ip),
			Need: fmt.Sprintf("an entry with ProviderName %s and ClientId %s (the %s client, %s)",
				want, ch.client.ID, ch.role, clientResource(ch.client)),
			Fix:    addProviderFix(ip, s.Pool, ch.client.ID),
			Detail: wrongRegionDetail(ip, s.Pool, ch.client.ID),
		})
	}
	return out
}

// providersFound renders every Cognito provider of ip as provider/client
// pairs, or "none".
func providersFound(ip *cognito.IdentityPool) string {
	pairs := make([]string, len(ip.CognitoProviders))
	for i, p := range ip.CognitoProviders {
		pairs[i] = fmt.Sprintf("%s client %s", p.ProviderName, p.ClientID)
	}
	return listOrNone(pairs)
}

// wrongRegionDetail explains entries that name this user pool id (and, when
// clientID is set, this client) under a provider name that is not exactly
// cognito-idp.<pool region>.amazonaws.com/<pool id>, usually a wrong region.
func wrongRegionDetail(ip *cognito.IdentityPool, pool cognito.UserPool, clientID string) string {
	want := ProviderName(poolRegion(pool), pool.ID)
	var lines []string
	for _, p := range IdentityPoolLinks(ip, pool.ID) {
		if p.ProviderName == want || (clientID != "" && p.ClientID != clientID) {
			continue
		}
		lines = append(lines, fmt.Sprintf("The entry %s client %s names this user pool, but its provider name is wrong "+
			"(it must be %s; the region is part of the name); remove it when you add the right one.",
			p.ProviderName, p.ClientID, want))
	}
	return strings.Join(lines, "\n")
}

// addProviderFix is the console path, and the read-modify-write CLI sequence:
// update-identity-pool replaces the whole identity pool definition, so
// providers or settings left out of the call are removed.
func addProviderFix(ip *cognito.IdentityPool, pool cognito.UserPool, clientID string) string {
	return fmt.Sprintf("Amazon Cognito console > Identity pools > %s > User access > Identity providers > Add identity provider > "+
		"Amazon Cognito user pool: user pool ID %s, app client ID %s\n"+
		"or with the AWS CLI (careful: update-identity-pool needs the FULL identity pool definition; "+
		"everything left out, other providers included, is removed):\n"+
		"aws cognito-identity describe-identity-pool --identity-pool-id %s > identity-pool.json\n"+
		"# add {\"ProviderName\": %q, \"ClientId\": %q, \"ServerSideTokenCheck\": false} to CognitoIdentityProviders\n"+
		"aws cognito-identity update-identity-pool --cli-input-json file://identity-pool.json",
		ip.Name, pool.ID, clientID, ip.ID, ProviderName(poolRegion(pool), pool.ID), clientID)
}
