package clientconfig

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ampgo/ampgo/internal/testenv"
)

// These tests load the rendered files with the real aws-amplify v6 library
// (tools/amplify-js-check) and compare what Amplify.configure made of them
// with the model. They need Node.js and the check's packages, which
// `make deps` installs; without them they fail and say so.

var jsCheckDir = filepath.Join("..", "..", filepath.FromSlash(testenv.JSCheckDir))

// requireJSCheck returns the node binary.
func requireJSCheck(t *testing.T) string {
	t.Helper()
	node, _ := testenv.AmplifyJSCheck(t)
	return node
}

// runCheck runs check.mjs with args and returns its stdout.
func runCheck(t *testing.T, node string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{"check.mjs"}, args...)...)
	cmd.Dir = jsCheckDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node check.mjs %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	what := strings.Join(args, " ")
	if len(args) > 2 {
		what = fmt.Sprintf("%s (%d files)", args[0], len(args)-1)
	}
	t.Logf("node check.mjs %s took %s", what, time.Since(start).Round(time.Millisecond))
	return out
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The parts of check.mjs's output that are compared with the model.
type checkResult struct {
	File            string                 `json:"file"`
	DetectedAs      string                 `json:"detectedAs"`
	Assertions      map[string]checkAssert `json:"assertions"`
	ResourcesConfig struct {
		Auth struct {
			Cognito jsCognito `json:"Cognito"`
		} `json:"Auth"`
		Storage *jsStorage `json:"Storage"`
		API     struct {
			REST    map[string]jsREST `json:"REST"`
			GraphQL *jsGraphQL        `json:"GraphQL"`
		} `json:"API"`
	} `json:"resourcesConfig"`
}

// jsREST is Amplify.getConfig().API.REST[name]. apiName is only there when
// the app passed amplify_outputs.json's custom.API as is (the Gen 2 docs).
type jsREST struct {
	Endpoint string `json:"endpoint"`
	Region   string `json:"region"`
	APIName  string `json:"apiName,omitempty"`
}

// jsGraphQL is Amplify.getConfig().API.GraphQL.
type jsGraphQL struct {
	Endpoint           string `json:"endpoint"`
	Region             string `json:"region"`
	DefaultAuthMode    string `json:"defaultAuthMode"`
	APIKey             string `json:"apiKey,omitempty"`
	ModelIntrospection any    `json:"modelIntrospection"`
}

// jsAuthModes maps AppSync authorization types to Amplify JS v6's
// GraphQLAuthMode names (reference/amplify-api-behaviour.md §2.2, the same
// map in parseAWSExports and parseAmplifyOutputs).
var jsAuthModes = map[string]string{
	"AMAZON_COGNITO_USER_POOLS": "userPool", "AWS_IAM": "iam", "API_KEY": "apiKey",
	"OPENID_CONNECT": "oidc", "AWS_LAMBDA": "lambda",
}

// wantGraphQL is what Amplify JS should hold for the model's first GraphQL
// API: the one aws-exports.js and amplify_outputs.json describe.
func wantGraphQL(t *testing.T, c Config) *jsGraphQL {
	t.Helper()
	if len(c.GraphQLAPIs) == 0 {
		return nil
	}
	g := c.GraphQLAPIs[0]
	w := &jsGraphQL{Endpoint: g.Endpoint, Region: g.Region, DefaultAuthMode: jsAuthModes[g.DefaultAuthType], APIKey: g.APIKey}
	if err := json.Unmarshal(g.ModelIntrospection, &w.ModelIntrospection); err != nil {
		t.Fatalf("model introspection of %s: %v", g.Name, err)
	}
	return w
}

type jsStorage struct {
	S3 struct {
		Bucket string `json:"bucket"`
		Region string `json:"region"`
	} `json:"S3"`
}

type checkAssert struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

