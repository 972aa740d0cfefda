package clientconfig

import (
	"errors"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// The native configs (Android, iOS, Flutter) are the Amplify CLI's Gen 1
// shape (reference/amplify-import-behaviour.md §3.5, and the CLI's
// amplify-frontend-{android,ios,flutter} config creators): a top-level
// {UserAgent, Version, auth, storage} object whose auth plugin
// awsCognitoAuthPlugin is the whole legacy awsconfiguration object, written
// as JSON.stringify(config, null, 4) without a final newline.
//
// What each library reads from it, and so what the renderers must get right
// (cited from the libraries' parsers; see native_parse_test.go):
//   - Android aws-auth-cognito AuthConfiguration.fromJson,
//     UserPoolConfiguration (PoolId, AppClientId, AppClientSecret, Region —
//     the region the endpoint is built from) and OauthConfiguration.fromJson
//     (WebDomain, AppClientId, Scopes, SignInRedirectURI, SignOutRedirectURI
//     must all be non-empty, else OAuth is silently off);
//   - Swift AWSCognitoAuthPlugin ConfigurationHelper.parseUserPoolData,
//     parseHostedConfiguration (the same five OAuth keys, else no hosted UI)
//     and parseIdentityPoolData (CredentialsProvider.CognitoIdentity.Default
//     PoolId + Region);
//   - Flutter amplify_core CognitoPluginConfig / CognitoUserPoolConfig /
//     CognitoOAuthConfig (json_serializable: PoolId, AppClientId, Region,
//     WebDomain, SignInRedirectURI, SignOutRedirectURI and Scopes are
//     required, so a missing one makes Amplify.configure throw) and
//     CognitoAuthConfig (socialProviders, mfaConfiguration and mfaTypes are
//     strict enums: FACEBOOK|GOOGLE|AMAZON|APPLE, OFF|ON|OPTIONAL,
//     SMS|TOTP|EMAIL).
const (
	nativeUserAgent       = "aws-amplify-cli/2.0"
	nativeVersion         = "1.0"
	nativePluginUserAgent = "aws-amplify-cli/0.1.0"
	nativePluginVersion   = "0.1.0"
	cognitoPluginKey      = "awsCognitoAuthPlugin"
	s3PluginKey           = "awsS3StoragePlugin"
	apiPluginKey          = "awsAPIPlugin"
)

// RenderNativeJSON renders amplifyconfiguration.json for the android frontend
// (<ResDir>/raw/) and the ios frontend (project root), with the NATIVE app
// client and its own redirect URIs (cli#13628). existing is the current file
// (nil when there is none): categories ampgo does not generate (api,
// analytics, …) and keys of awsCognitoAuthPlugin it does not generate
// survive. An unreadable existing file gives an *ExistingFileError.
func RenderNativeJSON(c Config, existing []byte) ([]byte, error) {
	return renderNative(c, existing, "amplifyconfiguration.json", readJSONFile)
}

// RenderDart renders lib/amplifyconfiguration.dart for the flutter frontend:
// the same object as RenderNativeJSON inside the Amplify CLI's Dart wrapper
// (dartHead + JSON + dartTail).
func RenderDart(c Config, existing []byte) ([]byte, error) {
	body, err := renderNative(c, existing, "amplifyconfiguration.dart", readDartFile)
	if err != nil {
		return nil, err
	}
	return []byte(dartHead + dartEscape(string(body)) + dartTail), nil
}

// RenderAWSConfiguration renders the legacy awsconfiguration.json (android
// and ios): the awsCognitoAuthPlugin object alone, which the AWS Mobile SDKs
// (AWSMobileClient) read. Amplify Android v2 and Amplify Swift v2 do not
// read it; ampgo writes it because the Amplify CLI does and apps that still
// use AWSMobileClient need it. Top-level keys ampgo does not generate
// survive, as in the CLI (getCustomConfigs).
func RenderAWSConfiguration(c Config, existing []byte) ([]byte, error) {
	old, err := readJSONFile("awsconfiguration.json", existing)
	if err != nil {
		return nil, err
	}
	plugin, err := nativePlugin(c)
	if err != nil {
		return nil, err
	}
	return jsonobj.Indent(keepCustom(plugin, old, nativePluginKeys), "    ")
}

func renderNative(c Config, existing []byte, file string, read func(string, []byte) (*jsonobj.Object, error)) ([]byte, error) {
	old, err := read(file, existing)
	if err != nil {
		return nil, err
	}
	top, err := nativeTop(c, old)
	if err != nil {
		return nil, err
	}
	return jsonobj.Indent(top, "    ")
}

// nativeTop builds the amplifyconfiguration object and merges what the user
// (or another tool) added to the existing one.
func nativeTop(c Config, old *jsonobj.Object) (*jsonobj.Object, error) {
	top := jsonobj.New().Set("UserAgent", nativeUserAgent).Set("Version", nativeVersion)
	// api before auth: the CLI's generateConfig runs constructApi before
	// constructAuth.
	api, err := nativeAPI(c, old.LookupObject("api"))
	if err != nil {
		return nil, err
	}
	if api != nil {
		top.Set("api", api)
	}
	if c.Auth != nil {
		plugin, err := nativePlugin(c)
		if err != nil {
			return nil, err
		}
		plugin = keepCustom(plugin, old.LookupObject("auth", "plugins", cognitoPluginKey), nativePluginKeys)
		top.Set("auth", jsonobj.New().Set("plugins", jsonobj.New().Set(cognitoPluginKey, plugin)))
	}
	if s := c.Storage; s != nil {
		top.Set("storage", jsonobj.New().Set("plugins", jsonobj.New().Set(s3PluginKey, jsonobj.New().
			Set("bucket", s.BucketName).
			Set("region", s.Region).
			Set("defaultAccessLevel", defaultAccessLevel(old)))))
	}
	return keepCustom(top, old, nativeTopKeys), nil
}

// nativePlugin builds the awsCognitoAuthPlugin (= awsconfiguration) object.
func nativePlugin(c Config) (*jsonobj.Object, error) {
	if c.ProjectRegion == "" {
		return nil, errors.New("render native client config: project region is empty")
	}
	o := jsonobj.New().
		Set("UserAgent", nativePluginUserAgent).
		Set("Version", nativePluginVersion).
		Set("IdentityManager", jsonobj.New().Set("Default", jsonobj.New()))
	if a := c.Auth; a != nil {
		if a.UserPoolID == "" || a.WebClientID == "" {
			return nil, errors.New("render native client config: auth has no user pool id or web client id")
		}
		setNativeAuth(o, a)
	}
	if s := c.Storage; s != nil {
		o.Set("S3TransferUtility", jsonobj.New().Set("Default", jsonobj.New().Set("Bucket", s.BucketName).Set("Region", s.Region)))
	}
	return o, nil
}

// setNativeAuth adds the Cognito keys. Deliberate fix: each Region is the
// region of that pool (from its id), not the project region the Amplify CLI
// writes, because the native libraries build the endpoint from it.
func setNativeAuth(o *jsonobj.Object, a *AuthConfig) {
	if a.IdentityPoolID != "" {
		o.Set("CredentialsProvider", jsonobj.New().Set("CognitoIdentity", jsonobj.New().Set("Default", jsonobj.New().
			Set("PoolId", a.IdentityPoolID).Set("Region", a.IdentityPoolRegion))))
	}
	pool := jsonobj.New().Set("PoolId", a.UserPoolID).Set("AppClientId", a.NativeAppClientID())
	if a.NativeClientSecret != "" {
		pool.Set("AppClientSecret", a.NativeClientSecret)
	}
	pool.Set("Region", a.UserPoolRegion)
	o.Set("CognitoUserPool", jsonobj.New().Set("Default", pool))
	if a.GoogleWebClientID != "" {
		o.Set("GoogleSignIn", jsonobj.New().Set("Permissions", "email,profile,openid").Set("ClientId-WebApp", a.GoogleWebClientID))
	}
	if a.FacebookWebClientID != "" {
		o.Set("FacebookSignIn", jsonobj.New().Set("AppId", a.FacebookWebClientID).Set("Permissions", "public_profile"))
	}
	o.Set("Auth", jsonobj.New().Set("Default", nativeAuthDefault(a)))
}

// nativeAuthDefault is Auth.Default: the hosted UI of the native client, the
// flow type, then every frontendAuthConfig key, in the CLI's order.
func nativeAuthDefault(a *AuthConfig) *jsonobj.Object {
	d := jsonobj.New()
	if oauth := nativeOAuth(a); oauth != nil {
		d.Set("OAuth", oauth)
	}
	flow := "USER_SRP_AUTH"
	if a.CustomAuth {
		flow = "CUSTOM_AUTH"
	}
	d.Set("authenticationFlowType", flow)
	if s := a.Settings; s != nil {
		d.Set("socialProviders", strs(s.SocialProviders))
		d.Set("usernameAttributes", strs(s.UsernameAttributes))
		d.Set("signupAttributes", strs(s.SignupAttributes))
		d.Set("passwordProtectionSettings", jsonobj.New().
			Set("passwordPolicyMinLength", s.PasswordMinLength).
			Set("passwordPolicyCharacters", strs(s.PasswordCharacters)))
		d.Set("mfaConfiguration", s.MFAConfiguration)
		d.Set("mfaTypes", strs(s.MFATypes))
		d.Set("verificationMechanisms", strs(s.VerificationMechanisms))
	}
	return d
}

// nativeOAuth is the native client's hosted UI block. The native libraries
// need a sign-out redirect URI (Android and Swift silently drop the hosted
// UI without one, Flutter fails to configure), so a native client without
// logout URLs gets no OAuth block and Warnings says how to fix the client.
// The native libraries always use the code grant with PKCE, so there is no
// response type here.
func nativeOAuth(a *AuthConfig) *jsonobj.Object {
	n := a.NativeOAuth
	if n == nil || len(n.RedirectSignOut) == 0 {
		return nil
	}
	o := jsonobj.New().Set("WebDomain", n.Domain).Set("AppClientId", a.NativeAppClientID())
	if a.NativeClientSecret != "" {
		o.Set("AppClientSecret", a.NativeClientSecret)
	}
	o.Set("SignInRedirectURI", strings.Join(n.RedirectSignIn, ","))
	o.Set("SignOutRedirectURI", strings.Join(n.RedirectSignOut, ","))
	o.Set("Scopes", strs(n.Scopes))
	return o
}

// NativeAppClientID is the app client of the native configs: the native client,
// or the web client when none was recorded.
func (a *AuthConfig) NativeAppClientID() string {
	if a.NativeClientID != "" {
		return a.NativeClientID
	}
	return a.WebClientID
}
