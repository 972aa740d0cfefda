package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv"
)

// amplifyCheck runs tools/amplify-js-check/check.mjs (the real aws-amplify
// v6 library) on a file. `make deps` installs its packages.
func amplifyCheck(t *testing.T, args ...string) []byte {
	t.Helper()
	node, dir := testenv.AmplifyJSCheck(t)
	out, err := exec.Command(node, append([]string{filepath.Join(dir, "check.mjs")}, args...)...).Output()
	if err != nil {
		t.Fatalf("node check.mjs %v: %v", args, err)
	}
	return out
}

// TestPushedConfigInAmplify loads the aws-exports.js and amplify_outputs.json
// that `ampgo push` wrote with the real aws-amplify library and checks that
// Amplify.configure reads the pool in moto as it really is, and that sign-in
// goes to that pool with the web client.
func TestPushedConfigInAmplify(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(s)...)
	mustRun(t, dir, env, "push", "--yes")
	for _, c := range []struct{ file, detectedAs string }{
		{"src/aws-exports.js", "aws-exports"},
		{"amplify_outputs.json", "amplify_outputs"},
	} {
		t.Run(c.file, func(t *testing.T) {
			file, _ := filepath.Abs(filepath.Join(dir, c.file))
			checkAmplifyConfig(t, s, file, c.detectedAs)
		})
	}
}

// amplifyConfig is what the aws-amplify check prints of Amplify.getConfig()
// for a config file (tools/amplify-js-check), as far as the tests read it.
type amplifyConfig struct {
	DetectedAs      string `json:"detectedAs"`
	ResourcesConfig struct {
		Auth struct {
			Cognito struct {
				UserPoolID       string `json:"userPoolId"`
				UserPoolClientID string `json:"userPoolClientId"`
				IdentityPoolID   string `json:"identityPoolId"`
				AllowGuestAccess bool   `json:"allowGuestAccess"`
				LoginWith        struct {
					Email bool `json:"email"`
					OAuth struct {
						Domain          string   `json:"domain"`
						Scopes          []string `json:"scopes"`
						RedirectSignIn  []string `json:"redirectSignIn"`
						RedirectSignOut []string `json:"redirectSignOut"`
						ResponseType    string   `json:"responseType"`
						Providers       []string `json:"providers"`
					} `json:"oauth"`
				} `json:"loginWith"`
				MFA struct {
					Status      string `json:"status"`
					SMSEnabled  bool   `json:"smsEnabled"`
					TOTPEnabled bool   `json:"totpEnabled"`
				} `json:"mfa"`
				PasswordFormat struct {
					MinLength int `json:"minLength"`
				} `json:"passwordFormat"`
			} `json:"Cognito"`
		} `json:"Auth"`
	} `json:"resourcesConfig"`
}

// readAmplifyConfig runs the aws-amplify check on file and decodes it.
func readAmplifyConfig(t *testing.T, file string) amplifyConfig {
	t.Helper()
	var got amplifyConfig
	if err := json.Unmarshal(amplifyCheck(t, file), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// checkAmplifyConfig compares what Amplify.configure made of file with setup s.
func checkAmplifyConfig(t *testing.T, s *testenv.Setup, file, detectedAs string) {
	t.Helper()
	got := readAmplifyConfig(t, file)
	c := got.ResourcesConfig.Auth.Cognito
	o := c.LoginWith.OAuth
	checks := []struct {
		name     string
		ok       bool
		got, say any
	}{
		{"read as", got.DetectedAs == detectedAs, got.DetectedAs, detectedAs},
		{"userPoolId", c.UserPoolID == s.UserPoolID, c.UserPoolID, s.UserPoolID},
		{"userPoolClientId is the web client", c.UserPoolClientID == s.WebClientID, c.UserPoolClientID, s.WebClientID},
		{"identityPoolId", c.IdentityPoolID == s.IdentityPoolID, c.IdentityPoolID, s.IdentityPoolID},
		{"guest access", c.AllowGuestAccess, c.AllowGuestAccess, true},
		{"login with email", c.LoginWith.Email, c.LoginWith.Email, true},
		{"oauth domain", o.Domain == s.Domain+".auth.us-east-1.amazoncognito.com", o.Domain, s.Domain},
		{"oauth scopes", strings.Join(o.Scopes, " ") == strings.Join(testenv.OAuthScopes, " "), o.Scopes, testenv.OAuthScopes},
		{"web client redirects", strings.Join(o.RedirectSignIn, ",") == "https://app.example.com/", o.RedirectSignIn, "https://app.example.com/"},
		{"response type", o.ResponseType == "code", o.ResponseType, "code"},
		{"providers", strings.Join(o.Providers, ",") == "Google", o.Providers, "Google"},
		{"mfa", c.MFA.Status == "optional" && c.MFA.SMSEnabled && c.MFA.TOTPEnabled, c.MFA, "optional sms totp"},
		{"password min length", c.PasswordFormat.MinLength == 10, c.PasswordFormat.MinLength, 10},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("%s: Amplify read %v, the pool has %v", ch.name, ch.got, ch.say)
		}
	}

	wire := string(amplifyCheck(t, "--wire", file))
	for _, want := range []string{"https://cognito-idp.us-east-1.amazonaws.com/", `"clientId":"` + s.WebClientID,
		"https://cognito-identity.us-east-1.amazonaws.com/", `"identityPoolId":"` + s.IdentityPoolID} {
		if !strings.Contains(wire, want) {
			t.Errorf("sign-in requests lack %s:\n%s", want, wire)
		}
	}
}