type jsCognito struct {
	UserPoolID       string                     `json:"userPoolId"`
	UserPoolClientID string                     `json:"userPoolClientId"`
	IdentityPoolID   string                     `json:"identityPoolId"`
	AllowGuestAccess bool                       `json:"allowGuestAccess"`
	LoginWith        jsLoginWith                `json:"loginWith"`
	MFA              *jsMFA                     `json:"mfa"`
	PasswordFormat   *jsPasswordFormat          `json:"passwordFormat"`
	UserAttributes   map[string]map[string]bool `json:"userAttributes"`
}

type jsLoginWith struct {
	Username bool     `json:"username"`
	Email    bool     `json:"email"`
	Phone    bool     `json:"phone"`
	OAuth    *jsOAuth `json:"oauth"`
}

type jsOAuth struct {
	Domain          string   `json:"domain"`
	Scopes          []string `json:"scopes"`
	RedirectSignIn  []string `json:"redirectSignIn"`
	RedirectSignOut []string `json:"redirectSignOut"`
	ResponseType    string   `json:"responseType"`
	Providers       []string `json:"providers"`
}

type jsMFA struct {
	Status      string `json:"status"`
	TOTPEnabled bool   `json:"totpEnabled"`
	SMSEnabled  bool   `json:"smsEnabled"`
}

type jsPasswordFormat struct {
	MinLength                int  `json:"minLength"`
	RequireLowercase         bool `json:"requireLowercase"`
	RequireUppercase         bool `json:"requireUppercase"`
	RequireNumbers           bool `json:"requireNumbers"`
	RequireSpecialCharacters bool `json:"requireSpecialCharacters"`
}

// wantCognito is what Amplify JS should hold for the model after loading a
// file of the given kind ("aws-exports" for aws-exports.js and the javascript
// amplifyconfiguration.json, "outputs" for amplify_outputs.json), written
// from the library's documented parsing (ecosystem.md §2), not from the
// renderers.
func wantCognito(a *AuthConfig, kind string) jsCognito {
	w := jsCognito{
		UserPoolID:       a.UserPoolID,
		UserPoolClientID: a.WebClientID,
		IdentityPoolID:   a.IdentityPoolID,
		AllowGuestAccess: a.AllowGuestAccess == nil || *a.AllowGuestAccess,
	}
	if kind == "outputs" {
		// allowGuestAccess comes from unauthenticated_identities_enabled,
		// which only an identity pool has.
		w.AllowGuestAccess = w.AllowGuestAccess && a.IdentityPoolID != ""
	}
	if s := a.Settings; s != nil {
		w.LoginWith.Email = slices.Contains(s.UsernameAttributes, "EMAIL")
		w.LoginWith.Phone = slices.Contains(s.UsernameAttributes, "PHONE_NUMBER")
		w.MFA = &jsMFA{
			Status:      strings.ToLower(s.MFAConfiguration),
			TOTPEnabled: slices.Contains(s.MFATypes, "TOTP"),
			SMSEnabled:  slices.Contains(s.MFATypes, "SMS"),
		}
		w.PasswordFormat = &jsPasswordFormat{
			MinLength:                s.PasswordMinLength,
			RequireLowercase:         slices.Contains(s.PasswordCharacters, "REQUIRES_LOWERCASE"),
			RequireUppercase:         slices.Contains(s.PasswordCharacters, "REQUIRES_UPPERCASE"),
			RequireNumbers:           slices.Contains(s.PasswordCharacters, "REQUIRES_NUMBERS"),
			RequireSpecialCharacters: slices.Contains(s.PasswordCharacters, "REQUIRES_SYMBOLS"),
		}
		// aws-exports: the union of verification and sign-up attributes;
		// outputs: the required (sign-up) attributes only.
		required := s.SignupAttributes
		if kind != "outputs" {
			required = slices.Concat(s.VerificationMechanisms, s.SignupAttributes)
		}
		w.UserAttributes = map[string]map[string]bool{}
		for _, attr := range required {
			w.UserAttributes[strings.ToLower(attr)] = map[string]bool{"required": true}
		}
	}
	w.LoginWith.Username = !w.LoginWith.Email && !w.LoginWith.Phone
	if o := a.WebOAuth; o != nil && (kind != "outputs" || len(o.RedirectSignOut) > 0) {
		w.LoginWith.OAuth = &jsOAuth{
			Domain: o.Domain, Scopes: o.Scopes, ResponseType: o.ResponseType,
			RedirectSignIn: o.RedirectSignIn, RedirectSignOut: o.RedirectSignOut,
		}
		if a.Settings != nil {
			for _, p := range a.Settings.SocialProviders {
				w.LoginWith.OAuth.Providers = append(w.LoginWith.OAuth.Providers, p[:1]+strings.ToLower(p[1:]))
			}
		}
	}
	return w
}

