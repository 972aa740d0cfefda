package testenv

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"
)

const region = "us-east-1"

// shared is the package's moto, started once in TestMain.
var shared *Moto

func TestMain(m *testing.M) {
	var err error
	shared, err = StartMain()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	shared.Stop()
	os.Exit(code)
}

func TestStartResetStop(t *testing.T) {
	ctx := context.Background()
	m, err := StartMain()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Stop()
	pid, dir := m.PID(), filepath.Dir(m.LogPath())
	if err := signalZero(pid); err != nil {
		t.Fatalf("moto pid %d not running: %v", pid, err)
	}

	idp := cip.NewFromConfig(m.AWSConfig(region))
	if _, err := idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p")}); err != nil {
		t.Fatal(err)
	}
	if err := m.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := idp.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(10)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.UserPools) != 0 {
		t.Errorf("after Reset: %d user pools, want 0", len(out.UserPools))
	}

	m.Stop()
	m.Stop() // idempotent
	if err := signalZero(pid); err == nil {
		t.Errorf("moto pid %d still running after Stop", pid)
	}
	if _, err := http.Get(m.URL() + "/moto-api/"); err == nil {
		t.Errorf("moto still answers at %s after Stop", m.URL())
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temp dir %s left behind: %v", dir, err)
	}
}

func signalZero(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Signal(syscall.Signal(0))
}

func TestStartMainWithoutMoto(t *testing.T) {
	// A python3 that cannot see site-packages behaves like one without moto.
	dir := t.TempDir()
	fake := filepath.Join(dir, "python3")
	script := "#!/bin/sh\nexec python3 -I -S \"$@\"\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, py := range []string{fake, filepath.Join(dir, "missing-python3")} {
		t.Run(filepath.Base(py), func(t *testing.T) {
			t.Setenv("AMPGO_PYTHON", py)
			m, err := StartMain()
			if err == nil {
				m.Stop()
				t.Fatal("StartMain succeeded without moto")
			}
			if !errors.Is(err, ErrMotoMissing) || !strings.Contains(err.Error(), InstallHint) {
				t.Errorf("error = %v, want ErrMotoMissing with %q", err, InstallHint)
			}
		})
	}
}

func TestEnv(t *testing.T) {
	env := map[string]string{}
	for _, kv := range shared.Env() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	want := map[string]string{
		"AWS_ENDPOINT_URL":          shared.URL(),
		"AWS_ACCESS_KEY_ID":         "testing",
		"AWS_SECRET_ACCESS_KEY":     "testing",
		"AWS_REGION":                region,
		"AWS_EC2_METADATA_DISABLED": "true",
		"AWS_PROFILE":               "",
	}
	for k, v := range want {
		if got, ok := env[k]; !ok || got != v {
			t.Errorf("Env()[%s] = %q, %v; want %q", k, got, ok, v)
		}
	}
	for _, k := range []string{"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"} {
		fi, err := os.Stat(env[k])
		if err != nil || fi.Size() != 0 {
			t.Errorf("%s = %q: want an existing empty file (%v)", k, env[k], err)
		}
	}
}

