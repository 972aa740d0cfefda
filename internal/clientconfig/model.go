// Package clientconfig renders the client configuration files that the
// Amplify libraries load (aws-exports.js, amplifyconfiguration.json/.dart,
// awsconfiguration.json, amplify_outputs.json) from one neutral model of an
// imported Cognito setup, the project's S3 storage, its REST APIs and its
// GraphQL APIs.
//
// The model is built from the recorded project state (FromMeta) and carries a
// client secret only when a caller puts one there on the user's explicit
// request (`ampgo generate config --include-client-secret`): JavaScript
// configs run in browsers, and DESIGN.md §1 promise 4 keeps secrets off disk
// by default.
package clientconfig

// Config is everything a frontend config file is rendered from.
type Config struct {
	// ProjectRegion is the project's home region (aws_project_region).
	ProjectRegion string
	// Auth is the imported auth resource; nil means the project has no auth
	// (for example after `ampgo remove auth`).
	Auth *AuthConfig
	// Storage is the project's pushed S3 storage resource; nil when there is
	// none.
	Storage *StorageConfig
	// RestAPIs are the project's pushed API Gateway REST APIs, in
	// amplify-meta.json order (the order the Amplify CLI writes them in).
	RestAPIs []RestAPIConfig
	// GraphQLAPIs are the project's pushed AppSync GraphQL APIs, in
	// amplify-meta.json order. The native configs carry every one (one
	// awsAPIPlugin entry each, like the Amplify CLI's constructApi);
	// aws-exports.js and amplify_outputs.json have room for one and carry
	// the first, as the CLI's getAppSyncConfig does.
	GraphQLAPIs []GraphQLConfig
	// Envs are the project's environment names. An existing file's REST
	// entry whose endpoint is an API Gateway stage named after one of them
	// is taken for one ampgo wrote (its stages are named after the env) and
	// is not kept once ampgo no longer renders it, e.g. after `ampgo remove
	// api`; other entries a user added survive.
	Envs []string
}

// RestAPIConfig is one pushed API Gateway REST API.
type RestAPIConfig struct {
	// Name is the API's resource name (the Amplify CLI's ApiName output),
	// which apps pass as apiName.
	Name string
	// Endpoint is the stage's root URL,
	// https://<id>.execute-api.<region>.amazonaws.com/<env>, without a
	// trailing slash: Amplify JS appends the path to it as is.
	Endpoint string
	// Region is the API's region.
	Region string
	// AuthorizationType is AWS_IAM (requests signed with the identity
	// pool's credentials) or AMAZON_COGNITO_USER_POOLS (the user pool's
	// token in the Authorization header).
	AuthorizationType string
}

// StorageConfig is an S3 bucket of the storage category.
type StorageConfig struct {
	// BucketName is the bucket's name.
	BucketName string
	// Region is the bucket's region.
	Region string
}

// AuthConfig is the neutral model of one imported Cognito setup: a user pool
// with its web and native app clients and, optionally, an identity pool.
type AuthConfig struct {
	// UserPoolID is the user pool id, e.g. "eu-west-1_AbC123xYz".
	UserPoolID string
	// UserPoolRegion is the region the user pool lives in (from its id).
	UserPoolRegion string
	// WebClientID is the app client without a secret that browsers use.
	WebClientID string
	// NativeClientID is the app client mobile apps use (may equal WebClientID).
	NativeClientID string
	// NativeClientSecret is empty unless the user asked for it explicitly
	// (--include-client-secret) and the caller read it from Cognito; FromMeta
	// never sets it. Only the native configs ever carry it.
	NativeClientSecret string

	// IdentityPoolID is empty for a "userPoolOnly" import.
	IdentityPoolID string
	// IdentityPoolRegion is the region of the identity pool (from its id).
	IdentityPoolRegion string
	// AllowGuestAccess says whether the identity pool allows unauthenticated
	// identities. nil means unknown (amplify-meta does not record it; callers
	// set it from team-provider-info's allowUnauthenticatedIdentities).
	AllowGuestAccess *bool

	// Settings are the pool's sign-up and sign-in settings; nil when the
	// recorded resource has no frontendAuthConfig (then, like the Amplify CLI,
	// no aws_cognito_* settings keys are written).
	Settings *PoolSettings

	// WebOAuth is the hosted UI setup of the web client; nil when the web
	// client cannot be used with the hosted UI.
	WebOAuth *OAuthConfig
	// NativeOAuth is the hosted UI setup of the native client, with the native
	// client's own redirect URIs (cli#13628); nil like WebOAuth.
	NativeOAuth *OAuthConfig

	// GoogleWebClientID, FacebookWebClientID, AmazonWebClientID and
	// AppleWebClientID are the identity pool's social login providers
	// (SupportedLoginProviders). They decide the federation target.
	GoogleWebClientID   string
	FacebookWebClientID string
	AmazonWebClientID   string
	AppleWebClientID    string

	// CustomAuth is true when the resource uses custom auth challenges.
	CustomAuth bool
}

