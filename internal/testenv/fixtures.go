package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// Values every seeded setup shares, so tests can assert on them.
const (
	GoogleProviderName = "Google"
	GoogleClientID     = "1234-abc.apps.googleusercontent.com"
	WebCallbackURL     = "https://app.example.com/"
	NativeCallbackURL  = "myapp://callback/"
	NativeLogoutURL    = "myapp://signout/"
)

// OAuthScopes are the scopes both healthy clients allow.
var OAuthScopes = []string{"openid", "email", "profile", "aws.cognito.signin.user.admin"}

// SetupOptions selects what Seed creates. The zero value is the healthy,
// complete setup that ampgo must import without a finding; each other field
// adds exactly one defect (see Variants).
type SetupOptions struct {
	// Suffix makes every name unique ("acme-users-<suffix>"), so several
	// setups can live in one moto. Empty means 6 random hex digits.
	Suffix string
	// UserPoolOnly stops after the user pool, its domain, IdP and clients:
	// no identity pool and no identity pool roles.
	UserPoolOnly bool

	// NoWebClient creates only the native client, which has a secret.
	NoWebClient bool
	// NativeOAuthMismatch gives the native client other OAuth flows, scopes
	// and providers than the web client (callback URLs always differ and
	// that alone is fine).
	NativeOAuthMismatch bool
	// NoLogoutURLs keeps OAuth enabled on both clients but sets no logout URLs.
	NoLogoutURLs bool

	// IdentityPoolWebOnly lists only the web client in the identity pool.
	IdentityPoolWebOnly bool
	// IdentityPoolForeignUserPool makes the identity pool list a client of
	// another user pool (Setup.OtherUserPoolID) instead of this one.
	IdentityPoolForeignUserPool bool
	// NoUnauthRole sets only the authenticated role on the identity pool.
	NoUnauthRole bool
	// AuthTrustWrongAud puts another identity pool's id
	// (Setup.OtherIdentityPoolID) in the auth role's aud condition.
	AuthTrustWrongAud bool
	// AuthTrustAssumeRole uses sts:AssumeRole instead of
	// sts:AssumeRoleWithWebIdentity in the auth role's trust policy.
	AuthTrustAssumeRole bool
	// AuthTrustNoAmr drops the amr condition from the auth role's trust policy.
	AuthTrustNoAmr bool
}

// Setup holds every name, id and ARN that Seed created. Fields of parts
// that were not created are empty.
type Setup struct {
	Region  string
	Suffix  string
	Options SetupOptions

	UserPoolID   string
	UserPoolName string
	UserPoolARN  string
	Domain       string // hosted-UI prefix, "acme-login-<suffix>"
	SMSRoleName  string
	SMSRoleARN   string

	WebClientID        string // empty with NoWebClient
	WebClientName      string
	NativeClientID     string
	NativeClientName   string
	NativeClientSecret string

	IdentityPoolID   string
	IdentityPoolName string
	AuthRoleName     string
	AuthRoleARN      string
	UnauthRoleName   string // empty with NoUnauthRole
	UnauthRoleARN    string

	// Set only by the variants that need a second resource.
	OtherUserPoolID     string // IdentityPoolForeignUserPool
	OtherClientID       string // IdentityPoolForeignUserPool
	OtherIdentityPoolID string // AuthTrustWrongAud
}

// ProviderName is the name under which an identity pool lists the setup's
// user pool: "cognito-idp.<region>.amazonaws.com/<poolId>".
func (s *Setup) ProviderName() string {
	return providerName(s.Region, s.UserPoolID)
}

func providerName(region, userPoolID string) string {
	return "cognito-idp." + region + ".amazonaws.com/" + userPoolID
}

// Seed creates an "existing" Cognito setup in moto (or any AWS endpoint
// that cfg points at) directly with the SDK, never through ampgo. The
// region is cfg.Region. About a dozen calls, 40-60 ms with the launcher.
func Seed(ctx context.Context, cfg aws.Config, opts SetupOptions) (*Setup, error) {
	if cfg.Region == "" {
		return nil, errors.New("seed setup: cfg.Region is empty")
	}
	if opts.Suffix == "" {
		opts.Suffix = randomSuffix()
	}
	sfx := strings.ToLower(opts.Suffix)
	s := &Setup{Region: cfg.Region, Suffix: sfx, Options: opts}
	idp := cip.NewFromConfig(cfg)

	var err error
	s.SMSRoleName = "acme-sms-role-" + sfx
	if s.SMSRoleARN, err = createSMSRole(ctx, cfg, s.SMSRoleName, sfx); err != nil {
		return nil, err
	}
	if err := seedUserPool(ctx, idp, s); err != nil {
		return nil, err
	}
	if err := seedClients(ctx, idp, s); err != nil {
		return nil, err
	}
	if opts.UserPoolOnly {
		return s, nil
	}
	if err := seedIdentity(ctx, cfg, idp, s); err != nil {
		return nil, err
	}
	return s, nil
}

