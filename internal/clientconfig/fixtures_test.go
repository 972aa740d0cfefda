package clientconfig

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ampgo/ampgo/internal/graphql"
	"github.com/ampgo/ampgo/internal/project"
)

// nativeSecret is recorded in the fixtures' amplify-meta and must never reach
// a JavaScript config.
const nativeSecret = "NATIVE-SECRET-must-never-appear-in-js-config"

// fixture is one recorded project state that the golden and amplify-js tests
// render.
type fixture struct {
	name          string
	projectRegion string
	meta          project.MetaAuth
	// guest overrides AuthConfig.AllowGuestAccess (FromMeta leaves it nil).
	guest *bool
	// secret is put into AuthConfig.NativeClientSecret, as
	// `generate config --include-client-secret` does (FromMeta never does).
	secret string
	// storage is the project's pushed S3 bucket.
	storage *StorageConfig
	// restAPIs are the project's pushed REST APIs.
	restAPIs []RestAPIConfig
	// graphQL are the project's pushed GraphQL APIs.
	graphQL []GraphQLConfig
}

func oauthJSON(t testing.TB, flows, scopes, callbacks, logouts []string) string {
	t.Helper()
	b, err := json.Marshal(project.OAuthMetadata{
		AllowedOAuthFlows: flows, AllowedOAuthScopes: scopes, CallbackURLs: callbacks, LogoutURLs: logouts,
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	allScopes     = []string{"openid", "email", "profile", "aws.cognito.signin.user.admin"}
	webCallbacks  = []string{"https://app.example.com/", "http://localhost:3000/"}
	allPwdChars   = []string{"REQUIRES_LOWERCASE", "REQUIRES_UPPERCASE", "REQUIRES_NUMBERS", "REQUIRES_SYMBOLS"}
	emailSettings = &project.FrontendAuthConfig{
		SocialProviders:    []string{},
		UsernameAttributes: []string{"EMAIL"},
		SignupAttributes:   []string{"EMAIL"},
		PasswordProtectionSettings: project.PasswordProtectionSettings{
			PasswordPolicyMinLength: 8, PasswordPolicyCharacters: []string{},
		},
		MFAConfiguration:       "OFF",
		MFATypes:               []string{},
		VerificationMechanisms: []string{"EMAIL"},
	}
)

func baseMeta(out project.AuthOutput, f *project.FrontendAuthConfig) project.MetaAuth {
	return project.MetaAuth{
		Service: "Cognito", ServiceType: project.ServiceTypeImported, ProviderPlugin: "awscloudformation",
		DependsOn: []project.Dependency{}, Output: out, FrontendAuthConfig: f,
		LastPushTimeStamp: "2026-01-01T00:00:00.000Z",
	}
}

// fullSetup: user pool + identity pool + Google + hosted UI + MFA + password
// policy, with a native client that has a secret and its own redirect URI.
func fullSetup(t testing.TB) fixture {
	return fixture{name: "full-setup", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:          "us-east-1_AbC123xYz",
		UserPoolName:        "acme-users",
		AppClientID:         "7defnativeclient00000000000",
		AppClientSecret:     nativeSecret,
		AppClientIDWeb:      "4abcwebclient0000000000000",
		HostedUIDomain:      "acme-login",
		IdentityPoolID:      "us-east-1:11111111-2222-3333-4444-555555555555",
		IdentityPoolName:    "acme_identity",
		GoogleWebClient:     "1234-abc.apps.googleusercontent.com",
		OAuthMetadata:       oauthJSON(t, []string{"code"}, allScopes, webCallbacks, webCallbacks),
		NativeOAuthMetadata: oauthJSON(t, []string{"code"}, allScopes, []string{"myapp://"}, []string{"myapp://"}),
	}, &project.FrontendAuthConfig{
		SocialProviders:    []string{"GOOGLE"},
		UsernameAttributes: []string{"EMAIL"},
		SignupAttributes:   []string{"EMAIL", "NAME"},
		PasswordProtectionSettings: project.PasswordProtectionSettings{
			PasswordPolicyMinLength: 10, PasswordPolicyCharacters: allPwdChars,
		},
		MFAConfiguration:       "OPTIONAL",
		MFATypes:               []string{"SMS", "TOTP"},
		VerificationMechanisms: []string{"EMAIL"},
	})}
}

// userPoolOnly: no identity pool, no hosted UI, username sign-in.
func userPoolOnly(t testing.TB) fixture {
	return fixture{name: "user-pool-only", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "us-east-1_UpOnly0001",
		UserPoolName:   "plain-users",
		AppClientID:    "5nativeclientaaaaaaaaaaaaa",
		AppClientIDWeb: "5webclientbbbbbbbbbbbbbbbb",
	}, &project.FrontendAuthConfig{
		SocialProviders:    []string{},
		UsernameAttributes: []string{},
		SignupAttributes:   []string{"EMAIL"},
		PasswordProtectionSettings: project.PasswordProtectionSettings{
			PasswordPolicyMinLength: 8, PasswordPolicyCharacters: []string{"REQUIRES_NUMBERS"},
		},
		MFAConfiguration:       "ON",
		MFATypes:               []string{"TOTP"},
		VerificationMechanisms: []string{"EMAIL"},
	})}
}

