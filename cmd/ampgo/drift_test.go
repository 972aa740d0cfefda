package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

// statusDrift is the drift part of `ampgo status --output json`.
type statusDrift struct {
	Drift *struct {
		Resource string `json:"resource"`
		Checked  bool   `json:"checked"`
		Reason   string `json:"reason"`
		Against  string `json:"against"`
		Changes  []struct {
			Part     string          `json:"part"`
			Resource string          `json:"resource"`
			Field    string          `json:"field"`
			Recorded json.RawMessage `json:"recorded"`
			Live     json.RawMessage `json:"live"`
			Change   string          `json:"change"`
		} `json:"changes"`
	} `json:"drift"`
}

func statusJSON(t *testing.T, dir string, env []string) statusDrift {
	t.Helper()
	r := mustRun(t, dir, env, "status", "--output", "json")
	var st statusDrift
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("status --output json: %v\n%s", err, r.stdout)
	}
	if st.Drift == nil {
		t.Fatalf("status --output json has no drift:\n%s", r.stdout)
	}
	return st
}

// changeKeys renders changes as "part field recorded -> live (change)".
func changeKeys(st statusDrift) []string {
	var out []string
	compact := func(raw json.RawMessage) string {
		var b bytes.Buffer
		_ = json.Compact(&b, raw)
		return b.String()
	}
	for _, c := range st.Drift.Changes {
		out = append(out, c.Part+" "+c.Field+" "+compact(c.Recorded)+" -> "+compact(c.Live)+" ("+c.Change+")")
	}
	return out
}

// TestDriftRefreshUpdate walks the drift story against moto: push records
// a fingerprint; callback URLs and MFA changed in the console show up in
// status (text and JSON) and make push refuse; refresh takes them and
// regenerates aws-exports.js; swapped identity pool roles and a deleted
// native client show up too; refresh then refuses (exit 3) and update
// re-points to a new native client, keeping the function that depends on
// auth. status, refresh and update only read AWS.
func TestDriftRefreshUpdate(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	proxy := newReadProxy(t, nil)
	env := ampgoEnv(t, proxy.srv.URL)
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(s)...)
	if st := statusJSON(t, dir, env); st.Drift.Checked || !strings.Contains(st.Drift.Reason, "not pushed") {
		t.Errorf("drift before push: %+v", st.Drift)
	}
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "add", "function", "--name", "fn", "--auth-access", "read", "--yes")
	if st := statusJSON(t, dir, env); !st.Drift.Checked || len(st.Drift.Changes) != 0 {
		t.Fatalf("drift right after push: %+v", st.Drift)
	}

	refreshConsoleChanges(t, s, dir, env, proxy)
	swapRoles(t, s)
	checkSwappedRoles(t, s, statusJSON(t, dir, env))
	swapRoles(t, s)
	repointDeletedClient(t, s, dir, env, proxy)
}

// refreshConsoleChanges changes callback URLs and MFA in "the console":
// status shows both, push refuses, refresh takes them and rewrites
// aws-exports.js, and status is clean again; none of it writes to AWS.
func refreshConsoleChanges(t *testing.T, s *testenv.Setup, dir string, env []string, proxy *readProxy) {
	t.Helper()
	newURL := "https://new.example.com/"
	changeConsole(t, s, newURL)
	before := snapshot(t)
	proxy.take()
	st := statusJSON(t, dir, env)
	want := []string{
		`userPool MfaConfiguration "OPTIONAL" -> "OFF" (changed)`,
		`userPool MfaConfiguration.SMS true -> false (changed)`,
		`userPool MfaConfiguration.TOTP true -> false (changed)`,
		`userPool SmsConfiguration.SnsCallerArn "` + s.SMSRoleARN + `" -> "" (changed)`,
		`webClient CallbackURLs ["https://app.example.com/"] -> ["https://new.example.com/"] (changed)`,
	}
	if diff := cmp.Diff(want, changeKeys(st)); diff != "" {
		t.Errorf("drift after console changes (-want +got):\n%s", diff)
	}
	text := mustRun(t, dir, env, "status").stdout
	for _, sub := range []string{"CallbackURLs", "https://app.example.com/", newURL, "MfaConfiguration", "OPTIONAL"} {
		if !strings.Contains(text, sub) {
			t.Errorf("status text lacks %q:\n%s", sub, text)
		}
	}
	if r := runAmpgo(t, dir, env, "", "push", "--yes"); r.code != 3 || !strings.Contains(r.stderr, "ampgo auth refresh") {
		t.Errorf("push with stale settings: want exit 3 naming refresh, got %d:\n%s", r.code, r.stderr)
	}
	ops, _ := proxy.take()
	assertReadOnly(t, "status and a refused push", ops)

	r := mustRun(t, dir, env, "auth", "refresh")
	if !strings.Contains(r.stderr, "CallbackURLs") || !strings.Contains(r.stderr, "Wrote src/aws-exports.js") {
		t.Errorf("refresh output:\n%s", r.stderr)
	}
	if exports := readFile(t, dir, "src/aws-exports.js"); !strings.Contains(exports, newURL) {
		t.Errorf("aws-exports.js lacks the new callback URL:\n%s", exports)
	}
	if st := statusJSON(t, dir, env); len(st.Drift.Changes) != 0 {
		t.Errorf("drift after refresh: %v", changeKeys(st))
	}
	mustRun(t, dir, env, "import", "auth", "--refresh") // the alias, now a no-op
	ops, _ = proxy.take()
	assertReadOnly(t, "refresh", ops)
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("status or refresh changed AWS (-before +after):\n%s", diff)
	}
}

