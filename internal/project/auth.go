package project

// The types in this file are the on-disk shapes of an imported auth resource,
// in the key order the Amplify CLI writes them (reference/amplify-import-behaviour.md §3),
// so an existing Amplify project with imported auth opens in ampgo and diffs stay small.

// Auth selection values (parameters.json "authSelections").
const (
	UserPoolOnly            = "userPoolOnly"
	IdentityPoolAndUserPool = "identityPoolAndUserPool"
)

// ServiceTypeImported marks an imported resource everywhere.
const ServiceTypeImported = "imported"

// BackendAuth is backend-config.json auth.<name> (committed, env-independent).
type BackendAuth struct {
	Service        string       `json:"service"`
	ServiceType    string       `json:"serviceType"`
	ProviderPlugin string       `json:"providerPlugin"`
	DependsOn      []Dependency `json:"dependsOn"`
	CustomAuth     bool         `json:"customAuth"`
}

// Dependency is one entry of a resource's dependsOn list.
type Dependency struct {
	Category     string   `json:"category"`
	ResourceName string   `json:"resourceName"`
	Attributes   []string `json:"attributes"`
}

// AuthParameters is amplify/backend/auth/<name>/parameters.json (committed).
type AuthParameters struct {
	AuthSelections           string   `json:"authSelections"`
	ResourceName             string   `json:"resourceName"`
	ServiceType              string   `json:"serviceType"`
	Region                   string   `json:"region"`
	AliasAttributes          []string `json:"aliasAttributes,omitempty"`
	UsernameAttributes       []string `json:"usernameAttributes,omitempty"`
	AuthProvidersUserPool    []string `json:"authProvidersUserPool"`
	RequiredAttributes       []string `json:"requiredAttributes"`
	PasswordPolicyMinLength  int      `json:"passwordPolicyMinLength"`
	PasswordPolicyCharacters []string `json:"passwordPolicyCharacters"`
	MFAConfiguration         string   `json:"mfaConfiguration"`
	AutoVerifiedAttributes   []string `json:"autoVerifiedAttributes"`
	MFATypes                 []string `json:"mfaTypes"`
}

// EnvAuth is team-provider-info.json <env>.categories.auth.<name> (committed).
// Empty values are omitted, so a "userPoolOnly" resource has exactly the
// first four keys.
type EnvAuth struct {
	UserPoolID                     string `json:"userPoolId"`
	UserPoolName                   string `json:"userPoolName"`
	WebClientID                    string `json:"webClientId"`
	NativeClientID                 string `json:"nativeClientId"`
	IdentityPoolID                 string `json:"identityPoolId,omitempty"`
	IdentityPoolName               string `json:"identityPoolName,omitempty"`
	AllowUnauthenticatedIdentities *bool  `json:"allowUnauthenticatedIdentities,omitempty"`
	AuthRoleARN                    string `json:"authRoleArn,omitempty"`
	AuthRoleName                   string `json:"authRoleName,omitempty"`
	UnauthRoleARN                  string `json:"unauthRoleArn,omitempty"`
	UnauthRoleName                 string `json:"unauthRoleName,omitempty"`
	AmazonAppID                    string `json:"amazonAppId,omitempty"`
	FacebookAppID                  string `json:"facebookAppId,omitempty"`
	AppleAppID                     string `json:"appleAppId,omitempty"`
	GoogleClientID                 string `json:"googleClientId,omitempty"`
	GoogleIOS                      string `json:"googleIos,omitempty"`
	GoogleAndroid                  string `json:"googleAndroid,omitempty"`
}

// MetaAuth is amplify-meta.json auth.<name> (local, not committed; copied to
// #current-cloud-backend on push).
type MetaAuth struct {
	Service            string              `json:"service"`
	ServiceType        string              `json:"serviceType"`
	ProviderPlugin     string              `json:"providerPlugin"`
	DependsOn          []Dependency        `json:"dependsOn"`
	CustomAuth         bool                `json:"customAuth"`
	Output             AuthOutput          `json:"output"`
	FrontendAuthConfig *FrontendAuthConfig `json:"frontendAuthConfig,omitempty"`
	LastPushTimeStamp  string              `json:"lastPushTimeStamp,omitempty"`
}

