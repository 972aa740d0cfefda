package clientconfig

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// No Android, iOS or Flutter toolchain runs here, so the native configs are
// checked against the parsing rules of the three libraries, transcribed from
// their sources (read in aws-amplify/amplify-android, amplify-swift and
// amplify-flutter; the files are named at each rule). nativeView applies the
// rules and returns what the libraries would end up configured with, and the
// problems that would make one of them fail or silently drop a part.

// nativeSeen is what the native libraries read from amplifyconfiguration.
type nativeSeen struct {
	PoolID, ClientID, ClientSecret, PoolRegion string
	IdentityPoolID, IdentityRegion             string
	OAuth                                      *nativeSeenOAuth
	FlowType                                   string
	Bucket, BucketRegion                       string
	// RestAPIs are the awsAPIPlugin entries with endpointType REST, by name.
	RestAPIs map[string]nativeSeenAPI
	// GraphQLAPIs are the entries with endpointType GraphQL, by name.
	GraphQLAPIs map[string]nativeSeenAPI
}

type nativeSeenAPI struct {
	Endpoint, Region, AuthorizationType string
	// APIKey is a GraphQL entry's apiKey (REST entries have none).
	APIKey string
}

type nativeSeenOAuth struct {
	Domain, ClientID, ClientSecret string
	SignIn, SignOut                string
	Scopes                         []string
}

type nativePool struct {
	PoolID          *string `json:"PoolId"`
	AppClientID     *string `json:"AppClientId"`
	AppClientSecret *string `json:"AppClientSecret"`
	Region          *string `json:"Region"`
}

type nativeOAuthJSON struct {
	WebDomain, AppClientID, SignInRedirectURI, SignOutRedirectURI *string
	AppClientSecret                                               *string
	Scopes                                                        []string
}

type nativeAuthDefaultJSON struct {
	OAuth                      *nativeOAuthJSON `json:"OAuth"`
	AuthenticationFlowType     string           `json:"authenticationFlowType"`
	SocialProviders            []string         `json:"socialProviders"`
	UsernameAttributes         []string         `json:"usernameAttributes"`
	SignupAttributes           []string         `json:"signupAttributes"`
	MFAConfiguration           *string          `json:"mfaConfiguration"`
	MFATypes                   []string         `json:"mfaTypes"`
	VerificationMechanisms     []string         `json:"verificationMechanisms"`
	PasswordProtectionSettings *struct {
		MinLength  *int     `json:"passwordPolicyMinLength"`
		Characters []string `json:"passwordPolicyCharacters"`
	} `json:"passwordProtectionSettings"`
}

type nativePluginJSON struct {
	CredentialsProvider *struct {
		CognitoIdentity map[string]nativePool `json:"CognitoIdentity"`
	} `json:"CredentialsProvider"`
	CognitoUserPool map[string]nativePool            `json:"CognitoUserPool"`
	Auth            map[string]nativeAuthDefaultJSON `json:"Auth"`
}

type nativeTopJSON struct {
	UserAgent, Version string
	API                *struct {
		Plugins map[string]map[string]json.RawMessage `json:"plugins"`
	} `json:"api"`
	Auth *struct {
		Plugins map[string]nativePluginJSON `json:"plugins"`
	} `json:"auth"`
	Storage *struct {
		Plugins map[string]struct {
			Bucket, Region, DefaultAccessLevel *string
		} `json:"plugins"`
	} `json:"storage"`
}

