// Package drift records a fingerprint of the imported Cognito settings at
// push and compares it with the live resources later (`ampgo status`), and
// re-records them in place (`ampgo auth refresh` and `auth update`) without
// removing and re-importing auth. Fingerprints are pure functions of a
// cognito.Snapshot; only Live and Repoint read AWS, and only with reads.
package drift

import (
	"encoding/json"
	"fmt"

	"github.com/ampgo/ampgo/internal/cognito"
)

// Version is the fingerprint format version.
const Version = 1

// Part kinds, in fingerprint order.
const (
	PartUserPool     = "userPool"
	PartWebClient    = "webClient"
	PartNativeClient = "nativeClient"
	PartIdentityPool = "identityPool"
	PartAuthRole     = "authRole"
	PartUnauthRole   = "unauthRole"
)

// Fingerprint is every imported setting that reaches the client config or
// the import rules, per resource. It is stored per environment in
// amplify/backend/auth/<name>/ampgo-fingerprint.json.
type Fingerprint struct {
	Version int    `json:"version"`
	Parts   []Part `json:"parts"`
	// unchecked names the parts a live read could not reach (the roles
	// of a deleted identity pool, everything under a deleted user pool).
	unchecked map[string]bool
}

// Part is one resource: its id (an ARN for roles) and its settings, keyed
// by the AWS API field name. Values are JSON.
type Part struct {
	Kind     string                     `json:"kind"`
	ID       string                     `json:"id"`
	Name     string                     `json:"name,omitempty"`
	Settings map[string]json.RawMessage `json:"settings"`
}

// Take fingerprints a snapshot of the chosen resources. Resources the
// snapshot lacks (a deleted client, a role that does not exist) have no
// part; a client that is both web and native client has one part.
func Take(s *cognito.Snapshot) Fingerprint {
	fp := Fingerprint{Version: Version, Parts: []Part{userPoolPart(s)}}
	if c := s.Client(s.WebClientID); c != nil && s.WebClientID != "" {
		fp.Parts = append(fp.Parts, clientPart(PartWebClient, c))
	}
	if c := s.Client(s.NativeClientID); c != nil && s.NativeClientID != "" && s.NativeClientID != s.WebClientID {
		fp.Parts = append(fp.Parts, clientPart(PartNativeClient, c))
	}
	if ip := s.IdentityPool; ip != nil {
		fp.Parts = append(fp.Parts, identityPoolPart(ip))
		for _, r := range []struct {
			kind string
			role *cognito.Role
		}{{PartAuthRole, s.AuthRole}, {PartUnauthRole, s.UnauthRole}} {
			if r.role != nil && r.role.Found {
				fp.Parts = append(fp.Parts, rolePart(r.kind, r.role))
			}
		}
	}
	return fp
}

// settings builds a Part's settings; values are JSON-encoded as they come,
// with nil lists as [].
type settings map[string]json.RawMessage

func (m settings) set(key string, v any) {
	if l, ok := v.([]string); ok && l == nil {
		v = []string{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(fmt.Sprintf("%q", fmt.Sprint(v)))
	}
	m[key] = b
}

func userPoolPart(s *cognito.Snapshot) Part {
	p := s.Pool
	m := settings{}
	m.set("Domain", p.Domain)
	m.set("CustomDomain", p.CustomDomain)
	m.set("MfaConfiguration", p.MFA.Configuration)
	m.set("MfaConfiguration.SMS", p.MFA.SMS)
	m.set("MfaConfiguration.TOTP", p.MFA.TOTP)
	m.set("SmsConfiguration.SnsCallerArn", p.MFA.SNSCallerARN)
	pp := p.PasswordPolicy
	m.set("PasswordPolicy.MinimumLength", pp.MinLength)
	m.set("PasswordPolicy.RequireLowercase", pp.RequireLowercase)
	m.set("PasswordPolicy.RequireUppercase", pp.RequireUppercase)
	m.set("PasswordPolicy.RequireNumbers", pp.RequireNumbers)
	m.set("PasswordPolicy.RequireSymbols", pp.RequireSymbols)
	m.set("UsernameAttributes", p.UsernameAttributes)
	m.set("AliasAttributes", p.AliasAttributes)
	m.set("AutoVerifiedAttributes", p.AutoVerifiedAttributes)
	var required, immutable []string
	for _, a := range p.Attributes {
		if a.Required && a.Name != "sub" {
			required = append(required, a.Name)
			if !a.Mutable {
				immutable = append(immutable, a.Name)
			}
		}
	}
	m.set("RequiredAttributes", required)
	m.set("RequiredAttributes.Immutable", immutable)
	var idps []string
	for _, idp := range s.IdentityProviders {
		idps = append(idps, fmt.Sprintf("%s (%s)", idp.Name, idp.Type))
	}
	m.set("IdentityProviders", idps)
	m.set("CustomAuth", p.CustomAuth)
	return Part{Kind: PartUserPool, ID: p.ID, Name: p.Name, Settings: m}
}

func clientPart(kind string, c *cognito.AppClient) Part {
	secret := "none"
	if c.HasSecret {
		secret = "set" // whether there is one; the secret itself is never read
	}
	m := settings{}
	m.set("ClientSecret", secret)
	m.set("AllowedOAuthFlowsUserPoolClient", c.OAuthEnabled)
	m.set("SupportedIdentityProviders", c.SupportedIdentityProviders)
	m.set("CallbackURLs", c.CallbackURLs)
	m.set("LogoutURLs", c.LogoutURLs)
	m.set("AllowedOAuthFlows", c.AllowedOAuthFlows)
	m.set("AllowedOAuthScopes", c.AllowedOAuthScopes)
	m.set("WriteAttributes", c.WriteAttributes)
	return Part{Kind: kind, ID: c.ID, Name: c.Name, Settings: m}
}

func identityPoolPart(ip *cognito.IdentityPool) Part {
	m := settings{}
	m.set("AllowUnauthenticatedIdentities", ip.AllowUnauthenticated)
	var providers, logins []string
	for _, p := range ip.CognitoProviders {
		providers = append(providers, p.ProviderName+" "+p.ClientID)
	}
	for _, l := range ip.LoginProviders {
		logins = append(logins, l.Domain+"="+l.AppID)
	}
	m.set("CognitoIdentityProviders", providers)
	m.set("SupportedLoginProviders", logins)
	m.set("Roles.authenticated", ip.AuthRoleARN)
	m.set("Roles.unauthenticated", ip.UnauthRoleARN)
	return Part{Kind: PartIdentityPool, ID: ip.ID, Name: ip.Name, Settings: m}
}

// rolePart records the trust policy as parsed JSON, so IAM re-encoding it
// (whitespace, key order) is no drift.
func rolePart(kind string, r *cognito.Role) Part {
	m := settings{}
	var doc any
	if err := json.Unmarshal([]byte(r.TrustPolicy), &doc); err == nil {
		m.set("AssumeRolePolicyDocument", doc)
	} else {
		m.set("AssumeRolePolicyDocument", r.TrustPolicy)
	}
	return Part{Kind: kind, ID: r.ARN, Name: r.Name, Settings: m}
}
