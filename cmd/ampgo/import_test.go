package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

func importArgs(s *testenv.Setup) []string {
	return []string{"import", "auth", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID,
		"--native-client-id", s.NativeClientID, "--identity-pool-id", s.IdentityPoolID}
}

// TestImportPushRemove walks the whole headless flow and proves, with a
// snapshot of everything in moto, that nothing in AWS changed.
func TestImportPushRemove(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir := newProject(t, env)
	before := snapshot(t)
	calls.take()

	r := mustRun(t, dir, env, append(importArgs(s), "--debug")...)
	ops := calls.take()
	t.Logf("headless import with all ids: %d API calls %v", total(ops), ops)
	// The proxy counts HTTP attempts, --debug counts operations: they agree
	// unless the SDK retried (moto's rare closed-connection race, docs/testing.md).
	if n := strings.Count(r.stderr, "debug: aws "); n == 0 || n > total(ops) {
		t.Errorf("--debug printed %d calls, the proxy saw %d:\n%s", n, total(ops), r.stderr)
	}
	if !strings.Contains(r.stderr, "debug: aws Cognito Identity Provider DescribeUserPool us-east-1") {
		t.Errorf("--debug lines lack service, operation and region:\n%s", r.stderr)
	}
	for op := range ops {
		if strings.HasPrefix(op, "List") && op != "ListIdentityProviders" {
			t.Errorf("import with ids listed resources: %s", op)
		}
	}
	if st := mustRun(t, dir, env, "status").stdout; !strings.Contains(st, "Import") {
		t.Errorf("status after import: want Import, got:\n%s", st)
	}
	mustRun(t, dir, env, "push", "--yes")
	exports := readFile(t, dir, "src/aws-exports.js")
	for _, want := range []string{s.UserPoolID, s.WebClientID, s.IdentityPoolID, s.Domain + ".auth.us-east-1.amazoncognito.com"} {
		if !strings.Contains(exports, want) {
			t.Errorf("aws-exports.js lacks %q", want)
		}
	}
	if st := mustRun(t, dir, env, "status").stdout; !strings.Contains(st, "No Change") {
		t.Errorf("status after push: want No Change, got:\n%s", st)
	}
	assertNoSecret(t, dir, s.NativeClientSecret)

	mustRun(t, dir, env, "remove", "auth", "--yes")
	if st := mustRun(t, dir, env, "status").stdout; !strings.Contains(st, "Unlink") {
		t.Errorf("status after remove: want Unlink, got:\n%s", st)
	}
	mustRun(t, dir, env, "push", "--yes")
	if exports := readFile(t, dir, "src/aws-exports.js"); strings.Contains(exports, "aws_user_pools_id") {
		t.Errorf("aws-exports.js still has auth after unlink:\n%s", exports)
	}
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("AWS resources changed (-before +after):\n%s", diff)
	}
}

// TestRecordedState checks what import writes where, in Amplify's shapes.
func TestRecordedState(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(s)...)
	var tpi map[string]struct {
		Categories struct {
			Auth map[string]project.EnvAuth `json:"auth"`
		} `json:"categories"`
	}
	readJSON(t, dir, "amplify/team-provider-info.json", &tpi)
	got := tpi["dev"].Categories.Auth["acmeapp"]
	guest := true
	want := project.EnvAuth{
		UserPoolID: s.UserPoolID, UserPoolName: s.UserPoolName, WebClientID: s.WebClientID, NativeClientID: s.NativeClientID,
		IdentityPoolID: s.IdentityPoolID, IdentityPoolName: s.IdentityPoolName, AllowUnauthenticatedIdentities: &guest,
		AuthRoleARN: s.AuthRoleARN, AuthRoleName: s.AuthRoleName, UnauthRoleARN: s.UnauthRoleARN, UnauthRoleName: s.UnauthRoleName,
		GoogleClientID: "1234-abc.apps.googleusercontent.com",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("team-provider-info auth (-want +got):\n%s", diff)
	}
	var params project.AuthParameters
	readJSON(t, dir, "amplify/backend/auth/acmeapp/parameters.json", &params)
	if params.AuthSelections != project.IdentityPoolAndUserPool || params.MFAConfiguration != "OPTIONAL" ||
		!cmp.Equal(params.MFATypes, []string{"SMS Text Message", "TOTP"}) || params.PasswordPolicyMinLength != 10 {
		t.Errorf("parameters.json: %+v", params)
	}
	var backend map[string]map[string]project.BackendAuth
	readJSON(t, dir, "amplify/backend/backend-config.json", &backend)
	if b := backend["auth"]["acmeapp"]; b.ServiceType != "imported" || b.Service != "Cognito" {
		t.Errorf("backend-config auth: %+v", b)
	}
	assertNoSecret(t, dir, s.NativeClientSecret)
}

