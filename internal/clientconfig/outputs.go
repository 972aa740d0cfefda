package clientconfig

import (
	"errors"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
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
	o := jsonobj.New().Set("version", OutputsVersion)
	if c.Auth != nil {
		auth, err := outputsAuth(c.Auth)
		if err != nil {
			return nil, err
		}
		o.Set("auth", auth)
	}
	// data after auth, as in the schema's property order.
	data, err := outputsData(c)
	if err != nil {
		return nil, err
	}
	if data != nil {
		o.Set("data", data)
	}
	if s := c.Storage; s != nil {
		o.Set("storage", jsonobj.New().Set("aws_region", s.Region).Set("bucket_name", s.BucketName))
	}
	// custom last, as in the schema's property order.
	if len(c.RestAPIs) > 0 {
		o.Set("custom", jsonobj.New().Set("API", outputsRestAPIs(c.RestAPIs)))
	}
	return jsonobj.Indent(o, "  ")
}

// outputsAuth builds the auth section in the key order of the schema.
func outputsAuth(a *AuthConfig) (*jsonobj.Object, error) {
	if a.UserPoolID == "" || a.WebClientID == "" {
		return nil, errors.New("render amplify_outputs.json: auth has no user pool id or web client id")
	}
	// One aws_region for both pools: the user pool's. Amplify JS takes each
	// endpoint region from the id prefix anyway; Warnings flags an identity
	// pool in another region, which the native Gen 2 readers would miss.
	o := jsonobj.New().
		Set("aws_region", a.UserPoolRegion).
		Set("user_pool_id", a.UserPoolID).
		Set("user_pool_client_id", a.WebClientID)
	if a.IdentityPoolID != "" {
		o.Set("identity_pool_id", a.IdentityPoolID)
	}
	s := a.Settings
	if s != nil && s.PasswordMinLength > 0 {
		o.Set("password_policy", jsonobj.New().
			Set("min_length", s.PasswordMinLength).
			Set("require_numbers", slices.Contains(s.PasswordCharacters, "REQUIRES_NUMBERS")).
			Set("require_lowercase", slices.Contains(s.PasswordCharacters, "REQUIRES_LOWERCASE")).
			Set("require_uppercase", slices.Contains(s.PasswordCharacters, "REQUIRES_UPPERCASE")).
			Set("require_symbols", slices.Contains(s.PasswordCharacters, "REQUIRES_SYMBOLS")))
	}
	if oauth := outputsOAuth(a); oauth != nil {
		o.Set("oauth", oauth)
	}
	if s != nil {
		setOutputsSettings(o, s)
	}
	if a.IdentityPoolID != "" {
		// Unknown (nil) means allowed, as aws-exports.js without
		// aws_mandatory_sign_in means to Amplify JS.
		o.Set("unauthenticated_identities_enabled", a.AllowGuestAccess == nil || *a.AllowGuestAccess)
	}
	if s != nil {
		o.Set("mfa_configuration", outputsMFA(s.MFAConfiguration))
		o.Set("mfa_methods", strs(s.MFATypes))
	}
	return o, nil
}

// setOutputsSettings adds the attribute lists. username_attributes is always
// written (schema: at least one item): "username" for a pool that signs in
// with user names, so Amplify JS reads loginWith.username like it does from
// aws-exports.js.
func setOutputsSettings(o *jsonobj.Object, s *PoolSettings) {
	var required []string
	for _, attr := range s.SignupAttributes {
		if a := strings.ToLower(attr); standardAttributes[a] && !slices.Contains(required, a) {
			required = append(required, a)
		}
	}
	o.Set("standard_required_attributes", strs(required))
	usernames := lowerAll(s.UsernameAttributes)
	if len(usernames) == 0 {
		usernames = []string{"username"}
	}
	o.Set("username_attributes", usernames)
	o.Set("user_verification_types", strs(lowerAll(s.VerificationMechanisms)))
}

// outputsOAuth is the web client's hosted UI block, or nil when there is
// none or when it has no sign-out URL (redirect_sign_out_uri needs one item).
func outputsOAuth(a *AuthConfig) *jsonobj.Object {
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
	return jsonobj.New().
		Set("identity_providers", providers).
		Set("domain", w.Domain).
		Set("scopes", strs(w.Scopes)).
		Set("redirect_sign_in_uri", strs(w.RedirectSignIn)).
		Set("redirect_sign_out_uri", strs(w.RedirectSignOut)).
		Set("response_type", w.ResponseType)
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

// outputsRestAPIs is custom.API: amplify_outputs.json has no REST section,
// so the Amplify Gen 2 REST docs (aws-amplify/docs src/pages/[platform]/
// build-a-backend/add-aws-services/rest-api/set-up-rest-api/index.mdx) add
// one with backend.addOutput({custom: {API: {[name]: {endpoint, region,
// apiName}}}}), and the app passes outputs.custom.API as API.REST to
// Amplify.configure (reference/amplify-api-behaviour.md §1.4). ampgo writes
// the same shape, so that code works unchanged. The endpoint has no
// trailing slash (CDK's RestApi.url has one), so paths start with "/" as
// with aws-exports.js.
func outputsRestAPIs(apis []RestAPIConfig) *jsonobj.Object {
	o := jsonobj.New()
	for _, a := range apis {
		o.Set(a.Name, jsonobj.New().Set("endpoint", a.Endpoint).Set("region", a.Region).Set("apiName", a.Name))
	}
	return o
}