func decodeCheck(t *testing.T, out []byte) checkResult {
	t.Helper()
	var r checkResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("decode check.mjs output: %v\n%s", err, out)
	}
	return r
}

// renderedForJS renders the three files Amplify JS can load for a fixture,
// keyed by the kind wantCognito takes.
func renderedForJS(t *testing.T, c Config) map[string][]byte {
	t.Helper()
	js, err := RenderAWSExports(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	jsonConfig, err := RenderAmplifyConfigurationJSON(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs, err := RenderOutputs(c)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"aws-exports.js": js, "amplifyconfiguration.json": jsonConfig, "amplify_outputs.json": outputs}
}

// Every scenario × every file Amplify JS loads, in one node process: what
// Amplify.configure made of the file is what the model (the pool) says.
func TestAmplifyJSConfigure(t *testing.T) {
	node := requireJSCheck(t)
	type loaded struct {
		fx   fixture
		kind string
	}
	byPath := map[string]loaded{}
	args := []string{"--batch"}
	for _, fx := range allFixtures(t) {
		dir := t.TempDir()
		for name, data := range renderedForJS(t, fx.config(t)) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			kind := "aws-exports"
			if name == "amplify_outputs.json" {
				kind = "outputs"
			}
			byPath[p] = loaded{fx, kind}
			args = append(args, p)
		}
	}
	out := runCheck(t, node, args...)
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	if len(lines) != len(byPath) {
		t.Fatalf("check.mjs printed %d results for %d files", len(lines), len(byPath))
	}
	for _, line := range lines {
		r := decodeCheck(t, line)
		l := byPath[r.File]
		checkLoaded(t, l.fx.name+"/"+filepath.Base(r.File), l.fx.config(t), l.kind, r)
	}
}

// checkLoaded compares one check.mjs result with the model.
func checkLoaded(t *testing.T, name string, c Config, kind string, r checkResult) {
	t.Helper()
	wantDetected := map[string]string{"aws-exports": "aws-exports", "outputs": "amplify_outputs"}[kind]
	if r.DetectedAs != wantDetected {
		t.Errorf("%s: detectedAs = %q, want %q", name, r.DetectedAs, wantDetected)
	}
	want := wantCognito(c.Auth, kind)
	if d := cmp.Diff(want, r.ResourcesConfig.Auth.Cognito, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("%s: Amplify.getConfig().Auth.Cognito differs from the model (-want +got):\n%s", name, d)
	}
	wantAsserts := map[string]checkAssert{
		"tokenProvider": {OK: true},
		"oauth":         {OK: want.LoginWith.OAuth != nil},
		"identityPool":  {OK: c.Auth.IdentityPoolID != ""},
	}
	if d := cmp.Diff(wantAsserts, r.Assertions, cmpopts.IgnoreFields(checkAssert{}, "Error")); d != "" {
		t.Errorf("%s: amplify-js assertions (-want +got):\n%s", name, d)
	}
	var wantStorage *jsStorage
	if s := c.Storage; s != nil {
		wantStorage = &jsStorage{}
		wantStorage.S3.Bucket, wantStorage.S3.Region = s.BucketName, s.Region
	}
	if d := cmp.Diff(wantStorage, r.ResourcesConfig.Storage); d != "" {
		t.Errorf("%s: Amplify.getConfig().Storage (-want +got):\n%s", name, d)
	}
	wantREST := map[string]jsREST{}
	for _, a := range c.RestAPIs {
		w := jsREST{Endpoint: a.Endpoint, Region: a.Region}
		if kind == "outputs" {
			w.APIName = a.Name
		}
		wantREST[a.Name] = w
	}
	if d := cmp.Diff(wantREST, r.ResourcesConfig.API.REST, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("%s: Amplify.getConfig().API.REST (-want +got):\n%s", name, d)
	}
	if d := cmp.Diff(wantGraphQL(t, c), r.ResourcesConfig.API.GraphQL); d != "" {
		t.Errorf("%s: Amplify.getConfig().API.GraphQL (-want +got):\n%s", name, d)
	}
}

