package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
)

// tfClient is one aws_cognito_user_pool_client of a generated state.
type tfClient struct{ name, id, secret string }

// writeTFState writes a Terraform state (format version 4) shaped like
// Terraform's own: the pool and its clients in module.auth, the identity
// pool and its roles attachment in the root module, an IAM role, and each
// client's client_secret in clear text, as Terraform stores it.
func writeTFState(t *testing.T, path string, s *testenv.Setup, clients ...tfClient) {
	t.Helper()
	provider := `provider["registry.terraform.io/hashicorp/aws"]`
	res := func(module, typ, name string, attrs map[string]any, sensitive ...string) map[string]any {
		var paths []any
		for _, a := range sensitive {
			paths = append(paths, []any{map[string]any{"type": "get_attr", "value": a}})
		}
		if paths == nil {
			paths = []any{}
		}
		r := map[string]any{"mode": "managed", "type": typ, "name": name, "provider": provider,
			"instances": []any{map[string]any{"schema_version": 0, "attributes": attrs, "sensitive_attributes": paths}}}
		if module != "" {
			r["module"] = module
		}
		return r
	}
	providerName := "cognito-idp." + s.Region + ".amazonaws.com/" + s.UserPoolID
	var idps []any
	resources := []any{
		res("", "aws_iam_role", "auth", map[string]any{"id": s.AuthRoleName, "arn": s.AuthRoleARN, "name": s.AuthRoleName}),
		res("module.auth", "aws_cognito_user_pool", "this", map[string]any{"id": s.UserPoolID, "arn": s.UserPoolARN, "name": s.UserPoolName,
			"endpoint": providerName, "domain": s.Domain, "mfa_configuration": "OPTIONAL", "username_attributes": []string{"email"}}),
	}
	for _, c := range clients {
		resources = append(resources, res("module.auth", "aws_cognito_user_pool_client", c.name, map[string]any{
			"id": c.id, "name": c.name, "user_pool_id": s.UserPoolID, "client_secret": c.secret, "generate_secret": c.secret != "",
			"allowed_oauth_flows": []string{"code"}, "callback_urls": []string{"https://app.example.com/"}}, "client_secret"))
		idps = append(idps, map[string]any{"client_id": c.id, "provider_name": providerName, "server_side_token_check": false})
	}
	resources = append(resources,
		res("", "aws_cognito_identity_pool", "main", map[string]any{"id": s.IdentityPoolID, "identity_pool_name": s.IdentityPoolName,
			"allow_unauthenticated_identities": true, "cognito_identity_providers": idps}),
		res("", "aws_cognito_identity_pool_roles_attachment", "main", map[string]any{"id": s.IdentityPoolID, "identity_pool_id": s.IdentityPoolID,
			"roles": map[string]string{"authenticated": s.AuthRoleARN, "unauthenticated": s.UnauthRoleARN}}))
	state := map[string]any{"version": 4, "terraform_version": "1.9.5", "serial": 3, "lineage": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
		"outputs": map[string]any{}, "resources": resources, "check_results": nil}
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// setupClients are the seeded web (no secret) and native (secret) clients.
func setupClients(s *testenv.Setup) []tfClient {
	return []tfClient{{"web", s.WebClientID, ""}, {"native", s.NativeClientID, s.NativeClientSecret}}
}

// recordedSource reads team-provider-info.json <env>.categories.auth.*.source.
func recordedSource(t *testing.T, dir, env string) map[string]string {
	t.Helper()
	var tpi map[string]struct {
		Categories struct {
			Auth map[string]struct {
				Source map[string]string `json:"source"`
			} `json:"auth"`
		} `json:"categories"`
	}
	readJSON(t, dir, project.TeamProviderInfoFile, &tpi)
	for _, a := range tpi[env].Categories.Auth {
		return a.Source
	}
	return nil
}

// noSecretIn fails when secret is in any output of r.
func noSecretIn(t *testing.T, what string, r result, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		if strings.Contains(r.stdout, secret) || strings.Contains(r.stderr, secret) {
			t.Errorf("%s printed a client secret", what)
		}
	}
}