// PoolSettings are the user pool settings the Amplify UI and the library's
// client-side validation read, in the Amplify CLI's upper-case vocabulary.
type PoolSettings struct {
	// UsernameAttributes lists every username attribute: EMAIL, PHONE_NUMBER.
	UsernameAttributes []string
	// SocialProviders lists the user pool's social providers: GOOGLE,
	// FACEBOOK, AMAZON, APPLE.
	SocialProviders []string
	// SignupAttributes are the required attributes, e.g. EMAIL, NAME.
	SignupAttributes []string
	// MFAConfiguration is OFF, ON or OPTIONAL.
	MFAConfiguration string
	// MFATypes lists SMS and/or TOTP.
	MFATypes []string
	// PasswordMinLength is the password policy's minimum length.
	PasswordMinLength int
	// PasswordCharacters lists REQUIRES_LOWERCASE, REQUIRES_UPPERCASE,
	// REQUIRES_NUMBERS and REQUIRES_SYMBOLS as required.
	PasswordCharacters []string
	// VerificationMechanisms are the auto-verified attributes: EMAIL,
	// PHONE_NUMBER.
	VerificationMechanisms []string
}

// OAuthConfig is the hosted UI setup of one app client.
type OAuthConfig struct {
	// Domain is the hosted UI host name, without scheme: either
	// "<prefix>.auth.<pool region>.amazoncognito.com" or a custom domain.
	Domain string
	// Scopes are the client's allowed OAuth scopes, in API order.
	Scopes []string
	// RedirectSignIn are the client's callback URLs, in API order.
	RedirectSignIn []string
	// RedirectSignOut are the client's logout URLs; may be empty.
	RedirectSignOut []string
	// ResponseType is "code" (authorization code grant) or "token"
	// (implicit grant).
	ResponseType string
}

// FederationTarget is the aws-exports federationTarget value, decided like the
// Amplify CLI does: hosted UI OAuth means user pool federation, social web
// client ids on the identity pool mean identity pool federation. Empty when
// neither applies (then the key is omitted).
func (a *AuthConfig) FederationTarget() string {
	userPool := a.WebOAuth != nil
	idp := a.GoogleWebClientID != "" || a.FacebookWebClientID != "" ||
		a.AmazonWebClientID != "" || a.AppleWebClientID != ""
	switch {
	case userPool && idp:
		return "COGNITO_USER_AND_IDENTITY_POOLS"
	case userPool:
		return "COGNITO_USER_POOLS"
	case idp:
		return "COGNITO_IDENTITY_POOLS"
	}
	return ""
}

// CognitoRegion is the region written as aws_cognito_region: the user pool's
// region, else the identity pool's. (The Amplify CLI writes the project
// region, which is wrong for a pool in another region.)
func (a *AuthConfig) CognitoRegion() string {
	if a.UserPoolRegion != "" {
		return a.UserPoolRegion
	}
	return a.IdentityPoolRegion
}