// repointDeletedClient deletes the native client: status says so, refresh
// refuses with exit 3 and the findings, update re-points to a new client.
func repointDeletedClient(t *testing.T, s *testenv.Setup, dir string, env []string, proxy *readProxy) {
	t.Helper()
	idp := cip.NewFromConfig(awsConfig(t, s.Region))
	ctx := context.Background()
	if _, err := idp.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: &s.UserPoolID, ClientId: &s.NativeClientID}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t)
	proxy.take()
	want := []string{`nativeClient  "` + s.NativeClientID + `" -> null (deleted)`}
	if diff := cmp.Diff(want, changeKeys(statusJSON(t, dir, env))); diff != "" {
		t.Errorf("drift after deleting the native client (-want +got):\n%s", diff)
	}
	if st := mustRun(t, dir, env, "status").stdout; !strings.Contains(st, "deleted") {
		t.Errorf("status text does not say deleted:\n%s", st)
	}
	tree := treeHash(t, dir)
	r := runAmpgo(t, dir, env, "", "auth", "refresh")
	if r.code != 3 || !strings.Contains(r.stderr, s.NativeClientID) || !strings.Contains(r.stderr, "ampgo auth update") {
		t.Fatalf("refresh with a deleted client: want exit 3 with the finding and the update hint, got %d:\n%s", r.code, r.stderr)
	}
	if treeHash(t, dir) != tree {
		t.Error("a refused refresh changed project files")
	}
	ops, _ := proxy.take()
	assertReadOnly(t, "status and a refused refresh", ops)
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("status or refresh changed AWS (-before +after):\n%s", diff)
	}

	newNative := createNativeClient(t, s)
	addToIdentityPool(t, s, newNative)
	before = snapshot(t)
	proxy.take()
	r = mustRun(t, dir, env, "auth", "update", "--native-client-id", newNative)
	if !strings.Contains(r.stderr, "function/fn") {
		t.Errorf("update does not mention the dependent it kept:\n%s", r.stderr)
	}
	a := loadAuth(t, dir)
	if a.Env.NativeClientID != newNative || a.Meta.Output.AppClientID != newNative || a.Env.WebClientID != s.WebClientID {
		t.Errorf("not re-pointed: env %+v, output %+v", a.Env, a.Meta.Output)
	}
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if deps := p.DependentsOf("auth", a.Name); !cmp.Equal(deps, []string{"function/fn"}) {
		t.Errorf("dependents after update: %v", deps)
	}
	if st := statusJSON(t, dir, env); len(st.Drift.Changes) != 0 {
		t.Errorf("drift after update: %v", changeKeys(st))
	}
	ops, _ = proxy.take()
	assertReadOnly(t, "update and status", ops)
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("update changed AWS (-before +after):\n%s", diff)
	}
}

// changeConsole does what a user does in the console: new callback URLs
// on the web client (read-modify-write: UpdateUserPoolClient replaces the
// whole client) and MFA off.
func changeConsole(t *testing.T, s *testenv.Setup, callback string) {
	t.Helper()
	ctx := context.Background()
	idp := cip.NewFromConfig(awsConfig(t, s.Region))
	out, err := idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &s.UserPoolID, ClientId: &s.WebClientID})
	if err != nil {
		t.Fatal(err)
	}
	c := out.UserPoolClient
	if _, err := idp.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId: c.UserPoolId, ClientId: c.ClientId, ClientName: c.ClientName,
		AllowedOAuthFlowsUserPoolClient: aws.ToBool(c.AllowedOAuthFlowsUserPoolClient), AllowedOAuthFlows: c.AllowedOAuthFlows,
		AllowedOAuthScopes: c.AllowedOAuthScopes, SupportedIdentityProviders: c.SupportedIdentityProviders,
		CallbackURLs: []string{callback}, LogoutURLs: c.LogoutURLs, ExplicitAuthFlows: c.ExplicitAuthFlows,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := idp.SetUserPoolMfaConfig(ctx, &cip.SetUserPoolMfaConfigInput{
		UserPoolId: &s.UserPoolID, MfaConfiguration: ciptypes.UserPoolMfaTypeOff,
	}); err != nil {
		t.Fatal(err)
	}
}

