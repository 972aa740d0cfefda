package clientconfig

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/project"
)

// FromMeta builds the model from the recorded amplify-meta.json auth entry
// (reference/amplify-import-behaviour.md §3.4). Each resource's region comes
// from its id (ids: only a well-formed id names one), falling back to the
// recorded region (user pool only), then the project region. The OAuthMetadata
// and NativeOAuthMetadata JSON strings are decoded; a client secret, if
// recorded, is never copied into the model.
//
// AllowGuestAccess is left nil: amplify-meta.json does not record it.
func FromMeta(projectRegion string, m *project.MetaAuth) (*AuthConfig, error) {
	if m == nil {
		return nil, errors.New("build client config: no auth resource in amplify-meta.json")
	}
	out := m.Output
	if out.UserPoolID == "" {
		return nil, errors.New("build client config: auth resource has no UserPoolId in amplify-meta.json")
	}
	a := &AuthConfig{
		UserPoolID:          out.UserPoolID,
		UserPoolRegion:      firstNonEmpty(idRegion(ids.UserPoolRegion(out.UserPoolID)), out.Region, projectRegion),
		WebClientID:         out.AppClientIDWeb,
		NativeClientID:      out.AppClientID,
		IdentityPoolID:      out.IdentityPoolID,
		GoogleWebClientID:   out.GoogleWebClient,
		FacebookWebClientID: out.FacebookWebClient,
		AmazonWebClientID:   out.AmazonWebClient,
		AppleWebClientID:    out.AppleWebClient,
		CustomAuth:          m.CustomAuth,
	}
	if a.IdentityPoolID != "" {
		a.IdentityPoolRegion = firstNonEmpty(idRegion(ids.IdentityPoolRegion(a.IdentityPoolID)), projectRegion)
	}
	if f := m.FrontendAuthConfig; f != nil {
		a.Settings = settingsFrom(f)
	}

	domain := hostedUIDomain(out.HostedUIDomain, a.UserPoolRegion)
	var err error
	if a.WebOAuth, err = decodeOAuth(out.OAuthMetadata, domain); err != nil {
		return nil, fmt.Errorf("decode OAuthMetadata of user pool %s: %w", out.UserPoolID, err)
	}
	// Without NativeOAuthMetadata (projects recorded by the Amplify CLI) the
	// native client shares the web client's values, as the CLI required.
	a.NativeOAuth = a.WebOAuth
	if out.NativeOAuthMetadata != "" {
		if a.NativeOAuth, err = decodeOAuth(out.NativeOAuthMetadata, domain); err != nil {
			return nil, fmt.Errorf("decode NativeOAuthMetadata of user pool %s: %w", out.UserPoolID, err)
		}
	}
	return a, nil
}

// hostedUIDomain turns the recorded HostedUIDomain into a host name. A value
// with a dot is a custom domain and is used as is; a bare prefix gets the
// Cognito suffix with the POOL's region. Deliberate fix: the Amplify CLI
// always appends ".auth.<project region>.amazoncognito.com", which mangles
// custom domains ("auth.example.com.auth.us-east-1.amazoncognito.com",
// cli#11706, cli#1880) and points cross-region pools at the wrong region.
func hostedUIDomain(recorded, poolRegion string) string {
	d := strings.TrimSpace(recorded)
	d = strings.TrimPrefix(d, "https://")
	d = strings.TrimSuffix(d, "/")
	if d == "" {
		return ""
	}
	if strings.Contains(d, ".") {
		return d
	}
	return d + ".auth." + poolRegion + ".amazoncognito.com"
}

// decodeOAuth decodes one client's OAuth metadata. It returns nil (no hosted
// UI for this client) unless the pool has a domain and the client has a user
// flow, scopes and callback URLs.
//
// Deliberate difference: the Amplify CLI records OAuth metadata only when the
// client also has logout URLs and one of its five known providers, so pools
// that sign in only through OIDC or SAML providers get no OAuth block
// (cli#10932, cli#11309). Here flows + scopes + callback URLs are enough; the
// identity providers do not matter, and missing logout URLs only leave
// RedirectSignOut empty.
func decodeOAuth(raw, domain string) (*OAuthConfig, error) {
	if raw == "" {
		return nil, nil
	}
	var md project.OAuthMetadata
	if err := json.Unmarshal([]byte(raw), &md); err != nil {
		return nil, err
	}
	rt := responseType(md.AllowedOAuthFlows)
	if domain == "" || rt == "" || len(md.AllowedOAuthScopes) == 0 || len(md.CallbackURLs) == 0 {
		return nil, nil
	}
	return &OAuthConfig{
		Domain:          domain,
		Scopes:          slices.Clone(md.AllowedOAuthScopes),
		RedirectSignIn:  slices.Clone(md.CallbackURLs),
		RedirectSignOut: slices.Clone(md.LogoutURLs),
		ResponseType:    rt,
	}, nil
}