// TestBrokenVariants proves every broken setup is refused with exit 3 and a
// fix, before anything is written.
func TestBrokenVariants(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	for _, v := range testenv.Broken() {
		t.Run(v.Name, func(t *testing.T) {
			s := seed(t, v.Options)
			if s.WebClientID == "" {
				s.WebClientID = s.NativeClientID // the only client, which has a secret
			}
			dir := newProject(t, env)
			before := treeHash(t, dir)
			r := runAmpgo(t, dir, env, "", importArgs(s)...)
			if v.Options.NoLogoutURLs {
				// A warning, not a blocker: the import goes on.
				if r.code != 0 || !strings.Contains(r.stderr, "⚠") || !strings.Contains(r.stderr, "LogoutURLs") {
					t.Fatalf("want exit 0 with a LogoutURLs warning, got %d:\n%s", r.code, r.stderr)
				}
				return
			}
			if r.code != 3 {
				t.Fatalf("want exit 3, got %d\nstderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "fix:") || !strings.Contains(r.stderr, "✖") {
				t.Errorf("stderr lacks a finding with a fix:\n%s", r.stderr)
			}
			if after := treeHash(t, dir); after != before {
				t.Errorf("a refused import changed project files")
			}
		})
	}
}

// TestAllProblemsAtOnce combines defects and expects every one reported.
func TestAllProblemsAtOnce(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{NativeOAuthMismatch: true, IdentityPoolWebOnly: true, AuthTrustWrongAud: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	r := runAmpgo(t, dir, env, "", importArgs(s)...)
	if r.code != 3 {
		t.Fatalf("want exit 3, got %d:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"AllowedOAuthFlows", "CognitoIdentityProviders", "AssumeRolePolicyDocument", "aws iam update-assume-role-policy"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// TestDeletedPoolBeforePush: the pool disappears between import and push.
func TestDeletedPoolBeforePush(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, "import", "auth", "--user-pool-only", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID)
	idp := cip.NewFromConfig(awsConfig(t, "us-east-1"))
	if _, err := idp.DeleteUserPool(context.Background(), &cip.DeleteUserPoolInput{UserPoolId: aws.String(s.UserPoolID)}); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dir)
	r := runAmpgo(t, dir, env, "", "push", "--yes")
	if r.code != 3 || !strings.Contains(r.stderr, s.UserPoolID) || !strings.Contains(r.stderr, "no longer exists") {
		t.Fatalf("want exit 3 naming the deleted pool, got %d:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "ampgo remove auth") {
		t.Errorf("no re-point hint:\n%s", r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Errorf("a failed push changed project files")
	}
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readJSON(t *testing.T, dir, rel string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(readFile(t, dir, rel)), v); err != nil {
		t.Fatalf("parse %s: %v", rel, err)
	}
}

// assertNoSecret proves the native client's secret is in no file.
func assertNoSecret(t *testing.T, dir, secret string) {
	t.Helper()
	if secret == "" {
		t.Fatal("setup has no client secret to look for")
	}
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), secret) {
				t.Errorf("client secret written to %s", p)
			}
		}
		return nil
	})
}