type wireRequest struct {
	URL            string `json:"url"`
	Target         string `json:"target"`
	ClientID       string `json:"clientId,omitempty"`
	IdentityPoolID string `json:"identityPoolId,omitempty"`
}

// The ids reach the wire, at the endpoints of the regions in the ids, from
// aws-exports.js and amplify_outputs.json alike.
func TestAmplifyJSWire(t *testing.T) {
	node := requireJSCheck(t)
	for _, fx := range []fixture{fullSetup(t), userPoolOnly(t), crossRegion(t)} {
		for _, name := range []string{"aws-exports.js", "amplify_outputs.json"} {
			t.Run(fx.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				c := fx.config(t)
				var got struct {
					Requests []wireRequest `json:"requests"`
				}
				out := runCheck(t, node, "--wire", writeTemp(t, name, renderedForJS(t, c)[name]))
				if err := json.Unmarshal(out, &got); err != nil {
					t.Fatalf("decode: %v\n%s", err, out)
				}
				a := c.Auth
				want := []wireRequest{{
					URL:      "https://cognito-idp." + a.UserPoolRegion + ".amazonaws.com/",
					Target:   "AWSCognitoIdentityProviderService.InitiateAuth",
					ClientID: a.WebClientID,
				}}
				if a.IdentityPoolID != "" {
					want = append(want, wireRequest{
						URL:            "https://cognito-identity." + a.IdentityPoolRegion + ".amazonaws.com/",
						Target:         "AWSCognitoIdentityService.GetId",
						IdentityPoolID: a.IdentityPoolID,
					})
				}
				if d := cmp.Diff(want, got.Requests); d != "" {
					t.Errorf("requests (-want +got):\n%s", d)
				}
			})
		}
	}
}

// A file that keeps user keys is still a valid config for the library.
func TestAmplifyJSPreservedKeys(t *testing.T) {
	node := requireJSCheck(t)
	existing, err := os.ReadFile(filepath.Join("testdata", "existing-custom-keys.aws-exports.js"))
	if err != nil {
		t.Fatal(err)
	}
	c := fullSetup(t).config(t)
	js, err := RenderAWSExports(c, existing)
	if err != nil {
		t.Fatal(err)
	}
	r := decodeCheck(t, runCheck(t, node, writeTemp(t, "aws-exports.js", js)))
	// The preserved aws_mandatory_sign_in "enable" turns guest access off.
	want := wantCognito(c.Auth, "aws-exports")
	want.AllowGuestAccess = false
	if d := cmp.Diff(want, r.ResourcesConfig.Auth.Cognito, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("Auth.Cognito (-want +got):\n%s", d)
	}
}

type restRequest struct {
	URL           string `json:"url"`
	Method        string `json:"method"`
	Authorization string `json:"authorization"`
	AmzDate       bool   `json:"amzDate"`
	SecurityToken string `json:"securityToken"`
}

