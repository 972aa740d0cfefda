package importauth

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/project"
)

// standardAttributes are the attributes the Amplify libraries know as sign-up
// attributes; sub and custom attributes are left out, as in the Amplify CLI.
var standardAttributes = []string{
	"address", "birthdate", "email", "family_name", "middle_name", "gender", "locale", "given_name",
	"name", "nickname", "phone_number", "preferred_username", "picture", "profile", "updated_at",
	"website", "zoneinfo",
}

// socialProviders maps user pool provider names to the frontend names.
var socialProviders = map[string]string{
	"Facebook": "FACEBOOK", "Google": "GOOGLE", "LoginWithAmazon": "AMAZON", "SignInWithApple": "APPLE",
}

// Record turns a validated snapshot into what the project records for the
// current environment. frontend decides the key of a Google app id in
// team-provider-info (googleClientId, googleIos or googleAndroid).
func Record(s *cognito.Snapshot, resourceName, frontend string) (project.ImportedAuth, error) {
	web, native := s.Client(s.WebClientID), s.Client(s.NativeClientID)
	if web == nil || native == nil {
		return project.ImportedAuth{}, fmt.Errorf("record import of user pool %s: chosen app clients were not read", s.Pool.ID)
	}
	selections := project.UserPoolOnly
	if s.IdentityPool != nil {
		selections = project.IdentityPoolAndUserPool
	}
	params := parameters(s, web, resourceName, selections)
	env := envAuth(s, frontend)
	backend := project.BackendAuth{
		Service: "Cognito", ServiceType: project.ServiceTypeImported, ProviderPlugin: "awscloudformation",
		DependsOn: []project.Dependency{}, CustomAuth: s.Pool.CustomAuth,
	}
	fac := FrontendConfig(params)
	meta := project.MetaAuth{
		Service: backend.Service, ServiceType: backend.ServiceType, ProviderPlugin: backend.ProviderPlugin,
		DependsOn: backend.DependsOn, CustomAuth: backend.CustomAuth,
		Output: output(s, web, native), FrontendAuthConfig: &fac,
	}
	return project.ImportedAuth{Name: resourceName, Backend: backend, Parameters: params, Env: env, Meta: meta}, nil
}

func parameters(s *cognito.Snapshot, web *cognito.AppClient, name, selections string) project.AuthParameters {
	p := project.AuthParameters{
		AuthSelections:           selections,
		ResourceName:             name,
		ServiceType:              project.ServiceTypeImported,
		Region:                   s.Pool.Region,
		AliasAttributes:          s.Pool.AliasAttributes,
		UsernameAttributes:       s.Pool.UsernameAttributes,
		AuthProvidersUserPool:    []string{},
		RequiredAttributes:       []string{},
		PasswordPolicyMinLength:  s.Pool.PasswordPolicy.MinLength,
		PasswordPolicyCharacters: []string{},
		MFAConfiguration:         s.Pool.MFA.Configuration,
		AutoVerifiedAttributes:   nonNil(s.Pool.AutoVerifiedAttributes),
		MFATypes:                 []string{},
	}
	for _, idp := range web.SupportedIdentityProviders {
		if _, ok := socialProviders[idp]; ok {
			p.AuthProvidersUserPool = append(p.AuthProvidersUserPool, idp)
		}
	}
	for _, a := range s.Pool.Attributes {
		if a.Required && slices.Contains(standardAttributes, a.Name) {
			p.RequiredAttributes = append(p.RequiredAttributes, a.Name)
		}
	}
	if p.PasswordPolicyMinLength == 0 {
		p.PasswordPolicyMinLength = 8
	}
	pp := s.Pool.PasswordPolicy
	for _, c := range []struct {
		on   bool
		name string
	}{{pp.RequireLowercase, "Requires Lowercase"}, {pp.RequireUppercase, "Requires Uppercase"},
		{pp.RequireNumbers, "Requires Numbers"}, {pp.RequireSymbols, "Requires Symbols"}} {
		if c.on {
			p.PasswordPolicyCharacters = append(p.PasswordPolicyCharacters, c.name)
		}
	}
	if s.Pool.MFA.SMS {
		p.MFATypes = append(p.MFATypes, "SMS Text Message")
	}
	if s.Pool.MFA.TOTP {
		p.MFATypes = append(p.MFATypes, "TOTP")
	}
	return p
}

// FrontendConfig derives amplify-meta's frontendAuthConfig from parameters.json.
// Unlike the Amplify CLI, every username attribute is kept (it keeps only the
// first, so a pool with email and phone_number signs in with email only).
func FrontendConfig(p project.AuthParameters) project.FrontendAuthConfig {
	upper := func(in []string) []string {
		out := make([]string, 0, len(in))
		for _, v := range in {
			out = append(out, strings.ToUpper(strings.ReplaceAll(v, " ", "_")))
		}
		return out
	}
	fc := project.FrontendAuthConfig{
		SocialProviders:    []string{},
		UsernameAttributes: upper(p.UsernameAttributes),
		SignupAttributes:   upper(p.RequiredAttributes),
		PasswordProtectionSettings: project.PasswordProtectionSettings{
			PasswordPolicyMinLength:  p.PasswordPolicyMinLength,
			PasswordPolicyCharacters: upper(p.PasswordPolicyCharacters),
		},
		MFAConfiguration:       p.MFAConfiguration,
		MFATypes:               []string{},
		VerificationMechanisms: upper(p.AutoVerifiedAttributes),
	}
	for _, sp := range p.AuthProvidersUserPool {
		fc.SocialProviders = append(fc.SocialProviders, socialProviders[sp])
	}
	for _, t := range p.MFATypes {
		if t == "SMS Text Message" {
			t = "SMS"
		}
		fc.MFATypes = append(fc.MFATypes, t)
	}
	return fc
}