// noOAuth: the pool has a domain but the web client has no OAuth flows.
func noOAuth(t testing.TB) fixture {
	return fixture{name: "no-oauth", projectRegion: "us-west-2", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "us-west-2_NoOauth01",
		AppClientID:    "6nativeclientcccccccccccccc",
		AppClientIDWeb: "6webclientdddddddddddddddd",
		HostedUIDomain: "plain-login",
		IdentityPoolID: "us-west-2:22222222-3333-4444-5555-666666666666",
	}, emailSettings)}
}

// customDomain: the pool's hosted UI is served from auth.example.com.
func customDomain(t testing.TB) fixture {
	return fixture{name: "custom-domain", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "us-east-1_CustDom01",
		AppClientID:    "7webclienteeeeeeeeeeeeeeee",
		AppClientIDWeb: "7webclienteeeeeeeeeeeeeeee",
		HostedUIDomain: "auth.example.com",
		OAuthMetadata:  oauthJSON(t, []string{"code"}, []string{"openid", "email"}, webCallbacks, webCallbacks),
	}, emailSettings)}
}

// emailPhone: email and phone number are both usernames.
func emailPhone(t testing.TB) fixture {
	f := *emailSettings
	f.UsernameAttributes = []string{"email", "phone_number"}
	f.VerificationMechanisms = []string{"EMAIL", "PHONE_NUMBER"}
	return fixture{name: "email-phone-username", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "us-east-1_EmailPh01",
		AppClientID:    "8nativeclientffffffffffffff",
		AppClientIDWeb: "8webclientgggggggggggggggg",
	}, &f)}
}

// implicitFlow: the web client only allows the implicit grant.
func implicitFlow(t testing.TB) fixture {
	return fixture{name: "implicit-flow", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "us-east-1_Implic001",
		AppClientID:    "9webclienthhhhhhhhhhhhhhhh",
		AppClientIDWeb: "9webclienthhhhhhhhhhhhhhhh",
		HostedUIDomain: "implicit-login",
		OAuthMetadata:  oauthJSON(t, []string{"implicit"}, []string{"openid"}, webCallbacks, webCallbacks),
	}, emailSettings)}
}

// crossRegion: eu-west-1 pools in a us-east-1 project.
func crossRegion(t testing.TB) fixture {
	return fixture{name: "cross-region", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "eu-west-1_EuPool001",
		AppClientID:    "anativeclientiiiiiiiiiiiiii",
		AppClientIDWeb: "awebclientjjjjjjjjjjjjjjjj",
		HostedUIDomain: "eu-login",
		IdentityPoolID: "eu-west-1:33333333-4444-5555-6666-777777777777",
		OAuthMetadata:  oauthJSON(t, []string{"code"}, allScopes, webCallbacks, webCallbacks),
		Region:         "eu-west-1",
	}, emailSettings)}
}

// oidcNoLogout: sign-in only through an OIDC provider, and no logout URLs.
func oidcNoLogout(t testing.TB) fixture {
	f := *emailSettings
	f.SocialProviders = []string{"MyOIDC"}
	return fixture{name: "oidc-no-logout-urls", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:     "us-east-1_OidcOnly1",
		AppClientID:    "bwebclientkkkkkkkkkkkkkkkk",
		AppClientIDWeb: "bwebclientkkkkkkkkkkkkkkkk",
		HostedUIDomain: "oidc-login",
		OAuthMetadata:  oauthJSON(t, []string{"code"}, []string{"openid"}, webCallbacks, nil),
	}, &f)}
}

// guestDenied: an identity pool that refuses unauthenticated identities.
func guestDenied(t testing.TB) fixture {
	no := false
	fx := noOAuth(t)
	fx.name, fx.guest = "guest-access-denied", &no
	return fx
}

