package category

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

var authEnv = Env{Project: "acme", Env: "dev", Region: "us-east-1", Account: "123456789012"}

// authDoc builds m's template as the caller will send it (with m's
// parameters declared) and returns it decoded, as CloudFormation sees it.
func authDoc(t *testing.T, m ManagedAuth) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(authBody(t, m, authEnv)), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// authBody is the template body of m alone, indented.
func authBody(t *testing.T, m ManagedAuth, e Env) string {
	t.Helper()
	if err := m.Validate(e); err != nil {
		t.Fatalf("validate: %v (%s)", err, exit.Hint(err))
	}
	tpl := cfn.New("managed auth test")
	if err := m.AddTo(tpl, e); err != nil {
		t.Fatal(err)
	}
	b, err := tpl.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// at walks a decoded template: at(doc, "Resources", "X", "Properties").
func at(t *testing.T, v any, path ...string) any {
	t.Helper()
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("at %s: not an object: %v", strings.Join(path, "."), v)
		}
		v = m[p]
	}
	return v
}

func props(t *testing.T, doc map[string]any, id string) map[string]any {
	t.Helper()
	p, ok := at(t, doc, "Resources", id, "Properties").(map[string]any)
	if !ok {
		t.Fatalf("no resource %s", id)
	}
	return p
}