// An app calls each REST API of every file Amplify JS loads with
// get({apiName, path: "/items"}): as a guest without headers, the request
// goes to the endpoint and is SigV4-signed for execute-api in the API's
// region with the identity pool's (fake) credentials; with an
// Authorization header (the user pool token a userpool API needs) it is
// sent as given, unsigned (api-rest isIamAuthApplicableForRest).
func TestAmplifyJSRestCalls(t *testing.T) {
	node := requireJSCheck(t)
	c := withRestAPIs(t).config(t)
	files := renderedForJS(t, c)
	for _, name := range []string{"aws-exports.js", "amplifyconfiguration.json", "amplify_outputs.json"} {
		for _, api := range c.RestAPIs {
			t.Run(name+"/"+api.Name, func(t *testing.T) {
				t.Parallel()
				var got struct {
					Requests []restRequest `json:"requests"`
					IAM      string        `json:"iam"`
					Token    string        `json:"token"`
				}
				out := runCheck(t, node, "--rest", writeTemp(t, name, files[name]), api.Name)
				if err := json.Unmarshal(out, &got); err != nil {
					t.Fatalf("decode: %v\n%s", err, out)
				}
				if got.IAM != "ok" || got.Token != "ok" || len(got.Requests) != 2 {
					t.Fatalf("calls: iam %s, token %s, %d requests:\n%s", got.IAM, got.Token, len(got.Requests), out)
				}
				signed, token := got.Requests[0], got.Requests[1]
				wantScope := "/" + api.Region + "/execute-api/aws4_request"
				if signed.URL != api.Endpoint+"/items" || signed.Method != "GET" ||
					!strings.HasPrefix(signed.Authorization, "AWS4-HMAC-SHA256 Credential=ASIAFAKEGUEST/") ||
					!strings.Contains(signed.Authorization, wantScope) || !signed.AmzDate || signed.SecurityToken != "token" {
					t.Errorf("guest call is not signed for %s at %s/items: %+v", wantScope, api.Endpoint, signed)
				}
				want := restRequest{URL: api.Endpoint + "/items", Method: "GET", Authorization: "user.pool.token"}
				if d := cmp.Diff(want, token); d != "" {
					t.Errorf("call with an Authorization header (-want +got):\n%s", d)
				}
			})
		}
	}
}

type graphqlRequest struct {
	URL           string `json:"url"`
	APIKey        string `json:"apiKey"`
	Authorization string `json:"authorization"`
	Root          string `json:"root"`
}

// generateClient() (aws-amplify/data) builds client.models from the model
// introspection of every file Amplify JS loads, with no other input: each
// model has list/get/create/update/delete. list() with the default mode
// (userPool) asks for a signed-in user and sends nothing; with authMode
// 'apiKey' it sends listTodos to the endpoint with the key.
func TestAmplifyJSGraphQLClient(t *testing.T) {
	node := requireJSCheck(t)
	c := withGraphQL(t).config(t)
	g := c.GraphQLAPIs[0]
	var doc struct {
		Models map[string]struct {
			PluralName string `json:"pluralName"`
		} `json:"models"`
	}
	if err := json.Unmarshal(g.ModelIntrospection, &doc); err != nil || len(doc.Models) == 0 {
		t.Fatalf("model introspection: %v, %d models", err, len(doc.Models))
	}
	files := renderedForJS(t, c)
	for _, name := range []string{"aws-exports.js", "amplifyconfiguration.json", "amplify_outputs.json"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got struct {
				Models   map[string][]string `json:"models"`
				Calls    map[string]string   `json:"calls"`
				Requests []graphqlRequest    `json:"requests"`
			}
			out := runCheck(t, node, "--graphql", writeTemp(t, name, files[name]))
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("decode: %v\n%s", err, out)
			}
			if len(got.Models) != len(doc.Models) {
				t.Errorf("client.models = %v, want the %d models of the introspection", got.Models, len(doc.Models))
			}
			var first string
			for model := range doc.Models {
				for _, fn := range []string{"list", "get", "create", "update", "delete"} {
					if !slices.Contains(got.Models[model], fn) {
						t.Errorf("client.models.%s has no %s(): %v", model, fn, got.Models[model])
					}
				}
				first = model // the fixture has one model
			}
			wantCalls := map[string]string{"default": "NoSignedUser", "apiKey": "ok"}
			if d := cmp.Diff(wantCalls, got.Calls); d != "" {
				t.Errorf("list() outcomes (-want +got):\n%s", d)
			}
			want := []graphqlRequest{{URL: g.Endpoint, APIKey: g.APIKey, Root: "list" + doc.Models[first].PluralName}}
			if d := cmp.Diff(want, got.Requests); d != "" {
				t.Errorf("requests (-want +got):\n%s", d)
			}
		})
	}
}
