package importauth

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
)

// Rule ids of the attribute and pool-level rules.
const (
	RuleRequiredAttributes = "required-attributes"
	RuleAliasAttributes    = "alias-attributes"
	RuleGuestAccess        = "guest-access"
)

// SeverityInfo marks a finding that is worth knowing but needs no action
// now. Import prints only errors and warnings; doctor prints all three.
const SeverityInfo Severity = "info"

// Infos returns only the informational findings.
func (fs Findings) Infos() Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity == SeverityInfo {
			out = append(out, f)
		}
	}
	return out
}

// usesFederation reports whether a client signs users in through a
// federated identity provider (Google, SAML, OIDC, …), not only COGNITO.
func usesFederation(c *cognito.AppClient) bool {
	return slices.ContainsFunc(c.SupportedIdentityProviders, func(p string) bool { return p != "COGNITO" })
}

// requiredAttributes returns the pool's required standard attributes
// (sub is required too, but Cognito sets it and nobody maps or writes it).
func requiredAttributes(p cognito.UserPool) []cognito.Attribute {
	var out []cognito.Attribute
	for _, a := range p.Attributes {
		if a.Required && slices.Contains(standardAttributes, a.Name) {
			out = append(out, a)
		}
	}
	return out
}

// RequiredAttributesWritable warns, when a chosen client signs users in
// through a federated provider of the pool, about required attributes that
// are immutable in the pool or not writable by that client. Cognito writes
// the provider's mapped attributes on every federated sign-in, so such an
// attribute makes social sign-in fail (Amplify docs "writable vs mutable
// attributes", reference §8; the Amplify CLI does not check it). A client
// with no WriteAttributes list may write every attribute.
func RequiredAttributesWritable(s *cognito.Snapshot) Findings {
	if len(s.IdentityProviders) == 0 {
		return nil
	}
	var users []chosen
	for _, ch := range chosenClients(s) {
		if usesFederation(ch.client) {
			users = append(users, ch)
		}
	}
	required := requiredAttributes(s.Pool)
	if len(users) == 0 || len(required) == 0 {
		return nil
	}
	var out Findings
	var immutable []string
	for _, a := range required {
		if !a.Mutable {
			immutable = append(immutable, a.Name)
		}
	}
	if len(immutable) > 0 {
		out = append(out, immutableFinding(s, immutable))
	}
	for _, ch := range users {
		if f, ok := writeAttributesFinding(s.Pool, ch.client, required); ok {
			out = append(out, f)
		}
	}
	return out
}

func immutableFinding(s *cognito.Snapshot, names []string) Finding {
	idps := make([]string, len(s.IdentityProviders))
	for i, p := range s.IdentityProviders {
		idps[i] = p.Name
	}
	return Finding{
		Rule:     RuleRequiredAttributes,
		Severity: SeverityWarning,
		Resource: poolResource(s.Pool),
		Field:    "SchemaAttributes.Mutable",
		Found:    fmt.Sprintf("required and immutable: %s", strings.Join(names, ", ")),
		Need:     "required attributes that are mutable, because users sign in with " + strings.Join(idps, ", "),
		Fix: "an attribute's mutability is fixed when the pool is created: create a user pool whose schema has " +
			`"Mutable": true for ` + strings.Join(names, ", ") + " and migrate the users, or stop mapping these " +
			"attributes from the identity providers (Amazon Cognito console > User pools > " + s.Pool.Name +
			" > Sign-in experience > Federated identity provider sign-in > <provider> > Attribute mapping)",
		Detail: "Cognito writes mapped attributes on every federated sign-in; writing an immutable one fails the sign-in.",
	}
}

// writeAttributesFinding reports the required attributes a federated
// client may not write, when it has an explicit WriteAttributes list.
func writeAttributesFinding(pool cognito.UserPool, c *cognito.AppClient, required []cognito.Attribute) (Finding, bool) {
	if len(c.WriteAttributes) == 0 {
		return Finding{}, false
	}
	var missing []string
	for _, a := range required {
		if !slices.Contains(c.WriteAttributes, a.Name) {
			missing = append(missing, a.Name)
		}
	}
	if len(missing) == 0 {
		return Finding{}, false
	}
	want := append(slices.Clone(c.WriteAttributes), missing...)
	return Finding{
		Rule:     RuleRequiredAttributes,
		Severity: SeverityWarning,
		Resource: clientResource(c),
		Field:    "WriteAttributes",
		Found:    listOrNone(c.WriteAttributes),
		Need:     "every required attribute, because the client signs users in with " + listOrNone(c.SupportedIdentityProviders) + ": add " + strings.Join(missing, ", "),
		Fix: fmt.Sprintf("Amazon Cognito console > User pools > %s > App integration > App clients > %s > "+
			"Attribute read and write permissions > Edit > Write: check %s\n%s\n%s",
			pool.Name, c.Name, strings.Join(missing, ", "), updateClientWarning,
			updateClientCommand(pool, c, "--write-attributes "+strings.Join(want, " "))),
		Detail: "Cognito writes mapped attributes through the client on every federated sign-in; " +
			"a required attribute the client cannot write fails the sign-in.",
	}, true
}