func types(t *testing.T, doc map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for id, r := range at(t, doc, "Resources").(map[string]any) {
		out[id] = r.(map[string]any)["Type"].(string)
	}
	return out
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// baseResources are the resources of every managed auth named "main".
var baseResources = map[string]string{
	"AuthMainUserPool":            cfn.TypeUserPool,
	"AuthMainUserPoolClientWeb":   cfn.TypeUserPoolClient,
	"AuthMainUserPoolClient":      cfn.TypeUserPoolClient,
	"AuthMainIdentityPool":        cfn.TypeIdentityPool,
	"AuthMainAuthRole":            cfn.TypeRole,
	"AuthMainUnauthRole":          cfn.TypeRole,
	"AuthMainIdentityPoolRoleMap": cfn.TypeIdentityPoolRoleAttachment,
}

func withResources(extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range baseResources {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func TestManagedAuthTemplate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(m *ManagedAuth)
		want  map[string]string // logical id -> type, exactly
		check func(t *testing.T, doc map[string]any)
	}{
		{"defaults", func(*ManagedAuth) {}, baseResources, func(t *testing.T, doc map[string]any) {
			pool := props(t, doc, "AuthMainUserPool")
			want := `{"AccountRecoverySetting":{"RecoveryMechanisms":[{"Name":"verified_email","Priority":1}]},` +
				`"AutoVerifiedAttributes":["email"],"DeletionProtection":"ACTIVE","EnabledMfas":["SOFTWARE_TOKEN_MFA"],` +
				`"MfaConfiguration":"OPTIONAL","Policies":{"PasswordPolicy":{"MinimumLength":8,"RequireLowercase":true,` +
				`"RequireNumbers":true,"RequireSymbols":true,"RequireUppercase":true,"TemporaryPasswordValidityDays":7}},` +
				`"Schema":[{"AttributeDataType":"String","Mutable":true,"Name":"email","Required":true}],` +
				`"UserPoolName":"acme_main_userpool-dev","UserPoolTags":{"ampgo:env":"dev","ampgo:project":"acme"},` +
				`"UsernameAttributes":["email"],"UsernameConfiguration":{"CaseSensitive":false}}`
			if got := jsonOf(t, pool); got != want {
				t.Errorf("user pool:\n got %s\nwant %s", got, want)
			}
			r := at(t, doc, "Resources", "AuthMainUserPool").(map[string]any)
			if r["DeletionPolicy"] != "Retain" || r["UpdateReplacePolicy"] != "Retain" {
				t.Errorf("pool policies: %v %v, want Retain Retain", r["DeletionPolicy"], r["UpdateReplacePolicy"])
			}
			for _, id := range []string{"AuthMainUserPoolClientWeb", "AuthMainUserPoolClient"} {
				c := props(t, doc, id)
				if c["GenerateSecret"] != false || jsonOf(t, c["ExplicitAuthFlows"]) != `["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]` {
					t.Errorf("%s: secret %v, flows %v", id, c["GenerateSecret"], c["ExplicitAuthFlows"])
				}
				if _, oauth := c["AllowedOAuthFlowsUserPoolClient"]; oauth {
					t.Errorf("%s: OAuth without a domain", id)
				}
			}
			ip := props(t, doc, "AuthMainIdentityPool")
			if ip["AllowUnauthenticatedIdentities"] != false {
				t.Errorf("guests allowed by default")
			}
			wantIDP := `[{"ClientId":{"Ref":"AuthMainUserPoolClient"},"ProviderName":{"Fn::GetAtt":["AuthMainUserPool","ProviderName"]},"ServerSideTokenCheck":false},` +
				`{"ClientId":{"Ref":"AuthMainUserPoolClientWeb"},"ProviderName":{"Fn::GetAtt":["AuthMainUserPool","ProviderName"]},"ServerSideTokenCheck":false}]`
			if got := jsonOf(t, ip["CognitoIdentityProviders"]); got != wantIDP {
				t.Errorf("identity pool providers:\n got %s\nwant %s", got, wantIDP)
			}
			for id, amr := range map[string]string{"AuthMainAuthRole": "authenticated", "AuthMainUnauthRole": "unauthenticated"} {
				want := `{"AssumeRolePolicyDocument":{"Statement":[{"Action":"sts:AssumeRoleWithWebIdentity","Condition":{` +
					`"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"` + amr + `"},` +
					`"StringEquals":{"cognito-identity.amazonaws.com:aud":{"Ref":"AuthMainIdentityPool"}}},` +
					`"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"}}],"Version":"2012-10-17"}}`
				if got := jsonOf(t, props(t, doc, id)); got != want {
					t.Errorf("%s:\n got %s\nwant %s", id, got, want)
				}
			}
			wantRoles := `{"authenticated":{"Fn::GetAtt":["AuthMainAuthRole","Arn"]},"unauthenticated":{"Fn::GetAtt":["AuthMainUnauthRole","Arn"]}}`
			if got := jsonOf(t, props(t, doc, "AuthMainIdentityPoolRoleMap")["Roles"]); got != wantRoles {
				t.Errorf("role map %s, want %s", got, wantRoles)
			}
			var outs []string
			for k := range at(t, doc, "Outputs").(map[string]any) {
				outs = append(outs, k)
			}
			wantOuts := []string{"AuthMainAppClientID", "AuthMainAppClientIDWeb", "AuthMainAuthRoleArn", "AuthMainAuthRoleName",
				"AuthMainIdentityPoolId", "AuthMainUnauthRoleArn", "AuthMainUnauthRoleName", "AuthMainUserPoolArn", "AuthMainUserPoolId"}
			if diff := cmp.Diff(wantOuts, slices.Sorted(slices.Values(outs))); diff != "" {
				t.Errorf("outputs (-want +got):\n%s", diff)
			}
			if _, ok := doc["Parameters"]; ok {
				t.Errorf("parameters without social providers")
			}
		}},
		{"guest access", func(m *ManagedAuth) { m.GuestAccess = true }, baseResources, func(t *testing.T, doc map[string]any) {
			if props(t, doc, "AuthMainIdentityPool")["AllowUnauthenticatedIdentities"] != true {
				t.Errorf("guest access not allowed")
			}
		}},
		{"domain with callback URLs per platform", func(m *ManagedAuth) {
			m.DomainPrefix = "acme-login"
			m.WebCallbackURLs, m.WebSignoutURLs = []string{"https://app.example.com/"}, []string{"https://app.example.com/bye/"}
			m.NativeCallbackURLs, m.NativeSignoutURLs = []string{"myapp://callback/"}, []string{"myapp://signout/"}
		}, withResources(map[string]string{"AuthMainUserPoolDomain": cfn.TypeUserPoolDomain}), func(t *testing.T, doc map[string]any) {
			if d := props(t, doc, "AuthMainUserPoolDomain")["Domain"]; d != "acme-login-dev" {
				t.Errorf("domain %v, want acme-login-dev", d)
			}
			web, native := props(t, doc, "AuthMainUserPoolClientWeb"), props(t, doc, "AuthMainUserPoolClient")
			for _, f := range []string{"AllowedOAuthFlowsUserPoolClient", "AllowedOAuthFlows", "AllowedOAuthScopes", "SupportedIdentityProviders"} {
				if jsonOf(t, web[f]) != jsonOf(t, native[f]) || web[f] == nil {
					t.Errorf("%s differs or is missing: web %v native %v", f, web[f], native[f])
				}
			}
			if jsonOf(t, web["CallbackURLs"]) != `["https://app.example.com/"]` || jsonOf(t, native["CallbackURLs"]) != `["myapp://callback/"]` ||
				jsonOf(t, web["LogoutURLs"]) != `["https://app.example.com/bye/"]` || jsonOf(t, native["LogoutURLs"]) != `["myapp://signout/"]` {
				t.Errorf("URLs: web %v %v, native %v %v", web["CallbackURLs"], web["LogoutURLs"], native["CallbackURLs"], native["LogoutURLs"])
			}
			if _, ok := at(t, doc, "Outputs").(map[string]any)["AuthMainHostedUIDomain"]; !ok {
				t.Errorf("no domain output")
			}
		}},
		{"native URLs default to the web client's", func(m *ManagedAuth) {
			m.DomainPrefix = "acme-login"
			m.WebCallbackURLs, m.WebSignoutURLs = []string{"https://app.example.com/"}, []string{"https://app.example.com/"}
		}, withResources(map[string]string{"AuthMainUserPoolDomain": cfn.TypeUserPoolDomain}), func(t *testing.T, doc map[string]any) {
			if got := jsonOf(t, props(t, doc, "AuthMainUserPoolClient")["CallbackURLs"]); got != `["https://app.example.com/"]` {
				t.Errorf("native callback URLs %s", got)
			}
		}},
		{"social providers", func(m *ManagedAuth) {
			m.DomainPrefix = "acme-login"
			m.WebCallbackURLs, m.WebSignoutURLs = []string{"https://app.example.com/"}, []string{"https://app.example.com/"}
			m.Social = []string{"Google", "apple"}
		}, withResources(map[string]string{"AuthMainUserPoolDomain": cfn.TypeUserPoolDomain,
			"AuthMainGoogleProvider": cfn.TypeUserPoolIdentityProvider, "AuthMainSignInWithAppleProvider": cfn.TypeUserPoolIdentityProvider}),
			func(t *testing.T, doc map[string]any) {
				wantParams := map[string]any{}
				for _, p := range []string{"AuthMainGoogleClientId", "AuthMainGoogleClientSecret", "AuthMainSignInWithAppleClientId",
					"AuthMainSignInWithAppleTeamId", "AuthMainSignInWithAppleKeyId", "AuthMainSignInWithApplePrivateKey"} {
					wantParams[p] = true
				}
				params := at(t, doc, "Parameters").(map[string]any)
				if len(params) != len(wantParams) {
					t.Errorf("parameters %v", params)
				}
				for name := range wantParams {
					if at(t, params, name, "NoEcho") != true || at(t, params, name, "Type") != "String" {
						t.Errorf("parameter %s: %v, want a NoEcho String", name, params[name])
					}
				}
				g := props(t, doc, "AuthMainGoogleProvider")
				want := `{"authorize_scopes":"openid email profile","client_id":{"Ref":"AuthMainGoogleClientId"},"client_secret":{"Ref":"AuthMainGoogleClientSecret"}}`
				if got := jsonOf(t, g["ProviderDetails"]); got != want {
					t.Errorf("google details %s, want %s", got, want)
				}
				for _, id := range []string{"AuthMainUserPoolClientWeb", "AuthMainUserPoolClient"} {
					want := `["COGNITO",{"Ref":"AuthMainSignInWithAppleProvider"},{"Ref":"AuthMainGoogleProvider"}]`
					if got := jsonOf(t, props(t, doc, id)["SupportedIdentityProviders"]); got != want {
						t.Errorf("%s providers %s", id, got)
					}
				}
			}},
		{"user pool deletion allowed", func(m *ManagedAuth) { m.RetainUserPool = false }, baseResources, func(t *testing.T, doc map[string]any) {
			r := at(t, doc, "Resources", "AuthMainUserPool").(map[string]any)
			if _, ok := r["DeletionPolicy"]; ok {
				t.Errorf("DeletionPolicy %v", r["DeletionPolicy"])
			}
			if _, ok := r["UpdateReplacePolicy"]; ok {
				t.Errorf("UpdateReplacePolicy %v", r["UpdateReplacePolicy"])
			}
			if _, ok := props(t, doc, "AuthMainUserPool")["DeletionProtection"]; ok {
				t.Errorf("deletion protection on a pool that may be deleted")
			}
		}},
		{"SMS MFA required", func(m *ManagedAuth) { m.MFA, m.MFATypes = "ON", []string{"SMS", "TOTP"} },
			withResources(map[string]string{"AuthMainSMSRole": cfn.TypeRole, "AuthMainSMSPolicy": cfn.TypePolicy}),
			func(t *testing.T, doc map[string]any) {
				pool := props(t, doc, "AuthMainUserPool")
				ext := at(t, pool, "SmsConfiguration", "ExternalId")
				if jsonOf(t, pool["EnabledMfas"]) != `["SMS_MFA","SOFTWARE_TOKEN_MFA"]` || pool["MfaConfiguration"] != "ON" || ext == "" {
					t.Errorf("pool MFA %v %v, SMS %v", pool["MfaConfiguration"], pool["EnabledMfas"], pool["SmsConfiguration"])
				}
				trust := jsonOf(t, props(t, doc, "AuthMainSMSRole"))
				if !strings.Contains(trust, `"sts:ExternalId":["`+ext.(string)+`"]`) || !strings.Contains(trust, "cognito-idp.amazonaws.com") {
					t.Errorf("SMS role trust %s does not require external id %v", trust, ext)
				}
				if got := jsonOf(t, at(t, doc, "Resources", "AuthMainUserPool", "DependsOn")); got != `["AuthMainSMSPolicy"]` {
					t.Errorf("pool depends on %s", got)
				}
			}},
		{"phone sign-in", func(m *ManagedAuth) { m.SignIn = []string{"phone", "email"} },
			withResources(map[string]string{"AuthMainSMSRole": cfn.TypeRole, "AuthMainSMSPolicy": cfn.TypePolicy}),
			func(t *testing.T, doc map[string]any) {
				pool := props(t, doc, "AuthMainUserPool")
				if jsonOf(t, pool["UsernameAttributes"]) != `["email","phone_number"]` || jsonOf(t, pool["AutoVerifiedAttributes"]) != `["email","phone_number"]` {
					t.Errorf("username %v, verified %v", pool["UsernameAttributes"], pool["AutoVerifiedAttributes"])
				}
			}},
		{"username sign-in", func(m *ManagedAuth) { m.SignIn = []string{"username"} }, baseResources, func(t *testing.T, doc map[string]any) {
			pool := props(t, doc, "AuthMainUserPool")
			if _, ok := pool["UsernameAttributes"]; ok {
				t.Errorf("UsernameAttributes %v for username sign-in", pool["UsernameAttributes"])
			}
			if _, ok := pool["AliasAttributes"]; ok {
				t.Errorf("AliasAttributes %v", pool["AliasAttributes"])
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := DefaultManagedAuth("main")
			c.edit(&m)
			doc := authDoc(t, m)
			if diff := cmp.Diff(c.want, types(t, doc)); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			c.check(t, doc)
		})
	}
}

func TestManagedAuthValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(m *ManagedAuth)
		want string // in the error; "" for none
	}{
		{"defaults", func(*ManagedAuth) {}, ""},
		{"username with email", func(m *ManagedAuth) { m.SignIn = []string{"username", "email"} }, "username alone"},
		{"no sign-in", func(m *ManagedAuth) { m.SignIn = nil }, "username alone"},
		{"unknown sign-in", func(m *ManagedAuth) { m.SignIn = []string{"email", "nickname"} }, `unknown sign-in "nickname"`},
		{"MFA without method", func(m *ManagedAuth) { m.MFATypes = nil }, "needs at least one method"},
		{"MFA types in lower case", func(m *ManagedAuth) { m.MFATypes = []string{"totp", "sms"} }, ""},
		{"MFA OFF without method", func(m *ManagedAuth) { m.MFA, m.MFATypes = "OFF", nil }, ""},
		{"unknown MFA", func(m *ManagedAuth) { m.MFA = "REQUIRED" }, `unknown MFA setting "REQUIRED"`},
		{"short password", func(m *ManagedAuth) { m.PasswordMinLength = 5 }, "6 to 99"},
		{"social without domain", func(m *ManagedAuth) { m.Social = []string{"google"} }, "hosted-UI domain"},
		{"unknown social", func(m *ManagedAuth) {
			m.DomainPrefix, m.WebCallbackURLs, m.WebSignoutURLs = "acme", []string{"https://a/"}, []string{"https://a/"}
			m.Social = []string{"github"}
		}, `unknown social provider "github"`},
		{"domain with aws", func(m *ManagedAuth) {
			m.DomainPrefix, m.WebCallbackURLs, m.WebSignoutURLs = "my-aws-login", []string{"https://a/"}, []string{"https://a/"}
		}, "invalid domain prefix"},
		{"domain without URLs", func(m *ManagedAuth) { m.DomainPrefix = "acme-login" }, "callback URL"},
		{"bad name", func(m *ManagedAuth) { m.Name = "my-auth" }, "invalid auth name"},
		{"every problem at once", func(m *ManagedAuth) { m.Name, m.PasswordMinLength = "my-auth", 100 }, "6 to 99"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := DefaultManagedAuth("main")
			c.edit(&m)
			err := m.Validate(authEnv)
			tpl := cfn.New("")
			if addErr := m.AddTo(tpl, authEnv); (addErr == nil) != (err == nil) || (err != nil && len(tpl.Resources) > 0) {
				t.Errorf("AddTo: %v with %d resources, Validate: %v", addErr, len(tpl.Resources), err)
			}
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one containing %q", err, c.want)
			case c.want != "" && exit.Code(err) != exit.Usage:
				t.Errorf("exit code %d, want %d", exit.Code(err), exit.Usage)
			}
		})
	}
}