// loginProviders says where the app id of each identity pool login provider
// (SupportedLoginProviders) is recorded: team-provider-info, by frontend for
// Google, and the amplify-meta output.
var loginProviders = map[string]struct {
	env    func(e *project.EnvAuth, id, frontend string)
	output func(o *project.AuthOutput, id string)
}{
	"www.amazon.com": {
		func(e *project.EnvAuth, id, _ string) { e.AmazonAppID = id },
		func(o *project.AuthOutput, id string) { o.AmazonWebClient = id },
	},
	"graph.facebook.com": {
		func(e *project.EnvAuth, id, _ string) { e.FacebookAppID = id },
		func(o *project.AuthOutput, id string) { o.FacebookWebClient = id },
	},
	"appleid.apple.com": {
		func(e *project.EnvAuth, id, _ string) { e.AppleAppID = id },
		func(o *project.AuthOutput, id string) { o.AppleWebClient = id },
	},
	"accounts.google.com": {
		func(e *project.EnvAuth, id, frontend string) {
			switch frontend {
			case "ios":
				e.GoogleIOS = id
			case "android":
				e.GoogleAndroid = id
			default:
				e.GoogleClientID = id
			}
		},
		func(o *project.AuthOutput, id string) { o.GoogleWebClient = id },
	},
}

func envAuth(s *cognito.Snapshot, frontend string) project.EnvAuth {
	e := project.EnvAuth{
		UserPoolID: s.Pool.ID, UserPoolName: s.Pool.Name,
		WebClientID: s.WebClientID, NativeClientID: s.NativeClientID,
	}
	ip := s.IdentityPool
	if ip == nil {
		return e
	}
	guest := ip.AllowUnauthenticated
	e.IdentityPoolID, e.IdentityPoolName, e.AllowUnauthenticatedIdentities = ip.ID, ip.Name, &guest
	e.AuthRoleARN, e.UnauthRoleARN = ip.AuthRoleARN, ip.UnauthRoleARN
	if s.AuthRole != nil {
		e.AuthRoleName = s.AuthRole.Name
	}
	if s.UnauthRole != nil {
		e.UnauthRoleName = s.UnauthRole.Name
	}
	for _, lp := range ip.LoginProviders {
		if set := loginProviders[lp.Domain]; set.env != nil {
			set.env(&e, lp.AppID, frontend)
		}
	}
	return e
}

func output(s *cognito.Snapshot, web, native *cognito.AppClient) project.AuthOutput {
	o := project.AuthOutput{
		UserPoolID: s.Pool.ID, UserPoolName: s.Pool.Name,
		AppClientID: native.ID, AppClientIDWeb: web.ID,
		HostedUIDomain: s.Pool.Domain, CreatedSNSRole: s.Pool.MFA.SNSCallerARN,
		OAuthMetadata: oauthMetadata(web), NativeOAuthMetadata: oauthMetadata(native),
		Region: s.Pool.Region,
	}
	// A custom domain is what users sign in on; the prefix domain is kept
	// only when there is no custom one (the Amplify CLI mangles custom
	// domains into <custom>.auth.<region>.amazoncognito.com, cli#11706).
	if s.Pool.CustomDomain != "" {
		o.HostedUIDomain = s.Pool.CustomDomain
	}
	if ip := s.IdentityPool; ip != nil {
		o.IdentityPoolID, o.IdentityPoolName = ip.ID, ip.Name
		for _, lp := range ip.LoginProviders {
			if set := loginProviders[lp.Domain]; set.output != nil {
				set.output(&o, lp.AppID)
			}
		}
	}
	return o
}

// oauthMetadata is the client's OAuth settings as a JSON string, or "" when
// the client cannot use the hosted UI. Unlike the Amplify CLI, a missing
// sign-out URL or OIDC/SAML-only providers do not drop the whole block.
func oauthMetadata(c *cognito.AppClient) string {
	if !c.OAuthEnabled || len(c.AllowedOAuthFlows) == 0 || len(c.AllowedOAuthScopes) == 0 || len(c.CallbackURLs) == 0 {
		return ""
	}
	b, _ := json.Marshal(project.OAuthMetadata{
		AllowedOAuthFlows: c.AllowedOAuthFlows, AllowedOAuthScopes: c.AllowedOAuthScopes,
		CallbackURLs: c.CallbackURLs, LogoutURLs: nonNil(c.LogoutURLs),
	})
	return string(b)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
