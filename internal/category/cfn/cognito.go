package cfn

// Cognito resource types of managed auth (issue 14). Property names follow
// the CloudFormation registry schemas (cfn-lint's bundled copies), which
// differ from the Cognito API in places (Policies.PasswordPolicy,
// EnabledMfas instead of SetUserPoolMfaConfig).
const (
	TypeUserPool                   = "AWS::Cognito::UserPool"
	TypeUserPoolClient             = "AWS::Cognito::UserPoolClient"
	TypeUserPoolDomain             = "AWS::Cognito::UserPoolDomain"
	TypeUserPoolIdentityProvider   = "AWS::Cognito::UserPoolIdentityProvider"
	TypeIdentityPool               = "AWS::Cognito::IdentityPool"
	TypeIdentityPoolRoleAttachment = "AWS::Cognito::IdentityPoolRoleAttachment"
)

// Parameter is one entry of a template's Parameters. ampgo uses them only
// for values that must never be in a template or a project file (social
// provider secrets): NoEcho keeps them out of DescribeStacks and the
// console, and the value is given at push time.
type Parameter struct {
	Type        string `json:"Type"`
	Description string `json:"Description,omitempty"`
	NoEcho      bool   `json:"NoEcho,omitempty"`
}

// UserPool is the Properties of an AWS::Cognito::UserPool.
// UsernameAttributes, AliasAttributes, UsernameConfiguration and existing
// Schema attributes cannot change once the pool exists (AWS refuses the
// update; see category.ReplacesUserPool).
type UserPool struct {
	UserPoolName           string                  `json:"UserPoolName"`
	UsernameAttributes     []string                `json:"UsernameAttributes,omitempty"`
	AliasAttributes        []string                `json:"AliasAttributes,omitempty"`
	UsernameConfiguration  *UsernameConfiguration  `json:"UsernameConfiguration,omitempty"`
	AutoVerifiedAttributes []string                `json:"AutoVerifiedAttributes,omitempty"`
	Schema                 []SchemaAttribute       `json:"Schema,omitempty"`
	Policies               *UserPoolPolicies       `json:"Policies,omitempty"`
	MfaConfiguration       string                  `json:"MfaConfiguration,omitempty"`
	EnabledMfas            []string                `json:"EnabledMfas,omitempty"`
	SmsConfiguration       *SmsConfiguration       `json:"SmsConfiguration,omitempty"`
	AccountRecoverySetting *AccountRecoverySetting `json:"AccountRecoverySetting,omitempty"`
	DeletionProtection     string                  `json:"DeletionProtection,omitempty"`
	UserPoolTags           map[string]string       `json:"UserPoolTags,omitempty"`
}

// UsernameConfiguration says whether user names are case sensitive.
type UsernameConfiguration struct {
	CaseSensitive bool `json:"CaseSensitive"`
}

// SchemaAttribute is one attribute of a user pool's schema.
type SchemaAttribute struct {
	Name              string `json:"Name"`
	AttributeDataType string `json:"AttributeDataType"`
	Required          bool   `json:"Required"`
	Mutable           bool   `json:"Mutable"`
}

// UserPoolPolicies holds a user pool's password policy.
type UserPoolPolicies struct {
	PasswordPolicy PasswordPolicy `json:"PasswordPolicy"`
}

// PasswordPolicy is a user pool's password policy. The booleans are always
// written: an omitted one is false in Cognito, and writing it makes the
// template say so.
type PasswordPolicy struct {
	MinimumLength                 int  `json:"MinimumLength"`
	RequireLowercase              bool `json:"RequireLowercase"`
	RequireNumbers                bool `json:"RequireNumbers"`
	RequireSymbols                bool `json:"RequireSymbols"`
	RequireUppercase              bool `json:"RequireUppercase"`
	TemporaryPasswordValidityDays int  `json:"TemporaryPasswordValidityDays,omitempty"`
}

// SmsConfiguration is the role Cognito assumes to send SMS through SNS.
// ExternalId must match the sts:ExternalId condition of the role's trust.
type SmsConfiguration struct {
	ExternalId   string `json:"ExternalId"`
	SnsCallerArn any    `json:"SnsCallerArn"`
}

// AccountRecoverySetting lists how users recover their account.
type AccountRecoverySetting struct {
	RecoveryMechanisms []RecoveryOption `json:"RecoveryMechanisms"`
}

// RecoveryOption is one recovery mechanism ("verified_email",
// "verified_phone_number") with its priority (1 first).
type RecoveryOption struct {
	Name     string `json:"Name"`
	Priority int    `json:"Priority"`
}

