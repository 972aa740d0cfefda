// Package cognito discovers existing Cognito user pools, app clients, identity
// pools and their IAM roles, and returns them as ampgo's own read-only types.
// It never calls a write API.
package cognito

// UserPool is what ampgo needs to know about a user pool.
type UserPool struct {
	ID     string
	Name   string
	Region string // taken from the id prefix ("eu-west-1_abc" -> "eu-west-1")
	// Domain is the hosted-UI prefix domain ("acme-login"); CustomDomain the
	// custom host ("auth.example.com"). Either or both may be empty.
	Domain       string
	CustomDomain string
	// MFA comes from GetUserPoolMfaConfig, which is the source of truth
	// (DescribeUserPool's MfaConfiguration can be stale).
	MFA                    MFA
	UsernameAttributes     []string
	AliasAttributes        []string
	AutoVerifiedAttributes []string
	Attributes             []Attribute
	PasswordPolicy         PasswordPolicy
	// CustomAuth is true when Define, Create and Verify auth challenge
	// triggers are all set.
	CustomAuth bool
}

// MFA is the pool's multi-factor configuration.
type MFA struct {
	Configuration string // OFF, ON or OPTIONAL
	SMS           bool   // an SmsMfaConfiguration object is present
	TOTP          bool   // a SoftwareTokenMfaConfiguration object is present
	SNSCallerARN  string
}

// Attribute is one schema attribute of a user pool.
type Attribute struct {
	Name     string
	Required bool
	Mutable  bool
}

// PasswordPolicy is the pool's password policy.
type PasswordPolicy struct {
	MinLength        int
	RequireLowercase bool
	RequireUppercase bool
	RequireNumbers   bool
	RequireSymbols   bool
}

// AppClient is a user pool app client. The secret itself is never held:
// ampgo only needs to know whether there is one.
type AppClient struct {
	ID                         string
	Name                       string
	UserPoolID                 string
	HasSecret                  bool
	OAuthEnabled               bool // AllowedOAuthFlowsUserPoolClient
	SupportedIdentityProviders []string
	CallbackURLs               []string
	LogoutURLs                 []string
	AllowedOAuthFlows          []string
	AllowedOAuthScopes         []string
	ReadAttributes             []string
	WriteAttributes            []string
}

// IdentityProvider is a federated provider configured on a user pool.
type IdentityProvider struct {
	Name string // "Google", "MyOIDC"
	Type string // "Google", "OIDC", "SAML", ...
}

// IdentityPool is a Cognito identity pool with its roles.
type IdentityPool struct {
	ID                   string
	Name                 string
	Region               string
	AllowUnauthenticated bool
	CognitoProviders     []CognitoProvider
	// LoginProviders are the identity pool's SupportedLoginProviders
	// ("accounts.google.com" -> app id), in a stable order.
	LoginProviders []LoginProvider
	AuthRoleARN    string
	UnauthRoleARN  string
}

// CognitoProvider is one user pool client registered with an identity pool.
type CognitoProvider struct {
	ProviderName string // cognito-idp.<region>.amazonaws.com/<userPoolId>
	ClientID     string
}

// LoginProvider is one social login provider of an identity pool.
type LoginProvider struct {
	Domain string // "accounts.google.com"
	AppID  string
}

// Role is an IAM role referenced by an identity pool.
type Role struct {
	ARN  string
	Name string // last path segment of the ARN resource
	// TrustPolicy is the decoded (URL-unescaped) assume-role policy JSON.
	TrustPolicy string
	// Found is false when the role does not exist in IAM.
	Found bool
}

// PoolSummary is one entry of ListUserPools.
type PoolSummary struct {
	ID   string
	Name string
}

// Snapshot is every fact the import rules judge, read once from AWS. The
// rules never call AWS; they only look at a Snapshot.
type Snapshot struct {
	Pool              UserPool
	Clients           []AppClient // every client of the pool
	IdentityProviders []IdentityProvider
	// Web and Native are ids of the chosen clients ("" when not chosen yet).
	WebClientID    string
	NativeClientID string
	// IdentityPool is nil for "Cognito User Pool only".
	IdentityPool *IdentityPool
	AuthRole     *Role
	UnauthRole   *Role
}

// Client returns the client with the given id, or nil.
func (s *Snapshot) Client(id string) *AppClient {
	for i := range s.Clients {
		if s.Clients[i].ID == id {
			return &s.Clients[i]
		}
	}
	return nil
}
