package clientconfig

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/project"
)

func TestFromMetaFullSetup(t *testing.T) {
	fx := fullSetup(t)
	got, err := FromMeta(fx.projectRegion, &fx.meta)
	if err != nil {
		t.Fatal(err)
	}
	web := &OAuthConfig{
		Domain:          "acme-login.auth.us-east-1.amazoncognito.com",
		Scopes:          allScopes,
		RedirectSignIn:  webCallbacks,
		RedirectSignOut: webCallbacks,
		ResponseType:    "code",
	}
	want := &AuthConfig{
		UserPoolID:         "us-east-1_AbC123xYz",
		UserPoolRegion:     "us-east-1",
		WebClientID:        "4abcwebclient0000000000000",
		NativeClientID:     "7defnativeclient00000000000",
		IdentityPoolID:     "us-east-1:11111111-2222-3333-4444-555555555555",
		IdentityPoolRegion: "us-east-1",
		Settings: &PoolSettings{
			UsernameAttributes:     []string{"EMAIL"},
			SocialProviders:        []string{"GOOGLE"},
			SignupAttributes:       []string{"EMAIL", "NAME"},
			MFAConfiguration:       "OPTIONAL",
			MFATypes:               []string{"SMS", "TOTP"},
			PasswordMinLength:      10,
			PasswordCharacters:     allPwdChars,
			VerificationMechanisms: []string{"EMAIL"},
		},
		WebOAuth: web,
		NativeOAuth: &OAuthConfig{
			Domain: web.Domain, Scopes: allScopes, ResponseType: "code",
			RedirectSignIn: []string{"myapp://"}, RedirectSignOut: []string{"myapp://"},
		},
		GoogleWebClientID: "1234-abc.apps.googleusercontent.com",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("FromMeta (-want +got):\n%s", d)
	}
	if got.FederationTarget() != "COGNITO_USER_AND_IDENTITY_POOLS" {
		t.Errorf("FederationTarget = %q", got.FederationTarget())
	}
}

func TestFromMetaRegions(t *testing.T) {
	const uuid = "11111111-2222-3333-4444-555555555555"
	tests := []struct {
		name                 string
		project, pool, ipool string
		recorded             string
		wantPool, wantIPool  string
	}{
		{"same region", "us-east-1", "us-east-1_abc", "us-east-1:" + uuid, "", "us-east-1", "us-east-1"},
		{"pool elsewhere", "us-east-1", "eu-west-1_abc", "eu-west-1:" + uuid, "", "eu-west-1", "eu-west-1"},
		{"gov cloud", "us-east-1", "us-gov-west-1_abc", "", "", "us-gov-west-1", ""},
		{"eusc", "us-east-1", "eusc-de-east-1_abc", "eusc-de-east-1:" + uuid, "", "eusc-de-east-1", "eusc-de-east-1"},
		{"no prefix falls back to recorded region", "us-east-1", "abc", "", "ap-south-1", "ap-south-1", ""},
		{"no prefix falls back to project", "us-east-1", "abc", "uuid-only", "", "us-east-1", "us-east-1"},
		{"garbage prefix ignored", "us-east-1", "Not A Region_abc", "", "", "us-east-1", ""},
		// issue 17: a region only from a well-formed id (ids), where the
		// prefix before the first separator used to count.
		{"pool id with a dash after _", "us-east-1", "eu-west-1_ab-c", "", "", "us-east-1", ""},
		{"identity pool id that is no uuid", "us-east-1", "eu-west-1_abc", "eu-west-1:x_y", "", "eu-west-1", "us-east-1"},
		{"pool ids swapped", "us-east-1", "eu-west-1:" + uuid, "eu-west-1_abc", "", "us-east-1", "us-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := baseMeta(project.AuthOutput{
				UserPoolID: tt.pool, IdentityPoolID: tt.ipool, AppClientIDWeb: "web", Region: tt.recorded,
			}, nil)
			a, err := FromMeta(tt.project, &m)
			if err != nil {
				t.Fatal(err)
			}
			if a.UserPoolRegion != tt.wantPool || a.IdentityPoolRegion != tt.wantIPool {
				t.Errorf("regions = %q, %q; want %q, %q", a.UserPoolRegion, a.IdentityPoolRegion, tt.wantPool, tt.wantIPool)
			}
		})
	}
}