// TestImportFromTerraformState imports from a state file outside the
// project with --debug, proves no secret reaches any output or project
// file, then follows a native client the platform team replaced: status
// reports it, refresh re-points to it.
func TestImportFromTerraformState(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir := newProject(t, env)
	state := filepath.Join(t.TempDir(), "terraform.tfstate")
	writeTFState(t, state, s, setupClients(s)...)
	before := snapshot(t)
	calls.take()

	r := mustRun(t, dir, env, "import", "auth", "--from-terraform-state", state, "--debug")
	ops := calls.take()
	t.Logf("import --from-terraform-state: %d API calls %v", total(ops), ops)
	assertReadOnly(t, "import from a state", ops)
	if ops["DescribeStackResources"]+ops["ListUserPoolClients"] != 0 {
		t.Errorf("a state file needs no stack or client listing: %v", ops)
	}
	noSecretIn(t, "import --debug", r, s.NativeClientSecret)
	if !strings.Contains(r.stderr, "From terraform state "+state) {
		t.Errorf("import does not say where the ids came from:\n%s", r.stderr)
	}
	a := loadAuth(t, dir)
	want := project.EnvAuth{UserPoolID: s.UserPoolID, WebClientID: s.WebClientID, NativeClientID: s.NativeClientID, IdentityPoolID: s.IdentityPoolID}
	if got := (project.EnvAuth{UserPoolID: a.Env.UserPoolID, WebClientID: a.Env.WebClientID, NativeClientID: a.Env.NativeClientID,
		IdentityPoolID: a.Env.IdentityPoolID}); got != want {
		t.Errorf("imported %+v, want %+v", got, want)
	}
	if src := recordedSource(t, dir, "dev"); !cmp.Equal(src, map[string]string{"kind": "terraform", "file": state}) {
		t.Errorf("recorded source: %v", src)
	}
	mustRun(t, dir, env, "push", "--yes")
	assertNoSecret(t, dir, s.NativeClientSecret)

	// The platform team replaces the native client; the state names it.
	newNative := createNativeClient(t, s)
	addToIdentityPool(t, s, newNative)
	out, err := cip.NewFromConfig(awsConfig(t, s.Region)).DescribeUserPoolClient(context.Background(),
		&cip.DescribeUserPoolClientInput{UserPoolId: &s.UserPoolID, ClientId: &newNative})
	if err != nil {
		t.Fatal(err)
	}
	newSecret := aws.ToString(out.UserPoolClient.ClientSecret)
	writeTFState(t, state, s, tfClient{"web", s.WebClientID, ""}, tfClient{"native", newNative, newSecret})
	before = snapshot(t)
	calls.take()

	st := mustRun(t, dir, env, "status", "--output", "json")
	var sj struct {
		Drift struct {
			Source struct {
				Checked bool `json:"checked"`
				Changes []struct {
					Resource string          `json:"resource"`
					Recorded json.RawMessage `json:"recorded"`
					Live     json.RawMessage `json:"live"`
				} `json:"changes"`
			} `json:"source"`
		} `json:"drift"`
	}
	if err := json.Unmarshal([]byte(st.stdout), &sj); err != nil {
		t.Fatalf("status json: %v\n%s", err, st.stdout)
	}
	if c := sj.Drift.Source.Changes; !sj.Drift.Source.Checked || len(c) != 1 || string(c[0].Live) != `"`+newNative+`"` || string(c[0].Recorded) != `"`+s.NativeClientID+`"` {
		t.Errorf("status does not report the replaced client: %+v\n%s", sj.Drift.Source, st.stdout)
	}
	if text := mustRun(t, dir, env, "status").stdout; !strings.Contains(text, newNative) {
		t.Errorf("status text lacks the new client:\n%s", text)
	}

	r = mustRun(t, dir, env, "auth", "refresh", "--debug")
	noSecretIn(t, "refresh --debug", r, s.NativeClientSecret, newSecret)
	if !strings.Contains(r.stderr, "native client: "+s.NativeClientID+" → "+newNative) {
		t.Errorf("refresh does not print old → new:\n%s", r.stderr)
	}
	if a := loadAuth(t, dir); a.Env.NativeClientID != newNative || a.Env.WebClientID != s.WebClientID {
		t.Errorf("not re-pointed: %+v", a.Env)
	}
	if src := recordedSource(t, dir, "dev"); src["file"] != state {
		t.Errorf("refresh lost the source: %v", src)
	}
	if exports := readFile(t, dir, "src/aws-exports.js"); strings.Contains(exports, s.NativeClientSecret) || strings.Contains(exports, newSecret) {
		t.Error("aws-exports.js holds a secret")
	}
	assertNoSecret(t, dir, s.NativeClientSecret)
	assertNoSecret(t, dir, newSecret)
	ops = calls.take()
	assertReadOnly(t, "status and refresh", ops)
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("AWS resources changed (-before +after):\n%s", diff)
	}
	if sj := statusJSONSourceChanges(t, dir, env); sj != 0 {
		t.Errorf("status after refresh still reports %d source changes", sj)
	}
}