// seedUserPool creates "acme-users-<sfx>" with MFA, domain and Google IdP.
func seedUserPool(ctx context.Context, idp *cip.Client, s *Setup) error {
	s.UserPoolName = "acme-users-" + s.Suffix
	sms := &ciptypes.SmsConfigurationType{
		SnsCallerArn: aws.String(s.SMSRoleARN),
		ExternalId:   aws.String("acme-" + s.Suffix),
	}
	out, err := idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{
		PoolName:               aws.String(s.UserPoolName),
		UsernameAttributes:     []ciptypes.UsernameAttributeType{ciptypes.UsernameAttributeTypeEmail},
		AutoVerifiedAttributes: []ciptypes.VerifiedAttributeType{ciptypes.VerifiedAttributeTypeEmail},
		// The same value as SetUserPoolMfaConfig below: moto's Describe
		// keeps the create-time value, so both reads agree only this way.
		MfaConfiguration: ciptypes.UserPoolMfaTypeOptional,
		SmsConfiguration: sms,
		Policies: &ciptypes.UserPoolPolicyType{PasswordPolicy: &ciptypes.PasswordPolicyType{
			MinimumLength:    aws.Int32(10),
			RequireLowercase: true,
			RequireUppercase: true,
			RequireNumbers:   true,
			RequireSymbols:   true,
		}},
		Schema: []ciptypes.SchemaAttributeType{{
			Name:              aws.String("email"),
			AttributeDataType: ciptypes.AttributeDataTypeString,
			Required:          aws.Bool(true),
			Mutable:           aws.Bool(true),
		}},
		UserPoolTags: map[string]string{"project": "acme"},
	})
	if err != nil {
		return fmt.Errorf("create user pool %s: %w", s.UserPoolName, err)
	}
	s.UserPoolID = aws.ToString(out.UserPool.Id)
	s.UserPoolARN = aws.ToString(out.UserPool.Arn)

	if _, err := idp.SetUserPoolMfaConfig(ctx, &cip.SetUserPoolMfaConfigInput{
		UserPoolId:       aws.String(s.UserPoolID),
		MfaConfiguration: ciptypes.UserPoolMfaTypeOptional,
		SmsMfaConfiguration: &ciptypes.SmsMfaConfigType{
			SmsAuthenticationMessage: aws.String("Your acme code is {####}"),
			SmsConfiguration:         sms,
		},
		SoftwareTokenMfaConfiguration: &ciptypes.SoftwareTokenMfaConfigType{Enabled: true},
	}); err != nil {
		return fmt.Errorf("set mfa config of %s: %w", s.UserPoolID, err)
	}

	s.Domain = "acme-login-" + s.Suffix
	if _, err := idp.CreateUserPoolDomain(ctx, &cip.CreateUserPoolDomainInput{
		UserPoolId: aws.String(s.UserPoolID),
		Domain:     aws.String(s.Domain),
	}); err != nil {
		return fmt.Errorf("create user pool domain %s: %w", s.Domain, err)
	}

	if _, err := idp.CreateIdentityProvider(ctx, &cip.CreateIdentityProviderInput{
		UserPoolId:   aws.String(s.UserPoolID),
		ProviderName: aws.String(GoogleProviderName),
		ProviderType: ciptypes.IdentityProviderTypeTypeGoogle,
		ProviderDetails: map[string]string{
			"client_id":        GoogleClientID,
			"client_secret":    "google-secret-" + s.Suffix,
			"authorize_scopes": "openid email profile",
		},
		AttributeMapping: map[string]string{"email": "email", "username": "sub"},
	}); err != nil {
		return fmt.Errorf("create identity provider google in %s: %w", s.UserPoolID, err)
	}
	return nil
}

// seedClients creates the web client (no secret) and the native client
// (with secret) that share OAuth settings but not callback URLs.
func seedClients(ctx context.Context, idp *cip.Client, s *Setup) error {
	o := s.Options
	web := oauthClient(s.UserPoolID, "acme-web-"+s.Suffix, WebCallbackURL, WebCallbackURL, o.NoLogoutURLs)
	native := oauthClient(s.UserPoolID, "acme-native-"+s.Suffix, NativeCallbackURL, NativeLogoutURL, o.NoLogoutURLs)
	native.GenerateSecret = true
	if o.NativeOAuthMismatch {
		native.AllowedOAuthFlows = []ciptypes.OAuthFlowType{ciptypes.OAuthFlowTypeImplicit}
		native.AllowedOAuthScopes = []string{"openid", "email"}
		native.SupportedIdentityProviders = []string{"COGNITO"}
	}
	if !o.NoWebClient {
		out, err := idp.CreateUserPoolClient(ctx, web)
		if err != nil {
			return fmt.Errorf("create user pool client %s: %w", aws.ToString(web.ClientName), err)
		}
		s.WebClientID = aws.ToString(out.UserPoolClient.ClientId)
		s.WebClientName = aws.ToString(web.ClientName)
	}
	out, err := idp.CreateUserPoolClient(ctx, native)
	if err != nil {
		return fmt.Errorf("create user pool client %s: %w", aws.ToString(native.ClientName), err)
	}
	s.NativeClientID = aws.ToString(out.UserPoolClient.ClientId)
	s.NativeClientName = aws.ToString(native.ClientName)
	s.NativeClientSecret = aws.ToString(out.UserPoolClient.ClientSecret)
	return nil
}

func oauthClient(poolID, name, callback, logout string, noLogout bool) *cip.CreateUserPoolClientInput {
	in := &cip.CreateUserPoolClientInput{
		UserPoolId:                      aws.String(poolID),
		ClientName:                      aws.String(name),
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows:               []ciptypes.OAuthFlowType{ciptypes.OAuthFlowTypeCode},
		AllowedOAuthScopes:              append([]string(nil), OAuthScopes...),
		SupportedIdentityProviders:      []string{"COGNITO", GoogleProviderName},
		CallbackURLs:                    []string{callback},
		LogoutURLs:                      []string{logout},
		ExplicitAuthFlows: []ciptypes.ExplicitAuthFlowsType{
			ciptypes.ExplicitAuthFlowsTypeAllowUserSrpAuth,
			ciptypes.ExplicitAuthFlowsTypeAllowRefreshTokenAuth,
		},
	}
	if noLogout {
		in.LogoutURLs = nil
	}
	return in
}

// randomSuffix returns 6 lower-case hex digits.
func randomSuffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}