func TestReplacesUserPool(t *testing.T) {
	base := DefaultManagedAuth("main")
	cases := []struct {
		name    string
		edit    func(m *ManagedAuth)
		replace bool
		reason  string
	}{
		{"nothing", func(*ManagedAuth) {}, false, ""},
		{"password and MFA", func(m *ManagedAuth) { m.PasswordMinLength, m.MFA = 12, "OFF" }, false, ""},
		{"guests, domain, social, retain", func(m *ManagedAuth) {
			m.GuestAccess, m.DomainPrefix, m.Social, m.RetainUserPool = true, "acme", []string{"google"}, false
		}, false, ""},
		{"same sign-in reordered", func(m *ManagedAuth) { m.SignIn = []string{"email", "email"} }, false, ""},
		{"email to phone", func(m *ManagedAuth) { m.SignIn = []string{"phone"} }, true, "AWS refuses the update"},
		{"email to email and phone", func(m *ManagedAuth) { m.SignIn = []string{"phone", "email"} }, true, "email -> email,phone"},
		{"email to username", func(m *ManagedAuth) { m.SignIn = []string{"username"} }, true, "every user is lost"},
		{"rename", func(m *ManagedAuth) { m.Name = "users" }, true, "logical id"},
		{"first letter's case", func(m *ManagedAuth) { m.Name = "Main" }, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := base
			n.SignIn = append([]string(nil), base.SignIn...)
			c.edit(&n)
			got, why := ReplacesUserPool(base, n)
			if got != c.replace || !strings.Contains(why, c.reason) || (!got && why != "") {
				t.Errorf("ReplacesUserPool = %v %q, want %v containing %q", got, why, c.replace, c.reason)
			}
		})
	}
}