func TestIdentityPoolRolesPatch(t *testing.T) {
	ctx := context.Background()
	cid := ci.NewFromConfig(shared.AWSConfig(region))
	pool, err := cid.CreateIdentityPool(ctx, &ci.CreateIdentityPoolInput{
		IdentityPoolName: aws.String("roles_patch"), AllowUnauthenticatedIdentities: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	id := pool.IdentityPoolId
	get := func() *ci.GetIdentityPoolRolesOutput {
		t.Helper()
		out, err := cid.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: id})
		if err != nil {
			t.Fatalf("GetIdentityPoolRoles: %v", err)
		}
		return out
	}
	if got := get(); aws.ToString(got.IdentityPoolId) != *id || len(got.Roles) != 0 {
		t.Errorf("before Set: %+v, want the id and no roles", got)
	}

	roles := map[string]string{
		"authenticated":   "arn:aws:iam::123456789012:role/a",
		"unauthenticated": "arn:aws:iam::123456789012:role/u",
	}
	mappings := map[string]citypes.RoleMapping{
		"cognito-idp.us-east-1.amazonaws.com/us-east-1_x:client": {
			Type: citypes.RoleMappingTypeToken, AmbiguousRoleResolution: citypes.AmbiguousRoleResolutionTypeDeny,
		},
	}
	if _, err := cid.SetIdentityPoolRoles(ctx, &ci.SetIdentityPoolRolesInput{
		IdentityPoolId: id, Roles: roles, RoleMappings: mappings,
	}); err != nil {
		t.Fatalf("SetIdentityPoolRoles: %v", err)
	}
	got := get()
	if diff := cmp.Diff(roles, got.Roles); diff != "" {
		t.Errorf("Roles (-want +got):\n%s", diff)
	}
	if m := got.RoleMappings["cognito-idp.us-east-1.amazonaws.com/us-east-1_x:client"]; m.Type != citypes.RoleMappingTypeToken {
		t.Errorf("RoleMappings = %+v, want the Token mapping", got.RoleMappings)
	}

	// Like AWS, a second Set replaces both maps.
	only := map[string]string{"authenticated": roles["authenticated"]}
	if _, err := cid.SetIdentityPoolRoles(ctx, &ci.SetIdentityPoolRolesInput{IdentityPoolId: id, Roles: only}); err != nil {
		t.Fatal(err)
	}
	if got := get(); !cmp.Equal(only, got.Roles) || len(got.RoleMappings) != 0 {
		t.Errorf("after second Set: roles %v, mappings %v; want %v and none", got.Roles, got.RoleMappings, only)
	}

	var nf *citypes.ResourceNotFoundException
	_, err = cid.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: aws.String("us-east-1:00000000-0000-0000-0000-000000000000")})
	if !errors.As(err, &nf) {
		t.Errorf("Get on unknown pool: %v, want ResourceNotFoundException", err)
	}
	_, err = cid.SetIdentityPoolRoles(ctx, &ci.SetIdentityPoolRolesInput{IdentityPoolId: aws.String("us-east-1:00000000-0000-0000-0000-000000000000"), Roles: only})
	if !errors.As(err, &nf) {
		t.Errorf("Set on unknown pool: %v, want ResourceNotFoundException", err)
	}
}