func statusJSONSourceChanges(t *testing.T, dir string, env []string) int {
	t.Helper()
	var sj struct {
		Drift struct {
			Source struct {
				Changes []json.RawMessage `json:"changes"`
			} `json:"source"`
		} `json:"drift"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, env, "status", "--output", "json").stdout), &sj); err != nil {
		t.Fatal(err)
	}
	return len(sj.Drift.Source.Changes)
}

// TestSourceAmbiguousClients: three clients in a state (from stdin) is
// exit 2 listing each with its secret yes/no and the flags; nothing is
// written; the flags then choose, and the source is not recorded (stdin).
func TestSourceAmbiguousClients(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	third := createNativeClient(t, s)
	state := filepath.Join(t.TempDir(), "s.tfstate")
	writeTFState(t, state, s, append(setupClients(s), tfClient{"third", third, "tfSECRETthird0123456789"})...)
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	tree := treeHash(t, dir)
	r := runAmpgo(t, dir, env, string(data), "import", "auth", "--from-terraform-state", "-")
	if r.code != 2 {
		t.Fatalf("three clients: want exit 2, got %d:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"names 3 app clients", "web (" + s.WebClientID + "), secret: no", "native (" + s.NativeClientID + "), secret: yes",
		"third (" + third + "), secret: yes", "module.auth.aws_cognito_user_pool_client.third", "--web-client-id", "--native-client-id"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	noSecretIn(t, "ambiguous import", r, s.NativeClientSecret, "tfSECRETthird")
	if treeHash(t, dir) != tree {
		t.Error("a refused import changed project files")
	}
	if r := runAmpgo(t, dir, env, "", "import", "auth", "--from-stack", "a", "--from-outputs", "b"); r.code != 2 || !strings.Contains(r.stderr, "exclude each other") {
		t.Errorf("two sources: %d\n%s", r.code, r.stderr)
	}

	r = runAmpgo(t, dir, env, string(data), "import", "auth", "--from-terraform-state", "-", "--web-client-id", s.WebClientID, "--native-client-id", s.NativeClientID)
	if r.code != 0 {
		t.Fatalf("flags choose: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "not recorded") {
		t.Errorf("no note that stdin is not recorded:\n%s", r.stderr)
	}
	if src := recordedSource(t, dir, "dev"); src != nil {
		t.Errorf("a source on stdin was recorded: %v", src)
	}
	if a := loadAuth(t, dir); a.Env.NativeClientID != s.NativeClientID || a.Env.IdentityPoolID != s.IdentityPoolID {
		t.Errorf("imported %+v", a.Env)
	}
}

// TestEnvAddFromOutputs adds an environment from another app's
// amplify_outputs.json inside the project: the path is recorded relative
// to the root, and checkout keeps the source.
func TestEnvAddFromOutputs(t *testing.T) {
	parallel(t)
	dev, prod := seed(t, testenv.SetupOptions{}), seed(t, testenv.SetupOptions{})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(dev)...)
	outputs := map[string]any{"version": "1.4", "auth": map[string]any{"aws_region": prod.Region, "user_pool_id": prod.UserPoolID,
		"user_pool_client_id": prod.WebClientID, "identity_pool_id": prod.IdentityPoolID, "username_attributes": []string{"email"}}}
	b, _ := json.Marshal(outputs)
	if err := os.MkdirAll(filepath.Join(dir, "other"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "other", "amplify_outputs.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t)
	calls.take()
	r := mustRun(t, dir, env, "env", "add", "prod", "--from-outputs", "other/amplify_outputs.json", "--yes")
	ops := calls.take()
	t.Logf("env add --from-outputs: %d API calls %v", total(ops), ops)
	assertReadOnly(t, "env add from outputs", ops)
	if !strings.Contains(r.stderr, "From outputs file") {
		t.Errorf("env add does not say where the ids came from:\n%s", r.stderr)
	}
	_, ids, _ := mustLoadProject(t, dir).EnvImportedAuth("prod")
	if ids.UserPoolID != prod.UserPoolID || ids.WebClientID != prod.WebClientID || ids.IdentityPoolID != prod.IdentityPoolID {
		t.Errorf("prod records %+v", ids)
	}
	if src := recordedSource(t, dir, "prod"); !cmp.Equal(src, map[string]string{"kind": "outputs", "file": "other/amplify_outputs.json"}) {
		t.Errorf("recorded source: %v", src)
	}
	mustRun(t, dir, env, "env", "checkout", "dev")
	mustRun(t, dir, env, "env", "checkout", "prod")
	if src := recordedSource(t, dir, "prod"); src["file"] != "other/amplify_outputs.json" {
		t.Errorf("checkout lost the source: %v", src)
	}
	if src := recordedSource(t, dir, "dev"); src != nil {
		t.Errorf("dev got a source: %v", src)
	}
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("AWS resources changed (-before +after):\n%s", diff)
	}
}

func mustLoadProject(t *testing.T, dir string) *project.Project {
	t.Helper()
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportFromStack imports from a CloudFormation stack in moto. moto's
// CloudFormation creates no Cognito resources (reference §6), so the root
// stack holds the ids in Outputs, as a Gen 2 root stack does, and nests a
// stack from S3 (AWS::CloudFormation::Stack with TemplateURL) that the
// reader must follow before it falls back to the outputs. The outputs
// name both clients, so DescribeUserPoolClient tells web from native.
func TestImportFromStack(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	stack := "auth-" + s.Suffix
	createSourceStack(t, stack, map[string]string{"UserPoolId": s.UserPoolID, "AppClientIDWeb": s.WebClientID,
		"AppClientID": s.NativeClientID, "IdentityPoolId": s.IdentityPoolID, "FacebookWebClient": "1234567890"})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir := newProject(t, env)
	before := snapshot(t)
	calls.take()

	r := mustRun(t, dir, env, "import", "auth", "--from-stack", stack)
	ops := calls.take()
	t.Logf("import --from-stack: %d API calls %v", total(ops), ops)
	assertReadOnly(t, "import from a stack", ops)
	if ops["DescribeStackResources"] != 2 || ops["DescribeStacks"] != 1 {
		t.Errorf("want 2 DescribeStackResources (root, nested) and 1 DescribeStacks (outputs): %v", ops)
	}
	if !strings.Contains(r.stderr, "From cloudformation stack "+stack) {
		t.Errorf("import does not say where the ids came from:\n%s", r.stderr)
	}
	a := loadAuth(t, dir)
	if a.Env.UserPoolID != s.UserPoolID || a.Env.WebClientID != s.WebClientID || a.Env.NativeClientID != s.NativeClientID || a.Env.IdentityPoolID != s.IdentityPoolID {
		t.Errorf("imported %+v", a.Env)
	}
	if src := recordedSource(t, dir, "dev"); !cmp.Equal(src, map[string]string{"kind": "cloudformation", "stack": stack}) {
		t.Errorf("recorded source: %v", src)
	}
	mustRun(t, dir, env, "push", "--yes")
	calls.take()
	if n := statusJSONSourceChanges(t, dir, env); n != 0 {
		t.Errorf("status reports %d source changes for an unchanged stack", n)
	}
	if ops := calls.take(); ops["DescribeStackResources"] != 2 {
		t.Errorf("status did not read the stack source (want 2 DescribeStackResources): %v", ops)
	}
	r = mustRun(t, dir, env, "auth", "refresh")
	ops = calls.take()
	t.Logf("auth refresh from a stack: %d API calls %v", total(ops), ops)
	if ops["DescribeStackResources"] != 2 || !strings.Contains(r.stderr, "From cloudformation stack "+stack) {
		t.Errorf("refresh did not read the stack again: %v\n%s", ops, r.stderr)
	}
	if r := runAmpgo(t, dir, env, "", "auth", "refresh", "--from-stack", "nope-"+s.Suffix); r.code != 2 || !strings.Contains(r.stderr, "does not exist") {
		t.Errorf("missing stack: want exit 2, got %d\n%s", r.code, r.stderr)
	}
	assertReadOnly(t, "refresh", calls.take())
	if diff := cmp.Diff(before, snapshot(t)); diff != "" {
		t.Errorf("AWS resources changed (-before +after):\n%s", diff)
	}
}

// createSourceStack creates stack with the given outputs and a nested
// stack whose template is in S3.
func createSourceStack(t *testing.T, stack string, outputs map[string]string) {
	t.Helper()
	ctx := context.Background()
	cfg := awsConfig(t, "us-east-1")
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	bucket := strings.ToLower(stack) + "-templates"
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatal(err)
	}
	child := `{"Resources":{"Handle":{"Type":"AWS::CloudFormation::WaitConditionHandle"}}}`
	if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("child.json"), Body: strings.NewReader(child)}); err != nil {
		t.Fatal(err)
	}
	outs := map[string]any{}
	for k, v := range outputs {
		outs[k] = map[string]any{"Value": v}
	}
	tmpl, _ := json.Marshal(map[string]any{
		"Resources": map[string]any{
			"Handle": map[string]any{"Type": "AWS::CloudFormation::WaitConditionHandle"},
			"Child": map[string]any{"Type": "AWS::CloudFormation::Stack",
				"Properties": map[string]any{"TemplateURL": "https://s3.amazonaws.com/" + bucket + "/child.json"}},
		},
		"Outputs": outs,
	})
	if _, err := cloudformation.NewFromConfig(cfg).CreateStack(ctx, &cloudformation.CreateStackInput{StackName: &stack, TemplateBody: aws.String(string(tmpl))}); err != nil {
		t.Fatal(err)
	}
}