// fullManagedAuth uses every feature: guests, a domain, both platforms'
// URLs, all four social providers, SMS and TOTP MFA.
func fullManagedAuth() ManagedAuth {
	m := DefaultManagedAuth("main")
	m.GuestAccess = true
	m.DomainPrefix = "acme-login"
	m.WebCallbackURLs, m.WebSignoutURLs = []string{"https://app.example.com/"}, []string{"https://app.example.com/signout/"}
	m.NativeCallbackURLs, m.NativeSignoutURLs = []string{"myapp://callback/"}, []string{"myapp://signout/"}
	m.Social = []string{"google", "facebook", "amazon", "apple"}
	m.MFATypes = []string{"TOTP", "SMS"}
	return m
}

// TestManagedAuthGolden pins the bytes of two whole templates, for review
// and for diffs when the generator changes: `go test -run Golden -update`.
func TestManagedAuthGolden(t *testing.T) {
	for name, m := range map[string]ManagedAuth{"defaults": DefaultManagedAuth("main"), "full": fullManagedAuth()} {
		t.Run(name, func(t *testing.T) {
			tpl := cfn.New("managed auth golden")
			if err := m.AddTo(tpl, authEnv); err != nil {
				t.Fatal(err)
			}
			got, err := tpl.JSON()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "managedauth-"+name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestManagedAuthTemplatesPassCfnLint keeps the generated templates ones
// AWS would take: what moto accepts is no proof.
func TestManagedAuthTemplatesPassCfnLint(t *testing.T) {
	phone := DefaultManagedAuth("main")
	phone.SignIn, phone.RetainUserPool = []string{"phone"}, false
	username := DefaultManagedAuth("main")
	username.SignIn, username.MFA, username.MFATypes = []string{"username"}, "OFF", nil
	dir := t.TempDir()
	var files []string
	for name, m := range map[string]ManagedAuth{"defaults": DefaultManagedAuth("main"), "full": fullManagedAuth(), "phone": phone, "username": username} {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, []byte(authBody(t, m, authEnv)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	testenv.CfnLint(t, files...)
}

// TestManagedAuthDeploysAndPassesImportRules deploys generated templates
// into moto through CloudFormation (launcher patch 11 creates the Cognito
// resources), reads what they made as `import auth` and doctor read an
// existing setup, and runs every import rule on it: what ampgo creates must
// be importable as it is.
func TestManagedAuthDeploysAndPassesImportRules(t *testing.T) {
	moto := testenv.Start(t)
	cfg := moto.AWSConfig(authEnv.Region)
	phone := DefaultManagedAuth("main")
	phone.SignIn, phone.MFA, phone.MFATypes, phone.RetainUserPool = []string{"phone"}, "ON", []string{"SMS"}, false
	cases := []struct {
		name      string
		m         ManagedAuth
		domain    string
		providers int
		mfa       cognito.MFA
	}{
		{"defaults", DefaultManagedAuth("main"), "", 0, cognito.MFA{Configuration: "OPTIONAL", TOTP: true}},
		{"full", fullManagedAuth(), "acme-login-dev", 4, cognito.MFA{Configuration: "OPTIONAL", SMS: true, TOTP: true}},
		{"phone with SMS MFA", phone, "", 0, cognito.MFA{Configuration: "ON", SMS: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			m := c.m
			var params []cfntypes.Parameter
			for _, p := range m.SocialParameters() {
				params = append(params, cfntypes.Parameter{ParameterKey: aws.String(p.Name), ParameterValue: aws.String("test-" + p.Detail)})
			}
			stack := "amplify-acme-" + strings.ReplaceAll(c.name, " ", "-")
			out := testenv.DeployStack(ctx, t, cloudformation.NewFromConfig(cfg), stack, authBody(t, m, authEnv), params, false)
			keys := []string{ManagedUserPoolIDOutput(m.Name), ManagedUserPoolARNOutput(m.Name), ManagedWebClientIDOutput(m.Name),
				ManagedNativeClientIDOutput(m.Name), ManagedIdentityPoolIDOutput(m.Name), ManagedAuthRoleNameOutput(m.Name),
				ManagedAuthRoleARNOutput(m.Name), ManagedUnauthRoleNameOutput(m.Name), ManagedUnauthRoleARNOutput(m.Name)}
			if c.domain != "" {
				keys = append(keys, ManagedDomainOutput(m.Name))
			}
			for _, k := range keys {
				if out[k] == "" {
					t.Errorf("output %s is empty", k)
				}
			}
			sel := cognito.Selection{UserPoolID: out[ManagedUserPoolIDOutput(m.Name)], WebClientID: out[ManagedWebClientIDOutput(m.Name)],
				NativeClientID: out[ManagedNativeClientIDOutput(m.Name)], IdentityPoolID: out[ManagedIdentityPoolIDOutput(m.Name)]}
			snap, err := cognito.NewReader(cfg).ReadSnapshot(ctx, sel)
			if err != nil {
				t.Fatal(err)
			}
			// The rules judge only what the snapshot holds: make sure it
			// holds everything (both clients, the providers, both roles
			// with their trust policies).
			if len(snap.Clients) != 2 || len(snap.IdentityProviders) != c.providers || snap.Pool.Domain != c.domain ||
				snap.AuthRole == nil || !snap.AuthRole.Found || snap.UnauthRole == nil || !snap.UnauthRole.Found {
				t.Fatalf("incomplete snapshot: %d clients, %d providers, domain %q, roles %+v %+v",
					len(snap.Clients), len(snap.IdentityProviders), snap.Pool.Domain, snap.AuthRole, snap.UnauthRole)
			}
			if snap.IdentityPool.AuthRoleARN != out[ManagedAuthRoleARNOutput(m.Name)] || snap.IdentityPool.UnauthRoleARN != out[ManagedUnauthRoleARNOutput(m.Name)] {
				t.Errorf("identity pool roles %s %s, want the stack's", snap.IdentityPool.AuthRoleARN, snap.IdentityPool.UnauthRoleARN)
			}
			if snap.IdentityPool.AllowUnauthenticated != m.GuestAccess {
				t.Errorf("identity pool guests %v, want %v", snap.IdentityPool.AllowUnauthenticated, m.GuestAccess)
			}
			got := snap.Pool.MFA
			got.SNSCallerARN = ""
			if got != c.mfa {
				t.Errorf("pool MFA %+v, want %+v", snap.Pool.MFA, c.mfa)
			}
			var fs importauth.Findings
			fs = append(fs, importauth.Check(snap)...)
			fs = append(fs, importauth.CheckPool(snap)...)
			rules := []importauth.Rule{importauth.AliasAttributesUnset, importauth.PoolDomainForProviders}
			if m.GuestAccess {
				rules = append(rules, importauth.GuestAccess([]string{"storage files"}))
			}
			for _, r := range rules {
				fs = append(fs, r(snap)...)
			}
			if len(fs) > 0 {
				var b bytes.Buffer
				importauth.WriteFindings(&b, fs)
				t.Errorf("the import rules find %d problems with what ampgo created:\n%s", len(fs), b.String())
			}
		})
	}
}