// googleFacebook: hosted UI with Google and Facebook, both also on the
// identity pool, and MFA required with SMS and TOTP.
func googleFacebook(t testing.TB) fixture {
	f := *emailSettings
	f.SocialProviders = []string{"GOOGLE", "FACEBOOK"}
	f.MFAConfiguration, f.MFATypes = "ON", []string{"SMS", "TOTP"}
	f.SignupAttributes = []string{"EMAIL", "GIVEN_NAME", "FAMILY_NAME"}
	return fixture{name: "google-facebook", projectRegion: "us-east-1", meta: baseMeta(project.AuthOutput{
		UserPoolID:          "us-east-1_Social001",
		AppClientID:         "cnativeclientllllllllllllll",
		AppClientIDWeb:      "cwebclientmmmmmmmmmmmmmmmm",
		HostedUIDomain:      "social-login",
		IdentityPoolID:      "us-east-1:44444444-5555-6666-7777-888888888888",
		GoogleWebClient:     "5678-def.apps.googleusercontent.com",
		FacebookWebClient:   "1234567890",
		OAuthMetadata:       oauthJSON(t, []string{"code"}, allScopes, webCallbacks, webCallbacks),
		NativeOAuthMetadata: oauthJSON(t, []string{"code"}, allScopes, []string{"social://callback/"}, []string{"social://signout/"}),
	}, &f)}
}

// secretIncluded: the full setup rendered with the native client's secret,
// as `generate config --include-client-secret` does.
func secretIncluded(t testing.TB) fixture {
	fx := fullSetup(t)
	fx.name, fx.secret = "secret-included", nativeSecret
	return fx
}

// withStorage: the full setup plus a pushed S3 bucket in another region.
func withStorage(t testing.TB) fixture {
	fx := fullSetup(t)
	fx.name = "with-storage"
	fx.storage = &StorageConfig{BucketName: "acmeapp-files-dev", Region: "us-west-2"}
	return fx
}

// itemsAPI is a REST API signed with the identity pool's credentials (the
// Amplify CLI's only kind); ordersAPI takes the user pool's token.
var (
	itemsAPI = RestAPIConfig{Name: "itemsapi", Endpoint: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev",
		Region: "us-east-1", AuthorizationType: "AWS_IAM"}
	ordersAPI = RestAPIConfig{Name: "ordersapi", Endpoint: "https://f6g7h8i9j0.execute-api.us-east-1.amazonaws.com/dev",
		Region: "us-east-1", AuthorizationType: "AMAZON_COGNITO_USER_POOLS"}
)

// withRestAPI: the full setup plus one IAM REST API.
func withRestAPI(t testing.TB) fixture {
	fx := fullSetup(t)
	fx.name, fx.restAPIs = "rest-api", []RestAPIConfig{itemsAPI}
	return fx
}

// withRestAPIs: storage plus two REST APIs, one IAM and one user pool.
func withRestAPIs(t testing.TB) fixture {
	fx := withStorage(t)
	fx.name, fx.restAPIs = "rest-apis", []RestAPIConfig{itemsAPI, ordersAPI}
	return fx
}

// fixtureIntrospection is the model introspection of a testdata schema, as
// ForProject builds it.
func fixtureIntrospection(t testing.TB, schemaFile string) json.RawMessage {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	s, err := graphql.Parse(schemaFile, src)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := graphql.ModelIntrospection(s)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// todoAPI is a GraphQL API with the user pool as its default mode and
// API_KEY and AWS_IAM as additional modes.
func todoAPI(t testing.TB) GraphQLConfig {
	return GraphQLConfig{
		Name:               "acmedata",
		Endpoint:           "https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql",
		Region:             "us-east-1",
		DefaultAuthType:    project.AuthUserPools,
		AuthTypes:          []string{project.AuthAPIKey, project.AuthIAM},
		APIKey:             "da2-fakeapikey00000000000000",
		ModelIntrospection: fixtureIntrospection(t, "graphql-api.schema.graphql"),
	}
}

// withGraphQL: storage, two REST APIs and a GraphQL API together.
func withGraphQL(t testing.TB) fixture {
	fx := withRestAPIs(t)
	fx.name, fx.graphQL = "graphql-api", []GraphQLConfig{todoAPI(t)}
	return fx
}

func allFixtures(t testing.TB) []fixture {
	return []fixture{
		fullSetup(t), userPoolOnly(t), noOAuth(t), customDomain(t), emailPhone(t),
		implicitFlow(t), crossRegion(t), oidcNoLogout(t), guestDenied(t),
		googleFacebook(t), secretIncluded(t), withStorage(t), withRestAPI(t), withRestAPIs(t),
		withGraphQL(t),
	}
}

// config builds the render input of a fixture through FromMeta.
func (fx fixture) config(t testing.TB) Config {
	t.Helper()
	a, err := FromMeta(fx.projectRegion, &fx.meta)
	if err != nil {
		t.Fatalf("FromMeta(%s): %v", fx.name, err)
	}
	if fx.guest != nil {
		a.AllowGuestAccess = fx.guest
	}
	a.NativeClientSecret = fx.secret
	return Config{ProjectRegion: fx.projectRegion, Auth: a, Storage: fx.storage, RestAPIs: fx.restAPIs,
		GraphQLAPIs: fx.graphQL, Envs: []string{"dev"}}
}