func TestFromMetaOAuth(t *testing.T) {
	scopes, cb := []string{"openid"}, []string{"https://a/"}
	tests := []struct {
		name     string
		domain   string
		metadata string
		want     *OAuthConfig
	}{
		{"prefix domain uses pool region", "login", oauthJSON(t, []string{"code"}, scopes, cb, cb),
			&OAuthConfig{Domain: "login.auth.eu-central-1.amazoncognito.com", Scopes: scopes, RedirectSignIn: cb, RedirectSignOut: cb, ResponseType: "code"}},
		{"custom domain kept", "auth.example.com", oauthJSON(t, []string{"code"}, scopes, cb, cb),
			&OAuthConfig{Domain: "auth.example.com", Scopes: scopes, RedirectSignIn: cb, RedirectSignOut: cb, ResponseType: "code"}},
		{"code preferred over implicit", "login", oauthJSON(t, []string{"implicit", "code"}, scopes, cb, nil),
			&OAuthConfig{Domain: "login.auth.eu-central-1.amazoncognito.com", Scopes: scopes, RedirectSignIn: cb, ResponseType: "code"}},
		{"implicit is token", "login", oauthJSON(t, []string{"implicit"}, scopes, cb, nil),
			&OAuthConfig{Domain: "login.auth.eu-central-1.amazoncognito.com", Scopes: scopes, RedirectSignIn: cb, ResponseType: "token"}},
		{"client_credentials only", "login", oauthJSON(t, []string{"client_credentials"}, scopes, cb, cb), nil},
		{"no callback URLs", "login", oauthJSON(t, []string{"code"}, scopes, nil, cb), nil},
		{"no scopes", "login", oauthJSON(t, []string{"code"}, nil, cb, cb), nil},
		{"no domain", "", oauthJSON(t, []string{"code"}, scopes, cb, cb), nil},
		{"no metadata", "login", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := baseMeta(project.AuthOutput{
				UserPoolID: "eu-central-1_abc", AppClientIDWeb: "web", HostedUIDomain: tt.domain, OAuthMetadata: tt.metadata,
			}, nil)
			a, err := FromMeta("us-east-1", &m)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, a.WebOAuth); d != "" {
				t.Errorf("WebOAuth (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.want, a.NativeOAuth); d != "" {
				t.Errorf("NativeOAuth without NativeOAuthMetadata should equal WebOAuth (-want +got):\n%s", d)
			}
		})
	}
}

func TestFromMetaSettingsNormalised(t *testing.T) {
	m := baseMeta(project.AuthOutput{UserPoolID: "us-east-1_abc", AppClientIDWeb: "web"}, &project.FrontendAuthConfig{
		SocialProviders:    []string{"Google", "LoginWithAmazon", "SignInWithApple", "FACEBOOK", "MyOIDC", "SAMLCorp"},
		UsernameAttributes: []string{"email, phone_number"},
		SignupAttributes:   []string{"email"},
		PasswordProtectionSettings: project.PasswordProtectionSettings{
			PasswordPolicyMinLength: 12, PasswordPolicyCharacters: []string{"Requires Lowercase", "Requires Symbols"},
		},
		MFATypes:               []string{"SMS Text Message", "TOTP"},
		VerificationMechanisms: []string{"email"},
	})
	a, err := FromMeta("us-east-1", &m)
	if err != nil {
		t.Fatal(err)
	}
	want := &PoolSettings{
		UsernameAttributes:     []string{"EMAIL", "PHONE_NUMBER"},
		SocialProviders:        []string{"GOOGLE", "AMAZON", "APPLE", "FACEBOOK"},
		SignupAttributes:       []string{"EMAIL"},
		MFAConfiguration:       "OFF",
		MFATypes:               []string{"SMS", "TOTP"},
		PasswordMinLength:      12,
		PasswordCharacters:     []string{"REQUIRES_LOWERCASE", "REQUIRES_SYMBOLS"},
		VerificationMechanisms: []string{"EMAIL"},
	}
	if d := cmp.Diff(want, a.Settings); d != "" {
		t.Errorf("Settings (-want +got):\n%s", d)
	}
}

func TestFromMetaErrors(t *testing.T) {
	bad := baseMeta(project.AuthOutput{UserPoolID: "us-east-1_abc", OAuthMetadata: "{not json"}, nil)
	badNative := baseMeta(project.AuthOutput{UserPoolID: "us-east-1_abc", NativeOAuthMetadata: "[]"}, nil)
	noPool := baseMeta(project.AuthOutput{}, nil)
	tests := []struct {
		name string
		m    *project.MetaAuth
		want string
	}{
		{"nil", nil, "no auth resource"},
		{"no user pool", &noPool, "no UserPoolId"},
		{"bad OAuthMetadata", &bad, "decode OAuthMetadata of user pool us-east-1_abc"},
		{"bad NativeOAuthMetadata", &badNative, "decode NativeOAuthMetadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromMeta("us-east-1", tt.m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestFederationTarget(t *testing.T) {
	oauth := &OAuthConfig{}
	tests := []struct {
		name string
		a    AuthConfig
		want string
	}{
		{"none", AuthConfig{}, ""},
		{"hosted UI", AuthConfig{WebOAuth: oauth}, "COGNITO_USER_POOLS"},
		{"apple on identity pool", AuthConfig{AppleWebClientID: "x"}, "COGNITO_IDENTITY_POOLS"},
		{"both", AuthConfig{WebOAuth: oauth, FacebookWebClientID: "x"}, "COGNITO_USER_AND_IDENTITY_POOLS"},
	}
	for _, tt := range tests {
		if got := tt.a.FederationTarget(); got != tt.want {
			t.Errorf("%s: FederationTarget = %q, want %q", tt.name, got, tt.want)
		}
	}
}