// Enumerations the Flutter json_serializable decoders enforce ($enumDecode
// throws on any other value): amplify_core lib/src/config/auth/cognito/
// auth.g.dart and password_protection_settings.g.dart. Swift drops unknown
// usernameAttributes / signupAttributes silently (ConfigurationHelper
// compactMap over UserPoolConfigurationData.UsernameAttribute and
// SignUpAttributeType), so those are checked too.
var (
	flutterSocial   = []string{"FACEBOOK", "GOOGLE", "AMAZON", "APPLE"}
	flutterMFA      = []string{"OPTIONAL", "ON", "OFF"}
	flutterMFATypes = []string{"SMS", "TOTP", "EMAIL"}
	pwdCharacters   = []string{"REQUIRES_LOWERCASE", "REQUIRES_UPPERCASE", "REQUIRES_NUMBERS", "REQUIRES_SYMBOLS"}
	swiftUsername   = []string{"USERNAME", "EMAIL", "PHONE_NUMBER"}
	swiftSignUp     = []string{"ADDRESS", "BIRTHDATE", "EMAIL", "FAMILY_NAME", "GENDER", "GIVEN_NAME",
		"MIDDLE_NAME", "NAME", "NICKNAME", "PHONE_NUMBER", "PREFERRED_USERNAME", "PROFILE", "WEBSITE"}
)

// nativeView applies the libraries' rules to an amplifyconfiguration JSON.
func nativeView(data []byte) (nativeSeen, []string) {
	var top nativeTopJSON
	if err := json.Unmarshal(data, &top); err != nil {
		return nativeSeen{}, []string{"not JSON: " + err.Error()}
	}
	var seen nativeSeen
	var problems []string
	bad := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	// Flutter AmplifyConfig: UserAgent and Version are strings with defaults.
	if top.UserAgent == "" || top.Version == "" {
		bad("UserAgent/Version missing")
	}
	if top.Storage != nil {
		s3 := top.Storage.Plugins[s3PluginKey]
		// Flutter s3_config.g.dart: bucket and region are required strings.
		if s3.Bucket == nil || s3.Region == nil {
			bad("storage.plugins.awsS3StoragePlugin needs bucket and region")
		} else {
			seen.Bucket, seen.BucketRegion = *s3.Bucket, *s3.Region
		}
	}
	if top.API != nil {
		seeAPIs(top.API.Plugins[apiPluginKey], &seen, bad)
	}
	if top.Auth == nil {
		return seen, problems
	}
	plugin, ok := top.Auth.Plugins[cognitoPluginKey]
	if !ok {
		bad("auth.plugins.awsCognitoAuthPlugin missing")
		return seen, problems
	}
	seePools(plugin, &seen, bad)
	d, ok := plugin.Auth["Default"]
	if !ok {
		bad("Auth.Default missing")
		return seen, problems
	}
	seeAuthDefault(d, &seen, bad)
	return seen, problems
}

// apiAuthorizationTypes are the authorizationType values all three
// libraries accept (any other fails the whole API plugin): Android
// aws-api-appsync AuthorizationType.from, Swift AWSPluginsCore
// Auth/AWSAuthorizationType.swift, Flutter amplify_core
// lib/src/types/api/auth/api_authorization_type.dart (@JsonValue).
var apiAuthorizationTypes = []string{"NONE", "API_KEY", "AWS_IAM", "OPENID_CONNECT", "AMAZON_COGNITO_USER_POOLS", "AWS_LAMBDA"}

