package category

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// ManagedAuth is auth whose resources ampgo creates in an environment's
// stack (issue 14), as opposed to imported auth, which ampgo never writes.
type ManagedAuth struct {
	Name string // resource name (NameRE); part of every logical id
	// The settings the project records (SignIn: {email}, {phone},
	// {email, phone} or {username}; MFA OFF, OPTIONAL or ON; at least one
	// MFA type unless OFF; a password length of 6 to 99; social providers
	// need DomainPrefix).
	project.ManagedAuthSettings
	RetainUserPool bool // DeletionPolicy/UpdateReplacePolicy Retain and DeletionProtection ACTIVE
}

// DefaultManagedAuth is what `ampgo add auth --yes` creates: email sign-in,
// optional TOTP MFA, no guests, a retained pool, and the password policy
// Cognito's console and Amplify Gen 2 propose (8 characters of all four
// classes; the Amplify CLI's Gen 1 default requires none of them).
func DefaultManagedAuth(name string) ManagedAuth {
	return ManagedAuth{Name: name, ManagedAuthSettings: DefaultManagedAuthSettings(), RetainUserPool: true}
}

// DefaultManagedAuthName is the auth resource name `add auth` and `env
// add --auth managed` take without --name: the project name's letters and
// digits, starting with a letter, then "auth" (NameRE).
func DefaultManagedAuthName(projectName string) string {
	var b strings.Builder
	for _, r := range projectName {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (b.Len() > 0 && r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	name := b.String() + "auth"
	if len(name) > 30 {
		name = name[:30]
	}
	return name
}

// DefaultManagedAuthSettings are DefaultManagedAuth's settings.
func DefaultManagedAuthSettings() project.ManagedAuthSettings {
	return project.ManagedAuthSettings{SignIn: []string{"email"}, MFA: "OPTIONAL", MFATypes: []string{"TOTP"},
		PasswordMinLength: 8, PasswordLowercase: true, PasswordUppercase: true, PasswordNumbers: true, PasswordSymbols: true}
}

// Logical ids of managed auth. The user pool's changes only with Name or
// Generation: a new logical id makes CloudFormation create a new pool
// (reference §2, the VAMS rename), which is why ReplacesUserPool reports a
// new Name, and why `update auth --replace-user-pool` bumps Generation.
func authID(name, part string) string { return "Auth" + logicalName(name) + part }
func managedPoolID(name string, generation int) string {
	if generation > 0 {
		return authID(name, fmt.Sprintf("UserPool%d", generation+1))
	}
	return authID(name, "UserPool")
}

// poolID is the user pool's logical id.
func (m ManagedAuth) poolID() string { return managedPoolID(m.Name, m.Generation) }

// ManagedAuthRoleID and ManagedUnauthRoleID are the logical ids of the
// identity pool's roles, for categories that put policies on them (Ref
// gives the role name).
func ManagedAuthRoleID(name string) string { return authID(name, "AuthRole") }

// ManagedUnauthRoleID is the logical id of the unauthenticated role.
func ManagedUnauthRoleID(name string) string { return authID(name, "UnauthRole") }

// ManagedUserPoolIDOutput is the output that holds the user pool id.
func ManagedUserPoolIDOutput(name string) string { return authID(name, "UserPoolId") }

// ManagedUserPoolARNOutput is the output that holds the user pool ARN.
func ManagedUserPoolARNOutput(name string) string { return authID(name, "UserPoolArn") }

// ManagedWebClientIDOutput is the output that holds the web client id.
func ManagedWebClientIDOutput(name string) string { return authID(name, "AppClientIDWeb") }

// ManagedNativeClientIDOutput is the output that holds the native client id.
func ManagedNativeClientIDOutput(name string) string { return authID(name, "AppClientID") }

// ManagedIdentityPoolIDOutput is the output that holds the identity pool id.
func ManagedIdentityPoolIDOutput(name string) string { return authID(name, "IdentityPoolId") }

// ManagedAuthRoleNameOutput is the output that holds the authenticated role's name.
func ManagedAuthRoleNameOutput(name string) string { return authID(name, "AuthRoleName") }

// ManagedAuthRoleARNOutput is the output that holds the authenticated role's ARN.
func ManagedAuthRoleARNOutput(name string) string { return authID(name, "AuthRoleArn") }

// ManagedUnauthRoleNameOutput is the output that holds the unauthenticated role's name.
func ManagedUnauthRoleNameOutput(name string) string { return authID(name, "UnauthRoleName") }

// ManagedUnauthRoleARNOutput is the output that holds the unauthenticated role's ARN.
func ManagedUnauthRoleARNOutput(name string) string { return authID(name, "UnauthRoleArn") }

// ManagedDomainOutput is the output that holds the hosted-UI domain prefix
// (present only with a DomainPrefix).
func ManagedDomainOutput(name string) string { return authID(name, "HostedUIDomain") }

// socialProvider is a hosted-UI provider: its Cognito name (also the
// ProviderType), the ProviderDetails keys that come from parameters, the
// fixed details, and the attribute mapping the Amplify CLI writes.
type socialProvider struct {
	name    string
	params  []string // ProviderDetails keys given at push time
	scopes  string
	mapping map[string]string
}

var socialProviders = map[string]socialProvider{
	"google":   {"Google", []string{"client_id", "client_secret"}, "openid email profile", map[string]string{"email": "email", "username": "sub"}},
	"facebook": {"Facebook", []string{"client_id", "client_secret"}, "public_profile,email", map[string]string{"email": "email", "username": "id"}},
	"amazon":   {"LoginWithAmazon", []string{"client_id", "client_secret"}, "profile", map[string]string{"email": "email", "username": "user_id"}},
	"apple":    {"SignInWithApple", []string{"client_id", "team_id", "key_id", "private_key"}, "email name", map[string]string{"email": "email", "username": "sub"}},
}

// SocialParameter is one template parameter that carries a social
// provider's credential.
type SocialParameter struct {
	Name     string // template parameter, e.g. AuthMainGoogleClientSecret
	Provider string // Cognito provider name, e.g. Google
	Detail   string // ProviderDetails key, e.g. client_secret
	// Variable is the environment variable push reads the value from,
	// e.g. AMPGO_GOOGLE_CLIENT_SECRET: "AMPGO_" + the --social key + the
	// detail, upper-cased.
	Variable string
	// SSMSuffix follows the recorded SSM prefix in the parameter's name
	// when no variable is set: the --social key + the detail, e.g.
	// google_client_secret.
	SSMSuffix string
}

// SocialParameters lists the parameters of m's social providers in a fixed
// order. The name is "Auth<Name><Provider><Detail in CamelCase>", so it
// never changes between pushes.
func (m ManagedAuth) SocialParameters() []SocialParameter {
	var out []SocialParameter
	for _, key := range normalSocial(m.Social) {
		p := socialProviders[key]
		for _, d := range p.params {
			out = append(out, SocialParameter{Name: authID(m.Name, p.name+camel(d)), Provider: p.name, Detail: d,
				Variable: "AMPGO_" + strings.ToUpper(key+"_"+d), SSMSuffix: key + "_" + d})
		}
	}
	return out
}

// addParameters declares the template parameters AddTo's resources Ref,
// all NoEcho: the caller passes their values (from environment variables
// or SSM at push time, never from a file) with CreateStack / UpdateStack.
// A client id is not secret, but it is NoEcho too: one rule for every
// provider credential is easier to keep than a list.
func (m ManagedAuth) addParameters(t *cfn.Template) {
	for _, p := range m.SocialParameters() {
		t.Parameter(p.Name, cfn.Parameter{Type: "String", NoEcho: true, Description: p.Provider + " " + p.Detail})
	}
}

func camel(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(s, "_") {
		b.WriteString(logicalName(part))
	}
	return b.String()
}

// normalSocial lower-cases, sorts and de-duplicates provider keys.
func normalSocial(keys []string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, strings.ToLower(strings.TrimSpace(k)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// usernameAttributes maps SignIn to the pool's UsernameAttributes, in
// Cognito's order. Username sign-in is no attribute at all (as in the
// Amplify CLI). ampgo never writes AliasAttributes: Gen 2 referenceAuth
// refuses pools with aliases (backend#3349, importauth.AliasAttributesUnset)
// and they can never be removed.
func usernameAttributes(signIn []string) []string {
	var out []string
	if slices.Contains(signIn, "email") {
		out = append(out, "email")
	}
	if slices.Contains(signIn, "phone") {
		out = append(out, "phone_number")
	}
	return out
}

// UsernameAttributesKey is the user pool's UsernameAttributes for signIn,
// sorted and comma-separated ("" for username sign-in).
func UsernameAttributesKey(signIn []string) string {
	ua := usernameAttributes(signIn)
	slices.Sort(ua)
	return strings.Join(ua, ",")
}

// ssmPrefixRE is a Parameter Store path that names go under: SSM's name
// characters, "/" first and last.
var ssmPrefixRE = regexp.MustCompile(`^/(?:[A-Za-z0-9_.-]+/)*$`)

var domainPrefixRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$`)

// Validate reports every problem of m at once (exit 2): the checks Cognito
// would make at push time, made before anything is deployed.
func (m ManagedAuth) Validate(e Env) error {
	var ps problems
	checkName(&ps, "auth", m.Name)
	ui := usernameAttributes(m.SignIn)
	for _, s := range m.SignIn {
		if !slices.Contains([]string{"email", "phone", "username"}, s) {
			ps.add(exit.Usage, fmt.Sprintf("unknown sign-in %q", s), "use --sign-in email, phone or username")
		}
	}
	if len(m.SignIn) == 0 || (slices.Contains(m.SignIn, "username") && len(ui) > 0) {
		ps.add(exit.Usage, fmt.Sprintf("sign-in %q: use email, phone, email and phone, or username alone", strings.Join(m.SignIn, ",")),
			"a user name with email or phone would need alias attributes, which Amplify Gen 2 refuses and no pool can drop: pass --sign-in email (the default)")
	}
	switch m.MFA {
	case "OFF":
	case "OPTIONAL", "ON":
		if len(m.MFATypes) == 0 {
			ps.add(exit.Usage, "MFA "+m.MFA+" needs at least one method", "pass --mfa-types totp (or sms, or both)")
		}
	default:
		ps.add(exit.Usage, fmt.Sprintf("unknown MFA setting %q", m.MFA), "use --mfa off, optional or required")
	}
	for _, t := range m.MFATypes {
		if t = strings.ToUpper(t); t != "TOTP" && t != "SMS" {
			ps.add(exit.Usage, fmt.Sprintf("unknown MFA method %q", t), "use --mfa-types totp, sms or totp,sms")
		}
	}
	if m.PasswordMinLength < 6 || m.PasswordMinLength > 99 {
		ps.add(exit.Usage, fmt.Sprintf("password minimum length %d: Cognito allows 6 to 99", m.PasswordMinLength), "pass --password-min-length 8")
	}
	for _, s := range normalSocial(m.Social) {
		if _, ok := socialProviders[s]; !ok {
			ps.add(exit.Usage, fmt.Sprintf("unknown social provider %q", s), "use --social google, facebook, amazon or apple")
		}
	}
	if p := m.SocialSSMPrefix; p != "" && (!ssmPrefixRE.MatchString(p) || len(p) > 1000) {
		ps.add(exit.Usage, fmt.Sprintf("invalid SSM prefix %q", p),
			"use a Parameter Store path of letters, digits and _.-/ that starts and ends with /, e.g. --social-ssm-prefix /shop/auth/")
	}
	m.validateHostedUI(&ps, e)
	return ps.err("add auth " + m.Name)
}

func (m ManagedAuth) validateHostedUI(ps *problems, e Env) {
	if m.DomainPrefix == "" {
		if len(m.Social) > 0 {
			ps.add(exit.Usage, "social sign-in needs a hosted-UI domain", "pass --domain-prefix, e.g. --domain-prefix "+strings.ToLower(e.Project)+"-login")
		}
		return
	}
	d := m.domain(e)
	lower := strings.ToLower(d)
	if !domainPrefixRE.MatchString(d) || len(d) > 63 || strings.Contains(lower, "aws") ||
		strings.Contains(lower, "amazon") || strings.Contains(lower, "cognito") {
		ps.add(exit.Usage, fmt.Sprintf("invalid domain prefix %q (the domain is %q)", m.DomainPrefix, d),
			"use lower-case letters, digits and hyphens, without aws, amazon or cognito, at most 63 characters with -<env>")
	}
	if len(m.WebCallbackURLs)+len(m.NativeCallbackURLs) == 0 || len(m.WebSignoutURLs)+len(m.NativeSignoutURLs) == 0 {
		ps.add(exit.Usage, "the hosted UI needs at least one callback URL and one sign-out URL",
			"pass --callback-url https://app.example.com/ --signout-url https://app.example.com/")
	}
}

// domain is the hosted-UI prefix of env e: prefixes are global per region,
// so each env gets its own, as in the Amplify CLI (cli#10796).
func (m ManagedAuth) domain(e Env) string { return m.DomainPrefix + "-" + e.Env }

// urls returns the platform's URLs, or the other platform's when it has
// none: the Amplify CLI gives both clients the same list, and the import
// rules want callback URLs on every OAuth client.
func urls(own, other []string) []string {
	if len(own) > 0 {
		return own
	}
	return other
}

// AddTo adds m's resources to t, after Validate: the user pool (with an SMS
// role when SMS is used), a web client (no secret) and a native client
// (no secret either: the Amplify CLI's default since v4.42.0, and a secret
// is createOnly, so it could never be changed without a new client id),
// the hosted-UI domain and social providers when asked, the identity pool
// listing both clients, the authenticated and unauthenticated roles
// trusting only that identity pool (the trust importauth.TrustProblems
// demands), the role attachment, and the outputs.
//
// Social providers' credentials are Refs to the NoEcho parameters of
// m.Parameters(), which the caller must declare (see Parameters). An m
// that fails Validate adds nothing and returns Validate's error.
func (m ManagedAuth) AddTo(t *cfn.Template, e Env) error {
	if err := m.Validate(e); err != nil {
		return err
	}
	pool := m.poolID()
	if err := m.addPool(t, e); err != nil {
		return err
	}
	m.addParameters(t)
	for _, key := range normalSocial(m.Social) {
		p := socialProviders[key]
		id := authID(m.Name, p.name+"Provider")
		details := map[string]any{"authorize_scopes": p.scopes}
		for _, d := range p.params {
			details[d] = cfn.RefTo(authID(m.Name, p.name+camel(d)))
		}
		if err := t.Add(id, cfn.Resource{Type: cfn.TypeUserPoolIdentityProvider, Properties: cfn.UserPoolIdentityProvider{
			UserPoolId: cfn.RefTo(pool), ProviderName: p.name, ProviderType: p.name, ProviderDetails: details, AttributeMapping: p.mapping,
		}}); err != nil {
			return err
		}
	}
	web, native := authID(m.Name, "UserPoolClientWeb"), authID(m.Name, "UserPoolClient")
	clients := []struct {
		id, suffix string
		cb, out    []string
	}{
		{web, "_app_clientWeb", urls(m.WebCallbackURLs, m.NativeCallbackURLs), urls(m.WebSignoutURLs, m.NativeSignoutURLs)},
		{native, "_app_client", urls(m.NativeCallbackURLs, m.WebCallbackURLs), urls(m.NativeSignoutURLs, m.WebSignoutURLs)},
	}
	for _, c := range clients {
		if err := t.Add(c.id, cfn.Resource{Type: cfn.TypeUserPoolClient, Properties: m.client(pool, c.suffix, c.cb, c.out)}); err != nil {
			return err
		}
	}
	if m.DomainPrefix != "" {
		id := authID(m.Name, "UserPoolDomain")
		if err := t.Add(id, cfn.Resource{Type: cfn.TypeUserPoolDomain, Properties: cfn.UserPoolDomain{UserPoolId: cfn.RefTo(pool), Domain: m.domain(e)}}); err != nil {
			return err
		}
		t.Output(ManagedDomainOutput(m.Name), cfn.Output{Description: "Hosted-UI domain prefix", Value: cfn.RefTo(id)})
	}
	if err := m.addIdentityPool(t, e, web, native); err != nil {
		return err
	}
	outs := []struct {
		key, what string
		v         any
	}{
		{ManagedUserPoolIDOutput(m.Name), "User pool id", cfn.RefTo(pool)},
		{ManagedUserPoolARNOutput(m.Name), "User pool ARN", cfn.AttOf(pool, "Arn")},
		{ManagedWebClientIDOutput(m.Name), "Web app client id (no secret)", cfn.RefTo(web)},
		{ManagedNativeClientIDOutput(m.Name), "Native app client id", cfn.RefTo(native)},
	}
	for _, o := range outs {
		t.Output(o.key, cfn.Output{Description: o.what, Value: o.v})
	}
	return nil
}

func (m ManagedAuth) addPool(t *cfn.Template, e Env) error {
	ua := usernameAttributes(m.SignIn)
	p := cfn.UserPool{
		UserPoolName:          sanitizeName(e.Project+"_"+m.Name, `[^\w+=,.@-]`) + "_userpool-" + e.Env,
		UsernameAttributes:    ua,
		UsernameConfiguration: &cfn.UsernameConfiguration{CaseSensitive: false},
		MfaConfiguration:      m.MFA,
		Policies: &cfn.UserPoolPolicies{PasswordPolicy: cfn.PasswordPolicy{
			MinimumLength: m.PasswordMinLength, RequireLowercase: m.PasswordLowercase, RequireNumbers: m.PasswordNumbers,
			RequireSymbols: m.PasswordSymbols, RequireUppercase: m.PasswordUppercase, TemporaryPasswordValidityDays: 7}},
		UserPoolTags: map[string]string{"ampgo:project": e.Project, "ampgo:env": e.Env},
	}
	// Username-only pools still require an email: it is how users recover
	// their account (the Amplify CLI's requiredAttributes default).
	email := slices.Contains(ua, "email") || len(ua) == 0
	phone := slices.Contains(ua, "phone_number")
	var recovery []cfn.RecoveryOption
	if email {
		p.AutoVerifiedAttributes = append(p.AutoVerifiedAttributes, "email")
		p.Schema = append(p.Schema, cfn.SchemaAttribute{Name: "email", AttributeDataType: "String", Required: true, Mutable: true})
		recovery = append(recovery, cfn.RecoveryOption{Name: "verified_email", Priority: 1})
	}
	if phone {
		p.AutoVerifiedAttributes = append(p.AutoVerifiedAttributes, "phone_number")
		p.Schema = append(p.Schema, cfn.SchemaAttribute{Name: "phone_number", AttributeDataType: "String", Required: true, Mutable: true})
		recovery = append(recovery, cfn.RecoveryOption{Name: "verified_phone_number", Priority: len(recovery) + 1})
	}
	p.AccountRecoverySetting = &cfn.AccountRecoverySetting{RecoveryMechanisms: recovery}
	if m.MFA != "OFF" {
		for _, mt := range m.MFATypes {
			p.EnabledMfas = append(p.EnabledMfas, map[string]string{"TOTP": "SOFTWARE_TOKEN_MFA", "SMS": "SMS_MFA"}[strings.ToUpper(mt)])
		}
		slices.Sort(p.EnabledMfas)
	}
	res := cfn.Resource{Type: cfn.TypeUserPool, Properties: &p}
	if m.RetainUserPool {
		res.DeletionPolicy, res.UpdateReplacePolicy = cfn.Retain, cfn.Retain
		p.DeletionProtection = "ACTIVE"
	}
	// Phone verification and SMS MFA both send SMS, which needs a role
	// Cognito assumes with an external id (confused-deputy protection).
	if phone || slices.Contains(p.EnabledMfas, "SMS_MFA") {
		smsPolicy, err := m.addSMSRole(t, e)
		if err != nil {
			return err
		}
		p.SmsConfiguration = &cfn.SmsConfiguration{ExternalId: m.smsExternalID(e), SnsCallerArn: cfn.AttOf(authID(m.Name, "SMSRole"), "Arn")}
		// Cognito checks that it can publish when the pool is created.
		res.DependsOn = []string{smsPolicy}
	}
	return t.Add(m.poolID(), res)
}

func (m ManagedAuth) smsExternalID(e Env) string {
	return "ampgo-" + shortHash(e.Account, e.Region, e.Project, e.Env, m.Name)
}

// addSMSRole adds the role Cognito sends SMS with and its policy (a
// separate resource, like every role ampgo creates), and returns the
// policy's logical id.
func (m ManagedAuth) addSMSRole(t *cfn.Template, e Env) (string, error) {
	role, policy := authID(m.Name, "SMSRole"), authID(m.Name, "SMSPolicy")
	trust := cfn.Statement{Effect: "Allow", Principal: cfn.ServicePrincipal{Service: []string{"cognito-idp.amazonaws.com"}},
		Action: []string{"sts:AssumeRole"}, Condition: cfn.Condition{"StringEquals": {"sts:ExternalId": {m.smsExternalID(e)}}}}
	if err := t.Add(role, cfn.Resource{Type: cfn.TypeRole, Properties: cfn.Role{AssumeRolePolicyDocument: cfn.Document(trust)}}); err != nil {
		return "", err
	}
	return policy, t.Add(policy, cfn.Resource{Type: cfn.TypePolicy, Properties: cfn.Policy{
		PolicyName: policyName(e, "auth", m.Name, "sms"), PolicyDocument: cfn.Document(cfn.Allow([]string{"sns:Publish"}, "*")),
		Roles: []any{cfn.RefTo(role)},
	}})
}

// client is one app client. Both clients sign in with SRP and refresh
// tokens only (no USER_PASSWORD_AUTH: the password never leaves the
// device), and share every OAuth setting but the URLs, which the import
// rules require (importauth.OAuthSettingsMatch).
func (m ManagedAuth) client(pool, suffix string, callback, logout []string) cfn.UserPoolClient {
	c := cfn.UserPoolClient{
		UserPoolId: cfn.RefTo(pool), ClientName: m.Name + suffix, GenerateSecret: false,
		ExplicitAuthFlows:    []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
		RefreshTokenValidity: 30, TokenValidityUnits: &cfn.TokenValidityUnits{RefreshToken: "days"},
		PreventUserExistenceErrors: "ENABLED",
	}
	if m.DomainPrefix != "" {
		c.AllowedOAuthFlowsUserPoolClient = true
		c.AllowedOAuthFlows = []string{"code"}
		c.AllowedOAuthScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}
		c.CallbackURLs, c.LogoutURLs = callback, logout
		// Refs, not names: they order the providers before the clients
		// (Cognito refuses a client naming a provider the pool lacks), and
		// unlike DependsOn they also hold in moto, which creates a resource
		// reached through a Ref without its DependsOn.
		c.SupportedIdentityProviders = []any{"COGNITO"}
		for _, key := range normalSocial(m.Social) {
			c.SupportedIdentityProviders = append(c.SupportedIdentityProviders, cfn.RefTo(authID(m.Name, socialProviders[key].name+"Provider")))
		}
	}
	return c
}

// addIdentityPool adds the identity pool, its two roles, the attachment
// and their outputs.
func (m ManagedAuth) addIdentityPool(t *cfn.Template, e Env, web, native string) error {
	pool, ip := m.poolID(), authID(m.Name, "IdentityPool")
	provider := cfn.AttOf(pool, "ProviderName")
	err := t.Add(ip, cfn.Resource{Type: cfn.TypeIdentityPool, Properties: cfn.IdentityPool{
		IdentityPoolName:               sanitizeName(e.Project+"_"+m.Name, `[^\w ]`) + "_identitypool_" + sanitizeName(e.Env, `[^\w ]`),
		AllowUnauthenticatedIdentities: m.GuestAccess,
		CognitoIdentityProviders: []cfn.CognitoIdentityProvider{
			{ClientId: cfn.RefTo(native), ProviderName: provider}, {ClientId: cfn.RefTo(web), ProviderName: provider}},
	}})
	if err != nil {
		return err
	}
	roles := map[string]any{}
	for _, r := range []struct{ id, amr, nameOut, arnOut string }{
		{ManagedAuthRoleID(m.Name), "authenticated", ManagedAuthRoleNameOutput(m.Name), ManagedAuthRoleARNOutput(m.Name)},
		{ManagedUnauthRoleID(m.Name), "unauthenticated", ManagedUnauthRoleNameOutput(m.Name), ManagedUnauthRoleARNOutput(m.Name)},
	} {
		trust := cfn.TrustStatement{Effect: "Allow", Principal: map[string]string{"Federated": "cognito-identity.amazonaws.com"},
			Action: "sts:AssumeRoleWithWebIdentity", Condition: map[string]map[string]any{
				"StringEquals":           {"cognito-identity.amazonaws.com:aud": cfn.RefTo(ip)},
				"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": r.amr}}}
		if err := t.Add(r.id, cfn.Resource{Type: cfn.TypeRole, Properties: cfn.FederatedRole{
			AssumeRolePolicyDocument: cfn.TrustDocument{Version: cfn.PolicyVersion, Statement: []cfn.TrustStatement{trust}}}}); err != nil {
			return err
		}
		roles[r.amr] = cfn.AttOf(r.id, "Arn")
		t.Output(r.nameOut, cfn.Output{Description: "Identity pool " + r.amr + " role name", Value: cfn.RefTo(r.id)})
		t.Output(r.arnOut, cfn.Output{Description: "Identity pool " + r.amr + " role ARN", Value: cfn.AttOf(r.id, "Arn")})
	}
	t.Output(ManagedIdentityPoolIDOutput(m.Name), cfn.Output{Description: "Identity pool id", Value: cfn.RefTo(ip)})
	return t.Add(authID(m.Name, "IdentityPoolRoleMap"), cfn.Resource{Type: cfn.TypeIdentityPoolRoleAttachment,
		Properties: cfn.IdentityPoolRoleAttachment{IdentityPoolId: cfn.RefTo(ip), Roles: roles}})
}

// sanitizeName replaces every character matching bad with "_".
func sanitizeName(s, bad string) string {
	return regexp.MustCompile(bad).ReplaceAllString(s, "_")
}

// ReplacesUserPool says whether going from old to new needs a new user pool
// (every user is lost: they stay in the old one) and why, so that `update
// auth` can refuse it unless confirmed.
//
// The evidence (reference §2, docs/testing.md launcher patch 11): the
// registry schema has no createOnlyProperties on AWS::Cognito::UserPool, so
// CloudFormation never replaces a pool on a property change today. But
// UsernameAttributes, AliasAttributes, UsernameConfiguration and existing
// Schema attributes cannot be updated: AWS refuses such an update and rolls
// the stack back (older CloudFormation documentation said "Replacement",
// which is what moto's patch 11 still does). Either way the only way to get
// the new sign-in is a new pool, so ampgo refuses it before it reaches AWS.
// A new Name is a new logical id, which CloudFormation does turn into a new
// pool.
func ReplacesUserPool(old, new ManagedAuth) (bool, string) {
	if managedPoolID(old.Name, 0) != managedPoolID(new.Name, 0) {
		return true, fmt.Sprintf("renaming auth %s to %s changes the user pool's logical id: CloudFormation creates a new, empty "+
			"user pool and removes the old one from the stack, so every user is lost", old.Name, new.Name)
	}
	if old.Generation != new.Generation {
		return true, "the user pool is replaced on purpose (--replace-user-pool): CloudFormation creates a new, empty user pool and removes the old one from the stack, so every user is lost"
	}
	o, n := signInKey(old.SignIn), signInKey(new.SignIn)
	if o != n {
		return true, fmt.Sprintf("sign-in %s -> %s changes the user pool's UsernameAttributes and required attributes, which "+
			"Cognito never changes on an existing pool (AWS refuses the update and rolls the stack back); only a new user "+
			"pool can have them, and every user is lost", o, n)
	}
	return false, ""
}

// signInKey is SignIn as a sorted, comma-separated set.
func signInKey(s []string) string {
	c := slices.Clone(s)
	slices.Sort(c)
	return strings.Join(slices.Compact(c), ",")
}