// AuthOutput is the "output" block of an auth resource in amplify-meta.json.
// Unlike the Amplify CLI, AppClientSecret is never written unless the user
// asks for it explicitly (DESIGN.md §1 promise 4).
type AuthOutput struct {
	UserPoolID        string `json:"UserPoolId"`
	UserPoolName      string `json:"UserPoolName"`
	AppClientID       string `json:"AppClientID"`
	AppClientSecret   string `json:"AppClientSecret,omitempty"`
	AppClientIDWeb    string `json:"AppClientIDWeb"`
	HostedUIDomain    string `json:"HostedUIDomain,omitempty"`
	IdentityPoolID    string `json:"IdentityPoolId,omitempty"`
	IdentityPoolName  string `json:"IdentityPoolName,omitempty"`
	AmazonWebClient   string `json:"AmazonWebClient,omitempty"`
	FacebookWebClient string `json:"FacebookWebClient,omitempty"`
	GoogleWebClient   string `json:"GoogleWebClient,omitempty"`
	AppleWebClient    string `json:"AppleWebClient,omitempty"`
	CreatedSNSRole    string `json:"CreatedSNSRole,omitempty"`
	// OAuthMetadata is a JSON string of the web client's
	// {AllowedOAuthFlows, AllowedOAuthScopes, CallbackURLs, LogoutURLs}.
	OAuthMetadata string `json:"OAuthMetadata,omitempty"`
	// NativeOAuthMetadata is the same for the native client. ampgo addition:
	// native configs use the native client's own redirect URIs (cli#13628).
	NativeOAuthMetadata string `json:"NativeOAuthMetadata,omitempty"`
	// Region of the user pool (from its id). ampgo addition for cross-region envs.
	Region string `json:"Region,omitempty"`
}

// FrontendAuthConfig is amplify-meta.json auth.<name>.frontendAuthConfig.
type FrontendAuthConfig struct {
	SocialProviders            []string                   `json:"socialProviders"`
	UsernameAttributes         []string                   `json:"usernameAttributes"`
	SignupAttributes           []string                   `json:"signupAttributes"`
	PasswordProtectionSettings PasswordProtectionSettings `json:"passwordProtectionSettings"`
	MFAConfiguration           string                     `json:"mfaConfiguration"`
	MFATypes                   []string                   `json:"mfaTypes"`
	VerificationMechanisms     []string                   `json:"verificationMechanisms"`
}

// PasswordProtectionSettings is the password part of FrontendAuthConfig.
type PasswordProtectionSettings struct {
	PasswordPolicyMinLength  int      `json:"passwordPolicyMinLength"`
	PasswordPolicyCharacters []string `json:"passwordPolicyCharacters"`
}

// OAuthMetadata is the decoded form of AuthOutput.OAuthMetadata.
type OAuthMetadata struct {
	AllowedOAuthFlows  []string `json:"AllowedOAuthFlows"`
	AllowedOAuthScopes []string `json:"AllowedOAuthScopes"`
	CallbackURLs       []string `json:"CallbackURLs"`
	LogoutURLs         []string `json:"LogoutURLs"`
}

// ImportedAuth is everything recorded for one imported auth resource in the
// current environment. importauth builds it; Project.SetImportedAuth writes it.
type ImportedAuth struct {
	Name       string
	Backend    BackendAuth
	Parameters AuthParameters
	Env        EnvAuth
	Meta       MetaAuth
	// Managed holds the settings when ampgo creates the environment's
	// resources (issue 14); until its first push Env holds no ids.
	Managed *ManagedAuthSettings `json:"-"`
}