// seeAPIs applies the libraries' rules to api.plugins.awsAPIPlugin:
//   - Android aws-api AWSApiPluginConfigurationReader.parseConfigurationJson:
//     every entry must be an object with endpointType, endpoint, region and
//     authorizationType (ConfigKey REQUIRED), endpointType exactly "GraphQL"
//     or "REST" (EndpointType.from), authorizationType an AuthorizationType
//     name; one bad entry fails the whole plugin (AppSyncInvalidConfigException);
//   - Swift AWSAPIPlugin Configuration/AWSAPICategoryPluginConfiguration+
//     EndpointConfig.swift: endpoint a string that is a URL, endpointType
//     "REST" or "GraphQL" (AWSAPICategoryPluginEndpointType), authorizationType
//     required; region optional except for AWS_IAM (AWSAuthorizationConfiguration
//     .awsIAMAuthorizationConfiguration: "Region is not set for IAM");
//   - Flutter amplify_core lib/src/config/api/appsync/api_config.g.dart
//     (AWSApiConfig): endpointType enum REST|GraphQL, endpoint and region
//     required strings, authorizationType enum, apiKey an optional string;
//     ApiConfig.toRestApiOutputs takes the REST entries;
//   - apiKey (GraphQL): Android reads it with getString when present
//     (ConfigKey.API_KEY OPTIONAL), so it must be a string; Swift's
//     AWSAuthorizationConfiguration.makeConfiguration refuses an API_KEY
//     authorizationType without it ("Could not get `ApiKey`").
func seeAPIs(entries map[string]json.RawMessage, seen *nativeSeen, bad func(string, ...any)) {
	for name, raw := range entries {
		var e struct {
			EndpointType, Endpoint, Region, AuthorizationType *string
			APIKey                                            *string `json:"apiKey"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			bad("awsAPIPlugin.%s is not an object with string values", name)
			continue
		}
		if e.EndpointType == nil || e.Endpoint == nil || e.Region == nil || e.AuthorizationType == nil {
			bad("awsAPIPlugin.%s needs endpointType, endpoint, region and authorizationType (Android, Flutter)", name)
			continue
		}
		if *e.EndpointType != "REST" && *e.EndpointType != "GraphQL" {
			bad("awsAPIPlugin.%s: endpointType %q is neither REST nor GraphQL", name, *e.EndpointType)
		}
		if !slices.Contains(apiAuthorizationTypes, *e.AuthorizationType) {
			bad("awsAPIPlugin.%s: authorizationType %q is unknown", name, *e.AuthorizationType)
		}
		if u, err := url.Parse(*e.Endpoint); err != nil || u.Scheme != "https" || u.Host == "" {
			bad("awsAPIPlugin.%s: endpoint %q is not an https URL", name, *e.Endpoint)
		}
		if *e.Region == "" && *e.AuthorizationType == "AWS_IAM" {
			bad("awsAPIPlugin.%s: AWS_IAM needs a region (Swift)", name)
		}
		if e.APIKey != nil && *e.APIKey == "" {
			bad("awsAPIPlugin.%s: apiKey is empty", name)
		}
		if *e.AuthorizationType == "API_KEY" && e.APIKey == nil {
			bad("awsAPIPlugin.%s: API_KEY needs an apiKey (Swift)", name)
		}
		switch *e.EndpointType {
		case "REST":
			if seen.RestAPIs == nil {
				seen.RestAPIs = map[string]nativeSeenAPI{}
			}
			seen.RestAPIs[name] = nativeSeenAPI{Endpoint: *e.Endpoint, Region: *e.Region, AuthorizationType: *e.AuthorizationType}
		case "GraphQL":
			if seen.GraphQLAPIs == nil {
				seen.GraphQLAPIs = map[string]nativeSeenAPI{}
			}
			g := nativeSeenAPI{Endpoint: *e.Endpoint, Region: *e.Region, AuthorizationType: *e.AuthorizationType}
			if e.APIKey != nil {
				g.APIKey = *e.APIKey
			}
			seen.GraphQLAPIs[name] = g
		}
	}
}

// seePools: Android UserPoolConfiguration / IdentityPoolConfiguration,
// Swift ConfigurationHelper.parseUserPoolData (PoolId, AppClientId and
// Region must be strings, else no user pool at all) and
// parseIdentityPoolData, Flutter user_pool.g.dart / credentials_provider.g.dart
// (PoolId, AppClientId, Region required).
func seePools(p nativePluginJSON, seen *nativeSeen, bad func(string, ...any)) {
	if pool, ok := p.CognitoUserPool["Default"]; ok {
		if pool.PoolID == nil || pool.AppClientID == nil || pool.Region == nil {
			bad("CognitoUserPool.Default needs PoolId, AppClientId and Region")
		} else {
			seen.PoolID, seen.ClientID, seen.PoolRegion = *pool.PoolID, *pool.AppClientID, *pool.Region
		}
		if pool.AppClientSecret != nil {
			seen.ClientSecret = *pool.AppClientSecret
		}
	}
	if p.CredentialsProvider != nil {
		ip := p.CredentialsProvider.CognitoIdentity["Default"]
		if ip.PoolID == nil || ip.Region == nil {
			bad("CredentialsProvider.CognitoIdentity.Default needs PoolId and Region")
		} else {
			seen.IdentityPoolID, seen.IdentityRegion = *ip.PoolID, *ip.Region
		}
	}
}

// seeAuthDefault: Android AuthConfiguration.fromJson + OauthConfiguration
// .fromJson (all five OAuth values non-empty, else OAuth is null), Swift
// parseHostedConfiguration (same five, else no hosted UI), Flutter
// oauth.g.dart (same five required: configure throws) and auth.g.dart enums.
func seeAuthDefault(d nativeAuthDefaultJSON, seen *nativeSeen, bad func(string, ...any)) {
	seen.FlowType = d.AuthenticationFlowType
	if o := d.OAuth; o != nil {
		complete := o.Scopes != nil
		for name, v := range map[string]*string{"WebDomain": o.WebDomain, "AppClientId": o.AppClientID,
			"SignInRedirectURI": o.SignInRedirectURI, "SignOutRedirectURI": o.SignOutRedirectURI} {
			if v == nil || *v == "" {
				complete = false
				bad("Auth.Default.OAuth.%s missing: Android and Swift drop the hosted UI, Flutter fails", name)
			}
		}
		if o.Scopes == nil {
			bad("Auth.Default.OAuth.Scopes missing")
		}
		if complete {
			seen.OAuth = &nativeSeenOAuth{Domain: *o.WebDomain, ClientID: *o.AppClientID,
				SignIn: *o.SignInRedirectURI, SignOut: *o.SignOutRedirectURI, Scopes: o.Scopes}
			if o.AppClientSecret != nil {
				seen.OAuth.ClientSecret = *o.AppClientSecret
			}
		}
	}
	enum := func(key string, vals, allowed []string) {
		for _, v := range vals {
			if !slices.Contains(allowed, v) {
				bad("Auth.Default.%s has %q, not one of %v", key, v, allowed)
			}
		}
	}
	enum("socialProviders", d.SocialProviders, flutterSocial)
	enum("mfaTypes", d.MFATypes, flutterMFATypes)
	enum("usernameAttributes", d.UsernameAttributes, swiftUsername)
	enum("signupAttributes", d.SignupAttributes, swiftSignUp)
	enum("verificationMechanisms", d.VerificationMechanisms, []string{"EMAIL", "PHONE_NUMBER"})
	if d.MFAConfiguration != nil {
		enum("mfaConfiguration", []string{*d.MFAConfiguration}, flutterMFA)
	}
	if pp := d.PasswordProtectionSettings; pp != nil {
		enum("passwordProtectionSettings.passwordPolicyCharacters", pp.Characters, pwdCharacters)
		if pp.MinLength == nil || *pp.MinLength < 6 || *pp.MinLength > 99 {
			// Android PasswordProtectionSettings: @IntRange(from = 6, to = 99).
			bad("passwordPolicyMinLength must be 6..99")
		}
	}
}

// wantSeen is what the native libraries must read for the model: the NATIVE
// client, each pool's own region, the native client's own redirect URIs.
func wantSeen(c Config) nativeSeen {
	var w nativeSeen
	if s := c.Storage; s != nil {
		w.Bucket, w.BucketRegion = s.BucketName, s.Region
	}
	for _, api := range c.RestAPIs {
		if w.RestAPIs == nil {
			w.RestAPIs = map[string]nativeSeenAPI{}
		}
		w.RestAPIs[api.Name] = nativeSeenAPI{Endpoint: api.Endpoint, Region: api.Region, AuthorizationType: api.AuthorizationType}
	}
	// Every GraphQL API, with its default mode (the only one this format
	// has) and its key.
	for _, g := range c.GraphQLAPIs {
		if w.GraphQLAPIs == nil {
			w.GraphQLAPIs = map[string]nativeSeenAPI{}
		}
		w.GraphQLAPIs[g.Name] = nativeSeenAPI{Endpoint: g.Endpoint, Region: g.Region, AuthorizationType: g.DefaultAuthType, APIKey: g.APIKey}
	}
	a := c.Auth
	if a == nil {
		return w
	}
	w.PoolID, w.ClientID, w.PoolRegion, w.ClientSecret = a.UserPoolID, a.NativeAppClientID(), a.UserPoolRegion, a.NativeClientSecret
	w.IdentityPoolID, w.IdentityRegion = a.IdentityPoolID, a.IdentityPoolRegion
	w.FlowType = "USER_SRP_AUTH"
	if a.CustomAuth {
		w.FlowType = "CUSTOM_AUTH"
	}
	if n := a.NativeOAuth; n != nil && len(n.RedirectSignOut) > 0 {
		w.OAuth = &nativeSeenOAuth{Domain: n.Domain, ClientID: a.NativeAppClientID(), ClientSecret: a.NativeClientSecret,
			SignIn: strings.Join(n.RedirectSignIn, ","), SignOut: strings.Join(n.RedirectSignOut, ","), Scopes: n.Scopes}
	}
	return w
}

// dartRE is the Amplify CLI's Dart wrapper (amplify-frontend-flutter
// lib/dart-fs.js writeJsonToDart).
var dartRE = regexp.MustCompile(`(?s)\Aconst amplifyconfig = ''' (\{.*\})''';\z`)

// dartValue evaluates the body of a Dart ”' string literal: escapes are
// resolved, and an unescaped $ (string interpolation) is an error.
func dartValue(body string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\\' && i+1 < len(body):
			i++
			b.WriteByte(body[i])
		case c == '$':
			return "", fmt.Errorf("unescaped $ at %d would interpolate", i)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func TestNativeConfigsAsTheLibrariesReadThem(t *testing.T) {
	for _, fx := range allFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			c := fx.config(t)
			jsonFile, err := RenderNativeJSON(c, nil)
			if err != nil {
				t.Fatal(err)
			}
			dart, err := RenderDart(c, nil)
			if err != nil {
				t.Fatal(err)
			}
			m := dartRE.FindSubmatch(dart)
			if m == nil {
				t.Fatalf("amplifyconfiguration.dart is not `const amplifyconfig = ''' {...}''';`:\n%s", dart)
			}
			fromDart, err := dartValue(string(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			for name, data := range map[string][]byte{"amplifyconfiguration.json": jsonFile, "amplifyconfiguration.dart": []byte(fromDart)} {
				seen, problems := nativeView(data)
				if len(problems) > 0 {
					t.Errorf("%s: the native libraries would reject or drop parts:\n%s", name, strings.Join(problems, "\n"))
				}
				if d := cmp.Diff(wantSeen(c), seen); d != "" {
					t.Errorf("%s: what the native libraries read differs from the pool (-want +got):\n%s", name, d)
				}
			}
		})
	}
}

func TestDartEscapesWhatDartWouldMisread(t *testing.T) {
	fx := fullSetup(t)
	c := fx.config(t)
	c.Auth.NativeOAuth = &OAuthConfig{Domain: "d.example.com", Scopes: []string{"openid"},
		RedirectSignIn: []string{"myapp://cb?x=$y&q='''"}, RedirectSignOut: []string{`myapp://out\path`}, ResponseType: "code"}
	dart, err := RenderDart(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := dartRE.FindSubmatch(dart)
	if m == nil {
		t.Fatalf("not the CLI's wrapper:\n%s", dart)
	}
	value, err := dartValue(string(m[1]))
	if err != nil {
		t.Fatalf("%v:\n%s", err, dart)
	}
	seen, problems := nativeView([]byte(value))
	if len(problems) > 0 || seen.OAuth == nil || seen.OAuth.SignIn != "myapp://cb?x=$y&q='''" || seen.OAuth.SignOut != `myapp://out\path` {
		t.Errorf("redirect URIs did not survive Dart: %+v %v", seen.OAuth, problems)
	}
	back, err := readDartFile("amplifyconfiguration.dart", dart)
	if err != nil || back.LookupObject("auth").Len() == 0 {
		t.Errorf("readDartFile cannot read its own output back: %v", err)
	}
}

// The transcribed rules catch what would break the libraries: each case
// breaks one fixture's rendered file.
func TestNativeViewRejects(t *testing.T) {
	tests := []struct {
		name     string
		fx       func(testing.TB) fixture
		from, to string
	}{
		{"no sign-out redirect", fullSetup, `"SignOutRedirectURI": "myapp://",`, ``},
		{"no pool region", fullSetup, `"AppClientId": "7defnativeclient00000000000",
                        "Region": "us-east-1"`, `"AppClientId": "7defnativeclient00000000000"`},
		{"OIDC provider in socialProviders", fullSetup, `"GOOGLE"`, `"MyOIDC"`},
		{"lower-case mfa", fullSetup, `"mfaConfiguration": "OPTIONAL"`, `"mfaConfiguration": "optional"`},
		{"short password", fullSetup, `"passwordPolicyMinLength": 10`, `"passwordPolicyMinLength": 4`},
		{"lower-case endpointType", withRestAPIs, `"endpointType": "REST"`, `"endpointType": "rest"`},
		{"no endpoint", withRestAPIs, `"endpoint": "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev",`, ``},
		{"Gen 2 authorization name", withRestAPIs, `"authorizationType": "AMAZON_COGNITO_USER_POOLS"`, `"authorizationType": "userPool"`},
		{"IAM without region", withRestAPIs, `"region": "us-east-1",
                    "authorizationType": "AWS_IAM"`, `"region": "",
                    "authorizationType": "AWS_IAM"`},
		{"lower-case GraphQL endpointType", withGraphQL, `"endpointType": "GraphQL"`, `"endpointType": "graphql"`},
		{"API_KEY default without apiKey", withGraphQL, `"authorizationType": "AMAZON_COGNITO_USER_POOLS",
                    "apiKey": "da2-fakeapikey00000000000000"`, `"authorizationType": "API_KEY"`},
		{"numeric apiKey", withGraphQL, `"apiKey": "da2-fakeapikey00000000000000"`, `"apiKey": 12345`},
		{"empty apiKey", withGraphQL, `"apiKey": "da2-fakeapikey00000000000000"`, `"apiKey": ""`},
		{"GraphQL without region", withGraphQL, `"region": "us-east-1",
                    "authorizationType": "AMAZON_COGNITO_USER_POOLS",
                    "apiKey"`, `"authorizationType": "AMAZON_COGNITO_USER_POOLS",
                    "apiKey"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good, err := RenderNativeJSON(tt.fx(t).config(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, problems := nativeView(good); len(problems) > 0 {
				t.Fatalf("the unbroken file has problems: %v", problems)
			}
			bad := strings.Replace(string(good), tt.from, tt.to, 1)
			if bad == string(good) {
				t.Fatalf("%q not found", tt.from)
			}
			if _, problems := nativeView([]byte(bad)); len(problems) == 0 {
				t.Errorf("no problem found in:\n%s", bad)
			}
		})
	}
}

// awsconfiguration.json is exactly the awsCognitoAuthPlugin object of
// amplifyconfiguration.json, as in the Amplify CLI.
func TestAWSConfigurationIsThePluginObject(t *testing.T) {
	for _, fx := range allFixtures(t) {
		c := fx.config(t)
		top, err := RenderNativeJSON(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		legacy, err := RenderAWSConfiguration(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		var wrapper struct {
			Auth struct {
				Plugins map[string]json.RawMessage `json:"plugins"`
			} `json:"auth"`
		}
		if err := json.Unmarshal(top, &wrapper); err != nil {
			t.Fatal(err)
		}
		var a, b any
		_ = json.Unmarshal(wrapper.Auth.Plugins[cognitoPluginKey], &a)
		_ = json.Unmarshal(legacy, &b)
		if d := cmp.Diff(a, b); d != "" {
			t.Errorf("%s: awsconfiguration.json differs from the plugin object (-plugin +file):\n%s", fx.name, d)
		}
	}
}