// responseType picks the hosted UI response type from the client's flows.
// The Amplify CLI takes the first flow in API order and maps implicit to
// token; here the code grant wins whenever the client allows it (it is the
// flow Amplify recommends), implicit maps to token, and a client with only
// client_credentials (machine to machine) has no user sign-in at all.
func responseType(flows []string) string {
	switch {
	case slices.Contains(flows, "code"):
		return "code"
	case slices.Contains(flows, "implicit"):
		return "token"
	}
	return ""
}

// settingsFrom copies frontendAuthConfig into the model, normalising values
// to the upper-case vocabulary aws-exports uses.
func settingsFrom(f *project.FrontendAuthConfig) *PoolSettings {
	s := &PoolSettings{
		UsernameAttributes:     usernameAttributes(f.UsernameAttributes),
		SocialProviders:        socialProviders(f.SocialProviders),
		SignupAttributes:       upperAll(f.SignupAttributes),
		MFAConfiguration:       strings.ToUpper(strings.TrimSpace(f.MFAConfiguration)),
		MFATypes:               mfaTypes(f.MFATypes),
		PasswordMinLength:      f.PasswordProtectionSettings.PasswordPolicyMinLength,
		PasswordCharacters:     passwordCharacters(f.PasswordProtectionSettings.PasswordPolicyCharacters),
		VerificationMechanisms: upperAll(f.VerificationMechanisms),
	}
	if s.MFAConfiguration == "" {
		s.MFAConfiguration = "OFF"
	}
	return s
}

// usernameAttributes lists every username attribute. Deliberate fix: the
// Amplify CLI keeps only the first element (a pool with email and phone
// number as usernames yields ["EMAIL"]), so Amplify JS never offers phone
// sign-in. Entries in the CLI's managed-auth form "email, phone_number" are
// split as well.
func usernameAttributes(in []string) []string {
	var out []string
	for _, v := range in {
		for _, part := range strings.Split(v, ",") {
			part = strings.ToUpper(strings.TrimSpace(part))
			if part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	return out
}

// socialProviders keeps the four providers aws-exports can express. Amplify
// JS capitalises every name it finds there ("MyOIDC" would become "Myoidc"),
// so OIDC and SAML provider names are left out; apps pass them at call time
// as {custom: "Name"}.
func socialProviders(in []string) []string {
	names := map[string]string{
		"GOOGLE": "GOOGLE", "FACEBOOK": "FACEBOOK", "AMAZON": "AMAZON", "APPLE": "APPLE",
		"LOGINWITHAMAZON": "AMAZON", "SIGNINWITHAPPLE": "APPLE",
	}
	var out []string
	for _, v := range in {
		key := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(v), "_", ""))
		if n, ok := names[key]; ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// mfaTypes maps the CLI's parameter names ("SMS Text Message") to SMS/TOTP.
func mfaTypes(in []string) []string {
	var out []string
	for _, v := range in {
		t := strings.ToUpper(strings.TrimSpace(v))
		if strings.HasPrefix(t, "SMS") {
			t = "SMS"
		}
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// passwordCharacters maps "Requires Lowercase" to "REQUIRES_LOWERCASE".
func passwordCharacters(in []string) []string {
	out := make([]string, 0, len(in))
	for _, v := range in {
		out = append(out, strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(v), " ", "_")))
	}
	return out
}

func upperAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, v := range in {
		out = append(out, strings.ToUpper(strings.TrimSpace(v)))
	}
	return out
}

// idRegion is the region a Cognito id names, "" for a malformed id (the
// caller then falls back to a recorded or the project region). Amplify JS
// v6 resolves endpoints from the id the same way (ecosystem.md §2).
func idRegion(region string, _ error) string { return region }

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
