package clientconfig

import (
	"errors"
	"slices"
	"strings"
)

// OutputsVersion is the amplify_outputs.json schema version ampgo writes.
// "1.4" is the oldest version whose auth section has everything an imported
// pool needs (1.5 only changed notifications); every reader that knows 1.5
// reads 1.4, and Amplify JS v6 takes any "1…" (ecosystem.md §2). The file is
// validated against the 1.4 schema of @aws-amplify/client-config 1.11.1
// (outputs_schema_test.go).
const OutputsVersion = "1.4"

// standardAttributes are the names amplify_outputs.json accepts in
// standard_required_attributes (AmazonCognitoStandardAttributes).
var standardAttributes = keySet("address", "birthdate", "email", "family_name", "gender",
	"given_name", "locale", "middle_name", "name", "nickname", "phone_number", "picture",
	"preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo")

// outputsProviders maps the aws-exports provider names to the
// identity_providers enum of amplify_outputs.json.
var outputsProviders = map[string]string{
	"GOOGLE": "GOOGLE", "FACEBOOK": "FACEBOOK", "AMAZON": "LOGIN_WITH_AMAZON", "APPLE": "SIGN_IN_WITH_APPLE",
}

// RenderOutputs renders amplify_outputs.json (the Gen 2 client config) for
// any frontend: JSON.stringify(config, null, 2) like Gen 2 writes it, with
// the WEB client (the one without a secret; the format has no place for a
// secret). The OAuth block is left out when the web client has no sign-out
// URL, because the schema needs at least one (Warnings says so).
func RenderOutputs(c Config) ([]byte, error) {
	if c.ProjectRegion == "" {
		return nil, errors.New("render amplify_outputs.json: project region is empty")
	}
	o := object{{"version", OutputsVersion}}
	if c.Auth != nil {
		auth, err := outputsAuth(c.Auth)
		if err != nil {
			return nil, err
		}
		o.set("auth", auth)
	}
	if s := c.Storage; s != nil {
		o.set("storage", object{{"aws_region", s.Region}, {"bucket_name", s.BucketName}})
	}
	return stringify(o, "  ")
}

// outputsAuth builds the auth section in the key order of the schema.
func outputsAuth(a *AuthConfig) (object, error) {
	if a.UserPoolID == "" || a.WebClientID == "" {
		return nil, errors.New("render amplify_outputs.json: auth has no user pool id or web client id")
	}
	// One aws_region for both pools: the user pool's. Amplify JS takes each
	// endpoint region from the id prefix anyway; Warnings flags an identity
	// pool in another region, which the native Gen 2 readers would miss.
	o := object{
		{"aws_region", a.UserPoolRegion},
		{"user_pool_id", a.UserPoolID},
		{"user_pool_client_id", a.WebClientID},
	}
	if a.IdentityPoolID != "" {
		o.set("identity_pool_id", a.IdentityPoolID)
	}
	s := a.Settings
	if s != nil && s.PasswordMinLength > 0 {
		o.set("password_policy", object{
			{"min_length", s.PasswordMinLength},
			{"require_numbers", slices.Contains(s.PasswordCharacters, "REQUIRES_NUMBERS")},
			{"require_lowercase", slices.Contains(s.PasswordCharacters, "REQUIRES_LOWERCASE")},
			{"require_uppercase", slices.Contains(s.PasswordCharacters, "REQUIRES_UPPERCASE")},
			{"require_symbols", slices.Contains(s.PasswordCharacters, "REQUIRES_SYMBOLS")},
		})
	}
	if oauth := outputsOAuth(a); oauth != nil {
		o.set("oauth", oauth)
	}
	if s != nil {
		setOutputsSettings(&o, s)
	}
	if a.IdentityPoolID != "" {
		// Unknown (nil) means allowed, as aws-exports.js without
		// aws_mandatory_sign_in means to Amplify JS.
		o.set("unauthenticated_identities_enabled", a.AllowGuestAccess == nil || *a.AllowGuestAccess)
	}
	if s != nil {
		o.set("mfa_configuration", outputsMFA(s.MFAConfiguration))
		o.set("mfa_methods", strs(s.MFATypes))
	}
	return o, nil
}

// setOutputsSettings adds the attribute lists. username_attributes is always
// written (schema: at least one item): "username" for a pool that signs in
// with user names, so Amplify JS reads loginWith.username like it does from
// aws-exports.js.
func setOutputsSettings(o *object, s *PoolSettings) {
	var required []string
	for _, attr := range s.SignupAttributes {
		if a := strings.ToLower(attr); standardAttributes[a] && !slices.Contains(required, a) {
			required = append(required, a)
		}
	}
	o.set("standard_required_attributes", strs(required))
	usernames := lowerAll(s.UsernameAttributes)
	if len(usernames) == 0 {
		usernames = []string{"username"}
	}
	o.set("username_attributes", usernames)
	o.set("user_verification_types", strs(lowerAll(s.VerificationMechanisms)))
}

// outputsOAuth is the web client's hosted UI block, or nil when there is
// none or when it has no sign-out URL (redirect_sign_out_uri needs one item).
func outputsOAuth(a *AuthConfig) object {
	w := a.WebOAuth
	if w == nil || len(w.RedirectSignOut) == 0 {
		return nil
	}
	providers := []string{}
	if a.Settings != nil {
		for _, p := range a.Settings.SocialProviders {
			if name, ok := outputsProviders[p]; ok {
				providers = append(providers, name)
			}
		}
	}
	return object{
		{"identity_providers", providers},
		{"domain", w.Domain},
		{"scopes", strs(w.Scopes)},
		{"redirect_sign_in_uri", strs(w.RedirectSignIn)},
		{"redirect_sign_out_uri", strs(w.RedirectSignOut)},
		{"response_type", w.ResponseType},
	}
}

// outputsMFA maps OFF/ON/OPTIONAL to the schema's NONE/REQUIRED/OPTIONAL.
func outputsMFA(v string) string {
	switch v {
	case "ON":
		return "REQUIRED"
	case "OPTIONAL":
		return "OPTIONAL"
	}
	return "NONE"
}

func lowerAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, v := range in {
		out = append(out, strings.ToLower(v))
	}
	return out
}