func TestSeedAndSnapshot(t *testing.T) {
	ctx := context.Background()
	cfg := shared.AWSConfig(region)
	s, err := Seed(ctx, cfg, SetupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v := inspect(t, cfg, s)
	if v.clients[s.WebClientID].ClientSecret != nil || v.clients[s.NativeClientID].ClientSecret == nil {
		t.Errorf("want web client without and native client with a secret")
	}
	want := []string{s.ProviderName() + "|" + s.NativeClientID, s.ProviderName() + "|" + s.WebClientID}
	slices.Sort(want)
	if !cmp.Equal(want, v.identityClients()) {
		t.Errorf("identity pool providers = %v, want %v", v.identityClients(), want)
	}
	if got, want := v.trust["authenticated"], TrustPolicy(s.IdentityPoolID, "authenticated"); !cmp.Equal(mustDecode(t, want), got) {
		t.Errorf("auth trust = %v, want %s", got, want)
	}
	if got, want := v.trust["unauthenticated"], TrustPolicy(s.IdentityPoolID, "unauthenticated"); !cmp.Equal(mustDecode(t, want), got) {
		t.Errorf("unauth trust = %v, want %s", got, want)
	}

	before, err := Snapshot(ctx, cfg, region)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Snapshot(ctx, cfg, region)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, again); diff != "" {
		t.Fatalf("two snapshots differ (-first +second):\n%s", diff)
	}
	pool := before.UserPools[s.UserPoolID]
	if len(pool.Clients) != 2 || len(pool.Domains) != 1 || len(pool.IdentityProviders) != 1 {
		t.Errorf("snapshot of %s: %d clients, %d domains, %d IdPs; want 2, 1, 1",
			s.UserPoolID, len(pool.Clients), len(pool.Domains), len(pool.IdentityProviders))
	}
	for _, got := range []any{pool.MFA, pool.Pool} {
		if mfa := got.(map[string]any)["MfaConfiguration"]; mfa != "OPTIONAL" {
			t.Errorf("MfaConfiguration = %v, want OPTIONAL in Describe and Get", mfa)
		}
	}

	// A change ampgo must never make shows up in the diff.
	if _, err := iam.NewFromConfig(cfg).PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName: aws.String(s.AuthRoleName), PolicyName: aws.String("extra"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`),
	}); err != nil {
		t.Fatal(err)
	}
	after, err := Snapshot(ctx, cfg, region)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); !strings.Contains(diff, "s3:GetObject") {
		t.Errorf("snapshot diff does not show the new inline policy:\n%s", diff)
	}
}

func TestVariants(t *testing.T) {
	ctx := context.Background()
	cfg := shared.AWSConfig(region)
	checks := map[string]func(s *Setup, v *view) error{
		"healthy": func(s *Setup, v *view) error {
			return want(len(v.clients) == 2 && len(v.roles) == 2, "two clients and two roles")
		},
		"user-pool-only": func(s *Setup, v *view) error {
			return want(s.IdentityPoolID == "" && s.AuthRoleARN == "" && len(v.clients) == 2, "no identity pool, two clients")
		},
		"no-web-client": func(s *Setup, v *view) error {
			return want(len(v.clients) == 1 && v.clients[s.NativeClientID].ClientSecret != nil, "one client, with a secret")
		},
		"native-oauth-mismatch": func(s *Setup, v *view) error {
			w, n := v.clients[s.WebClientID], v.clients[s.NativeClientID]
			return want(!slices.Equal(w.AllowedOAuthScopes, n.AllowedOAuthScopes) &&
				!slices.Equal(w.SupportedIdentityProviders, n.SupportedIdentityProviders) &&
				!slices.Equal(w.AllowedOAuthFlows, n.AllowedOAuthFlows), "scopes, providers and flows differ")
		},
		"no-logout-urls": func(s *Setup, v *view) error {
			w, n := v.clients[s.WebClientID], v.clients[s.NativeClientID]
			return want(w.AllowedOAuthFlowsUserPoolClient != nil && *w.AllowedOAuthFlowsUserPoolClient &&
				len(w.LogoutURLs) == 0 && len(n.LogoutURLs) == 0, "OAuth on, no logout URLs")
		},
		"identity-pool-web-only": func(s *Setup, v *view) error {
			return want(cmp.Equal(v.identityClients(), []string{s.ProviderName() + "|" + s.WebClientID}), "only the web client listed")
		},
		"identity-pool-foreign-user-pool": func(s *Setup, v *view) error {
			return want(cmp.Equal(v.identityClients(), []string{providerName(region, s.OtherUserPoolID) + "|" + s.OtherClientID}) &&
				s.OtherUserPoolID != s.UserPoolID, "only the other pool listed")
		},
		"no-unauth-role": func(s *Setup, v *view) error {
			_, ok := v.roles["unauthenticated"]
			return want(!ok && v.roles["authenticated"] == s.AuthRoleARN, "auth role only")
		},
		"auth-trust-wrong-aud": func(s *Setup, v *view) error {
			aud := v.condition("authenticated", "StringEquals", "cognito-identity.amazonaws.com:aud")
			return want(aud == s.OtherIdentityPoolID && aud != s.IdentityPoolID, "aud is the other pool")
		},
		"auth-trust-assume-role": func(s *Setup, v *view) error {
			return want(v.statement("authenticated")["Action"] == "sts:AssumeRole", "Action sts:AssumeRole")
		},
		"auth-trust-no-amr": func(s *Setup, v *view) error {
			return want(v.condition("authenticated", "ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr") == nil &&
				v.condition("unauthenticated", "ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr") == "unauthenticated",
				"no amr on the auth role only")
		},
	}
	for _, variant := range Variants() {
		t.Run(variant.Name, func(t *testing.T) {
			check, ok := checks[variant.Name]
			if !ok {
				t.Fatalf("no check for variant %q", variant.Name)
			}
			s, err := Seed(ctx, cfg, variant.Options)
			if err != nil {
				t.Fatal(err)
			}
			if err := check(s, inspect(t, cfg, s)); err != nil {
				t.Errorf("%s: %v", variant.Defect, err)
			}
		})
	}
	if got, want := len(Broken()), len(Variants())-2; got != want {
		t.Errorf("Broken() has %d variants, want %d", got, want)
	}
}

func want(ok bool, what string) error {
	if ok {
		return nil
	}
	return errors.New("want " + what)
}