// swapRoles swaps the identity pool's authenticated and unauthenticated roles.
func swapRoles(t *testing.T, s *testenv.Setup) {
	t.Helper()
	cid := ci.NewFromConfig(awsConfig(t, s.Region))
	ctx := context.Background()
	out, err := cid.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &s.IdentityPoolID})
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{"authenticated": out.Roles["unauthenticated"], "unauthenticated": out.Roles["authenticated"]}
	if _, err := cid.SetIdentityPoolRoles(ctx, &ci.SetIdentityPoolRolesInput{IdentityPoolId: &s.IdentityPoolID, Roles: roles}); err != nil {
		t.Fatal(err)
	}
}

func checkSwappedRoles(t *testing.T, s *testenv.Setup, st statusDrift) {
	t.Helper()
	q := func(v string) string { b, _ := json.Marshal(v); return string(b) }
	want := []string{
		"identityPool Roles.authenticated " + q(s.AuthRoleARN) + " -> " + q(s.UnauthRoleARN) + " (changed)",
		"identityPool Roles.unauthenticated " + q(s.UnauthRoleARN) + " -> " + q(s.AuthRoleARN) + " (changed)",
		"authRole id " + q(s.AuthRoleARN) + " -> " + q(s.UnauthRoleARN) + " (replaced)",
		"unauthRole id " + q(s.UnauthRoleARN) + " -> " + q(s.AuthRoleARN) + " (replaced)",
	}
	if diff := cmp.Diff(want, changeKeys(st)); diff != "" {
		t.Errorf("drift after swapping roles (-want +got):\n%s", diff)
	}
}

// createNativeClient makes a client with a secret and the web client's
// OAuth settings, as a user recreating a deleted native client would.
func createNativeClient(t *testing.T, s *testenv.Setup) string {
	t.Helper()
	idp := cip.NewFromConfig(awsConfig(t, s.Region))
	out, err := idp.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{
		UserPoolId: &s.UserPoolID, ClientName: aws.String("acme-native-v2-" + s.Suffix), GenerateSecret: true,
		AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []ciptypes.OAuthFlowType{ciptypes.OAuthFlowTypeCode},
		AllowedOAuthScopes: testenv.OAuthScopes, SupportedIdentityProviders: []string{"COGNITO", testenv.GoogleProviderName},
		CallbackURLs: []string{testenv.NativeCallbackURL}, LogoutURLs: []string{testenv.NativeLogoutURL},
	})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.UserPoolClient.ClientId)
}

// addToIdentityPool lists a client as a provider of the setup's identity
// pool (read-modify-write: UpdateIdentityPool replaces the definition).
func addToIdentityPool(t *testing.T, s *testenv.Setup, clientID string) {
	t.Helper()
	cid := ci.NewFromConfig(awsConfig(t, s.Region))
	ctx := context.Background()
	ip, err := cid.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &s.IdentityPoolID})
	if err != nil {
		t.Fatal(err)
	}
	providers := append(ip.CognitoIdentityProviders, ip.CognitoIdentityProviders[0])
	providers[len(providers)-1].ClientId = aws.String(clientID)
	if _, err := cid.UpdateIdentityPool(ctx, &ci.UpdateIdentityPoolInput{
		IdentityPoolId: ip.IdentityPoolId, IdentityPoolName: ip.IdentityPoolName,
		AllowUnauthenticatedIdentities: ip.AllowUnauthenticatedIdentities, CognitoIdentityProviders: providers,
		SupportedLoginProviders: ip.SupportedLoginProviders,
	}); err != nil {
		t.Fatal(err)
	}
}

// TestStatusOffline: once auth is pushed, status reads AWS; without
// credentials it exits 4 and names --offline, which works without them.
func TestStatusOffline(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	mustRun(t, dir, env, "import", "auth", "--user-pool-only", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID)
	mustRun(t, dir, env, "push", "--yes")
	noCreds := append(env, "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=")
	r := runAmpgo(t, dir, noCreds, "", "status")
	if r.code != 4 || !strings.Contains(r.stderr, "--offline") {
		t.Errorf("status without credentials: want exit 4 naming --offline, got %d:\n%s", r.code, r.stderr)
	}
	r = mustRun(t, dir, noCreds, "status", "--offline", "--output", "json")
	if !strings.Contains(r.stdout, `"drift": null`) || !strings.Contains(r.stdout, "No Change") {
		t.Errorf("status --offline:\n%s", r.stdout)
	}
}