// UserPoolClient is the Properties of an AWS::Cognito::UserPoolClient.
// GenerateSecret is always written (and createOnly: changing it replaces
// the client and its id). SupportedIdentityProviders holds "COGNITO" and
// Refs to UserPoolIdentityProviders (Ref is the provider name), so that
// CloudFormation creates the providers first: Cognito refuses a client
// naming a provider the pool does not have yet.
type UserPoolClient struct {
	UserPoolId                      any                 `json:"UserPoolId"`
	ClientName                      string              `json:"ClientName"`
	GenerateSecret                  bool                `json:"GenerateSecret"`
	ExplicitAuthFlows               []string            `json:"ExplicitAuthFlows,omitempty"`
	RefreshTokenValidity            int                 `json:"RefreshTokenValidity,omitempty"`
	TokenValidityUnits              *TokenValidityUnits `json:"TokenValidityUnits,omitempty"`
	PreventUserExistenceErrors      string              `json:"PreventUserExistenceErrors,omitempty"`
	AllowedOAuthFlowsUserPoolClient bool                `json:"AllowedOAuthFlowsUserPoolClient,omitempty"`
	AllowedOAuthFlows               []string            `json:"AllowedOAuthFlows,omitempty"`
	AllowedOAuthScopes              []string            `json:"AllowedOAuthScopes,omitempty"`
	CallbackURLs                    []string            `json:"CallbackURLs,omitempty"`
	LogoutURLs                      []string            `json:"LogoutURLs,omitempty"`
	SupportedIdentityProviders      []any               `json:"SupportedIdentityProviders,omitempty"`
}

// TokenValidityUnits names the unit of each token validity.
type TokenValidityUnits struct {
	RefreshToken string `json:"RefreshToken,omitempty"`
	AccessToken  string `json:"AccessToken,omitempty"`
	IdToken      string `json:"IdToken,omitempty"`
}

// UserPoolDomain is the Properties of an AWS::Cognito::UserPoolDomain: a
// prefix domain (<Domain>.auth.<region>.amazoncognito.com), unique per
// region across all accounts.
type UserPoolDomain struct {
	UserPoolId any    `json:"UserPoolId"`
	Domain     string `json:"Domain"`
}

// UserPoolIdentityProvider is the Properties of an
// AWS::Cognito::UserPoolIdentityProvider. ProviderDetails values are
// strings or Refs to NoEcho parameters (secrets).
type UserPoolIdentityProvider struct {
	UserPoolId       any               `json:"UserPoolId"`
	ProviderName     string            `json:"ProviderName"`
	ProviderType     string            `json:"ProviderType"`
	ProviderDetails  map[string]any    `json:"ProviderDetails"`
	AttributeMapping map[string]string `json:"AttributeMapping,omitempty"`
}

// IdentityPool is the Properties of an AWS::Cognito::IdentityPool.
// AllowUnauthenticatedIdentities is always written: it is required.
type IdentityPool struct {
	IdentityPoolName               string                    `json:"IdentityPoolName"`
	AllowUnauthenticatedIdentities bool                      `json:"AllowUnauthenticatedIdentities"`
	CognitoIdentityProviders       []CognitoIdentityProvider `json:"CognitoIdentityProviders,omitempty"`
}

// CognitoIdentityProvider is one user pool client an identity pool
// accepts tokens of. ProviderName is cognito-idp.<region>.amazonaws.com/<pool id>
// (the pool's GetAtt ProviderName).
type CognitoIdentityProvider struct {
	ClientId             any  `json:"ClientId"`
	ProviderName         any  `json:"ProviderName"`
	ServerSideTokenCheck bool `json:"ServerSideTokenCheck"`
}

// IdentityPoolRoleAttachment is the Properties of an
// AWS::Cognito::IdentityPoolRoleAttachment: Roles maps "authenticated" and
// "unauthenticated" to role ARNs.
type IdentityPoolRoleAttachment struct {
	IdentityPoolId any            `json:"IdentityPoolId"`
	Roles          map[string]any `json:"Roles"`
}

// FederatedRole is the Properties of an AWS::IAM::Role whose trust policy
// needs an intrinsic function in a condition (the identity pool id of the
// same stack), which Role's PolicyDocument cannot hold.
type FederatedRole struct {
	AssumeRolePolicyDocument TrustDocument `json:"AssumeRolePolicyDocument"`
}

// TrustDocument is a trust policy with one statement per entry.
type TrustDocument struct {
	Version   string           `json:"Version"`
	Statement []TrustStatement `json:"Statement"`
}

// TrustStatement is a trust policy statement whose condition values may be
// intrinsic functions.
type TrustStatement struct {
	Effect    string                    `json:"Effect"`
	Principal map[string]string         `json:"Principal"`
	Action    string                    `json:"Action"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}
