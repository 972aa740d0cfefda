package cognito

import (
	"net/url"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/ampgo/ampgo/internal/ids"
)

func toUserPool(p *ciptypes.UserPoolType, mfa *cip.GetUserPoolMfaConfigOutput) UserPool {
	up := UserPool{
		ID:                     aws.ToString(p.Id),
		Name:                   aws.ToString(p.Name),
		Domain:                 aws.ToString(p.Domain),
		CustomDomain:           aws.ToString(p.CustomDomain),
		UsernameAttributes:     enumStrings(p.UsernameAttributes),
		AliasAttributes:        enumStrings(p.AliasAttributes),
		AutoVerifiedAttributes: enumStrings(p.AutoVerifiedAttributes),
		MFA:                    MFA{Configuration: string(p.MfaConfiguration)},
	}
	up.Region, _ = ids.UserPoolRegion(up.ID) // "" for an id that names no region ("local_abc")
	if up.MFA.Configuration == "" {
		up.MFA.Configuration = "OFF"
	}
	if mfa != nil {
		applyMFA(&up.MFA, mfa)
	}
	for _, a := range p.SchemaAttributes {
		up.Attributes = append(up.Attributes, Attribute{
			Name: aws.ToString(a.Name), Required: aws.ToBool(a.Required), Mutable: aws.ToBool(a.Mutable),
		})
	}
	if p.Policies != nil && p.Policies.PasswordPolicy != nil {
		pp := p.Policies.PasswordPolicy
		up.PasswordPolicy = PasswordPolicy{
			MinLength:        int(aws.ToInt32(pp.MinimumLength)),
			RequireLowercase: pp.RequireLowercase,
			RequireUppercase: pp.RequireUppercase,
			RequireNumbers:   pp.RequireNumbers,
			RequireSymbols:   pp.RequireSymbols,
		}
	}
	if lc := p.LambdaConfig; lc != nil {
		up.CustomAuth = aws.ToString(lc.DefineAuthChallenge) != "" &&
			aws.ToString(lc.CreateAuthChallenge) != "" &&
			aws.ToString(lc.VerifyAuthChallengeResponse) != ""
	}
	return up
}

// applyMFA takes GetUserPoolMfaConfig as the source of truth: DescribeUserPool
// can report a stale MfaConfiguration. Methods count by presence of their
// configuration object, as the Amplify CLI does.
func applyMFA(m *MFA, out *cip.GetUserPoolMfaConfigOutput) {
	if out.MfaConfiguration != "" {
		m.Configuration = string(out.MfaConfiguration)
	}
	if m.Configuration == "OFF" {
		return
	}
	if s := out.SmsMfaConfiguration; s != nil {
		m.SMS = true
		if s.SmsConfiguration != nil {
			m.SNSCallerARN = aws.ToString(s.SmsConfiguration.SnsCallerArn)
		}
	}
	m.TOTP = out.SoftwareTokenMfaConfiguration != nil
}

func toAppClient(c *ciptypes.UserPoolClientType) AppClient {
	return AppClient{
		ID:                         aws.ToString(c.ClientId),
		Name:                       aws.ToString(c.ClientName),
		UserPoolID:                 aws.ToString(c.UserPoolId),
		HasSecret:                  aws.ToString(c.ClientSecret) != "",
		OAuthEnabled:               aws.ToBool(c.AllowedOAuthFlowsUserPoolClient),
		SupportedIdentityProviders: c.SupportedIdentityProviders,
		CallbackURLs:               c.CallbackURLs,
		LogoutURLs:                 c.LogoutURLs,
		AllowedOAuthFlows:          enumStrings(c.AllowedOAuthFlows),
		AllowedOAuthScopes:         c.AllowedOAuthScopes,
		ReadAttributes:             c.ReadAttributes,
		WriteAttributes:            c.WriteAttributes,
	}
}

func toIdentityPool(p *ci.DescribeIdentityPoolOutput) IdentityPool {
	ip := IdentityPool{
		ID:                   aws.ToString(p.IdentityPoolId),
		Name:                 aws.ToString(p.IdentityPoolName),
		AllowUnauthenticated: p.AllowUnauthenticatedIdentities,
	}
	ip.Region, _ = ids.IdentityPoolRegion(ip.ID)
	for _, cp := range p.CognitoIdentityProviders {
		ip.CognitoProviders = append(ip.CognitoProviders, CognitoProvider{
			ProviderName: aws.ToString(cp.ProviderName), ClientID: aws.ToString(cp.ClientId),
		})
	}
	domains := make([]string, 0, len(p.SupportedLoginProviders))
	for d := range p.SupportedLoginProviders {
		domains = append(domains, d)
	}
	sort.Strings(domains)
	for _, d := range domains {
		ip.LoginProviders = append(ip.LoginProviders, LoginProvider{Domain: d, AppID: p.SupportedLoginProviders[d]})
	}
	return ip
}

// decodePolicy undoes IAM's URL encoding of policy documents (real IAM and
// moto both send them encoded; the Go SDK does not decode them).
func decodePolicy(doc string) string {
	if s, err := url.QueryUnescape(doc); err == nil {
		return s
	}
	return doc
}

func enumStrings[T ~string](in []T) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}