// AliasAttributesUnset warns about a pool with alias attributes. ampgo and
// Amplify Gen 1 work with them, but Gen 2's referenceAuth refuses such a
// pool (backend#3349) and aliases cannot be removed from an existing pool.
func AliasAttributesUnset(s *cognito.Snapshot) Findings {
	if len(s.Pool.AliasAttributes) == 0 {
		return nil
	}
	return Findings{{
		Rule:     RuleAliasAttributes,
		Severity: SeverityWarning,
		Resource: poolResource(s.Pool),
		Field:    "AliasAttributes",
		Found:    listOrNone(s.Pool.AliasAttributes),
		Need:     "no alias attributes (username attributes instead), if the app is ever to move to Amplify Gen 2",
		Fix: "nothing to do for ampgo or Amplify Gen 1. Alias attributes are fixed when a pool is created; " +
			"before a move to Gen 2 referenceAuth, create a pool with --username-attributes (e.g. email) and migrate the users:\n" +
			"aws cognito-idp create-user-pool --pool-name " + s.Pool.Name + "-v2 --username-attributes email",
		Detail: `Amplify Gen 2 referenceAuth fails with "The specified user pool is configured with alias attributes which are not currently supported" (backend#3349).`,
	}}
}

// PoolDomainForProviders warns about a pool with federated identity
// providers but no hosted-UI domain: federated sign-in always goes through
// the hosted UI, so no client can use those providers (referenceAuth makes
// the same check). HostedUIDomainPresent is the per-client form of it.
func PoolDomainForProviders(s *cognito.Snapshot) Findings {
	if len(s.IdentityProviders) == 0 || s.Pool.Domain != "" || s.Pool.CustomDomain != "" {
		return nil
	}
	names := make([]string, len(s.IdentityProviders))
	for i, p := range s.IdentityProviders {
		names[i] = fmt.Sprintf("%s (%s)", p.Name, p.Type)
	}
	return Findings{{
		Rule:     RuleHostedUIDomain,
		Severity: SeverityWarning,
		Resource: poolResource(s.Pool),
		Field:    "Domain",
		Found:    "none (no Cognito domain and no custom domain)",
		Need:     "a hosted-UI domain, because the pool has identity providers: " + strings.Join(names, ", "),
		Fix: fmt.Sprintf("Amazon Cognito console > User pools > %s > App integration > Domain > Actions > Create Cognito domain\n"+
			"or: aws cognito-idp create-user-pool-domain --domain <prefix> --user-pool-id %s",
			s.Pool.Name, s.Pool.ID),
		Detail: "Federated sign-in goes through the hosted UI, which is served from the pool's domain.",
	}}
}

// GuestAccess returns a rule about an identity pool with guest access off:
// informational when nothing needs guests, an error when neededBy names
// resources that serve signed-out users (storage with guest access needs
// unauthenticated identities, cli#13240, cli#13662).
func GuestAccess(neededBy []string) Rule {
	return func(s *cognito.Snapshot) Findings {
		ip := s.IdentityPool
		if ip == nil || ip.AllowUnauthenticated {
			return nil
		}
		f := Finding{
			Rule:     RuleGuestAccess,
			Severity: SeverityInfo,
			Resource: identityPoolResource(ip),
			Field:    "AllowUnauthenticatedIdentities",
			Found:    "false (guest access off)",
			Need:     "true only if the app serves signed-out users (e.g. storage or analytics with guest access)",
			Fix: fmt.Sprintf("Amazon Cognito console > Identity pools > %s > User access > Guest access > Activate\n"+
				"or (update-identity-pool replaces the whole definition, so pass every current setting):\n"+
				"aws cognito-identity describe-identity-pool --identity-pool-id %s > identity-pool.json\n"+
				"# set \"AllowUnauthenticatedIdentities\": true\n"+
				"aws cognito-identity update-identity-pool --cli-input-json file://identity-pool.json",
				ip.Name, ip.ID),
		}
		if len(neededBy) > 0 {
			f.Severity = SeverityError
			f.Need = "true: " + strings.Join(neededBy, ", ") + " of this project serve(s) signed-out users"
		}
		return Findings{f}
	}
}
