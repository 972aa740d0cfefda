package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/testenv"
)

// managedIDs are the ids a pushed managed environment records in its
// team-provider-info.json auth entry, next to its "managed" key.
type managedIDs struct {
	UserPoolID     string          `json:"userPoolId"`
	WebClientID    string          `json:"webClientId"`
	NativeClientID string          `json:"nativeClientId"`
	IdentityPoolID string          `json:"identityPoolId"`
	AuthRoleName   string          `json:"authRoleName"`
	UnauthRoleName string          `json:"unauthRoleName"`
	Managed        json.RawMessage `json:"managed"`
}

// envAuthEntry reads team-provider-info.json <env>.categories.auth: the
// project's one auth resource's name and entry.
func envAuthEntry(t *testing.T, dir, envName string) (string, managedIDs) {
	t.Helper()
	var tpi map[string]struct {
		Categories struct {
			Auth map[string]managedIDs `json:"auth"`
		} `json:"categories"`
	}
	readJSON(t, dir, "amplify/team-provider-info.json", &tpi)
	auth := tpi[envName].Categories.Auth
	if len(auth) != 1 {
		t.Fatalf("team-provider-info.json %s.categories.auth: want one resource, got %d:\n%s", envName, len(auth),
			readFile(t, dir, "amplify/team-provider-info.json"))
	}
	for name, e := range auth {
		return name, e
	}
	return "", managedIDs{}
}

// stackResourceTypes counts a stack's resources by type (nil when the
// stack is gone).
func stackResourceTypes(t *testing.T, stack string) map[string]int {
	t.Helper()
	cf := cloudformation.NewFromConfig(awsConfig(t, "us-east-1"))
	if stackResources(t, stack) == nil {
		return nil
	}
	res, err := cf.DescribeStackResources(context.Background(), &cloudformation.DescribeStackResourcesInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range res.StackResources {
		out[aws.ToString(r.ResourceType)]++
	}
	return out
}

// importedSnapshot is the seeded setup's pools and roles without the inline
// policies ampgo puts on the roles for project: what must never change.
func importedSnapshot(t *testing.T, s *testenv.Setup, project string) string {
	t.Helper()
	st, err := testenv.SnapshotSetup(context.Background(), awsConfig(t, s.Region), s)
	if err != nil {
		t.Fatalf("snapshot setup: %v", err)
	}
	for _, role := range st.Roles {
		for policy := range role.InlinePolicies {
			if strings.HasPrefix(policy, "ampgo-"+project+"-") {
				delete(role.InlinePolicies, policy)
			}
		}
	}
	return st.JSON()
}

// bucketOf is the current env's bucket of storage files (amplify-meta.json).
func bucketOf(t *testing.T, dir string) string {
	t.Helper()
	var out struct{ BucketName string }
	if err := json.Unmarshal(storageMeta(t, dir, "files")["output"], &out); err != nil || out.BucketName == "" {
		t.Fatalf("amplify-meta.json storage.files output: %q, %v", storageMeta(t, dir, "files")["output"], err)
	}
	return out.BucketName
}

// TestManagedAuthPerEnv (issue 14): dev's auth is managed (ampgo creates the
// Cognito resources in their own stack, deployed before the env stack),
// prod imports the seeded pool; storage attaches to each env's roles,
// checkout switches the client config, and removing managed auth deletes
// its stack but retains the user pool. The imported resources never change.
func TestManagedAuthPerEnv(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	ctx, cfg := context.Background(), awsConfig(t, "us-east-1")
	// The longest project name (20): the created roles' names are the
	// stack's "amplify-<project>-dev-auth-<logical id>-<random>", which
	// CloudFormation cuts to IAM's 64 characters (launcher patch 12); the
	// import rules check them after push.
	dir, proj := t.TempDir(), ("mgd" + s.Suffix + "longprojectname")[:20]
	before := importedSnapshot(t, s, proj)
	mustRun(t, dir, env, "init", "--project", proj, "--env", "dev", "--region", "us-east-1", "--yes")

	mustRun(t, dir, env, "add", "auth", "--yes")
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "create,read,delete", "--yes")
	r := mustRun(t, dir, env, "push", "--yes")
	if out := strings.ToLower(r.stdout + r.stderr); strings.Contains(out, "problem") {
		t.Errorf("push of managed auth reports a problem with the resources it created:\n%s", r.stderr)
	}
	authStack := "amplify-" + proj + "-dev-auth"
	dev := checkManagedDev(t, dir, authStack)
	devBucket := bucketOf(t, dir)
	policy := func(envName string) string { return "ampgo-" + proj + "-" + envName + "-storage-files-auth" }
	wantDev := wantPolicy(t, category.AuthStatements("us-east-1", devBucket, []string{"create", "read", "delete"}))
	if diff := cmp.Diff(wantDev, inlinePolicy(t, dev.AuthRoleName, policy("dev"))); diff != "" {
		t.Errorf("dev's storage policy on the created auth role %s (-want +got):\n%s", dev.AuthRoleName, diff)
	}

	mustRun(t, dir, env, "env", "add", "prod", "--auth", "import", "--user-pool-id", s.UserPoolID, "--web-client-id", s.WebClientID,
		"--native-client-id", s.NativeClientID, "--identity-pool-id", s.IdentityPoolID, "--yes")
	mustRun(t, dir, env, "push", "--yes")
	if _, prod := envAuthEntry(t, dir, "prod"); prod.UserPoolID != s.UserPoolID || prod.Managed != nil {
		t.Errorf("prod's auth entry: %+v, want the imported pool %s without a managed key", prod, s.UserPoolID)
	}
	if stackResources(t, "amplify-"+proj+"-prod-auth") != nil {
		t.Error("prod imports its auth, yet push deployed a managed-auth stack for it")
	}
	prodBucket := bucketOf(t, dir)
	wantProd := wantPolicy(t, category.AuthStatements("us-east-1", prodBucket, []string{"create", "read", "delete"}))
	if diff := cmp.Diff(wantProd, inlinePolicy(t, s.AuthRoleName, policy("prod"))); diff != "" {
		t.Errorf("prod's storage policy on the imported auth role %s (-want +got):\n%s", s.AuthRoleName, diff)
	}
	if inlinePolicy(t, dev.AuthRoleName, policy("prod")) != nil || inlinePolicy(t, s.AuthRoleName, policy("dev")) != nil {
		t.Error("an env's storage policy sits on the other env's auth role")
	}

	checkEnvModes(t, dir, env)
	checkoutManagedAndImported(t, dir, env, dev, s)
	preview := checkThrowawayPreview(t, dir, env, proj, dev, s)

	// CI on a fresh clone: only committed files. dev's created ids are in
	// team-provider-info.json, so its checkout writes dev's pool, and
	// prod's the imported one.
	clone := gitClone(t, dir)
	ci := append(slices.Clone(env), "CI=true")
	for envName, pool := range map[string]string{"dev": dev.UserPoolID, "prod": s.UserPoolID} {
		mustRun(t, clone, ci, "env", "checkout", envName, "--yes")
		if exports := readFile(t, clone, "src/aws-exports.js"); !strings.Contains(exports, `"aws_user_pools_id": "`+pool+`"`) {
			t.Errorf("fresh clone, env checkout %s: aws-exports.js lacks pool %s:\n%s", envName, pool, exports)
		}
	}

	mustRun(t, dir, env, "env", "checkout", "dev", "--yes")
	mustRun(t, dir, env, "remove", "storage", "--name", "files", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "remove", "auth", "--yes")
	r = mustRun(t, dir, env, "push", "--yes")
	if _, err := cloudformation.NewFromConfig(cfg).DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(authStack)}); err == nil {
		if stackResources(t, authStack) != nil {
			t.Errorf("after remove auth and push, stack %s still exists:\n%s", authStack, r.stderr)
		}
		t.Logf("DescribeStacks %s answers after deletion (moto keeps DELETE_COMPLETE stacks by name)", authStack)
	}
	if _, err := cip.NewFromConfig(cfg).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(dev.UserPoolID)}); err != nil {
		t.Errorf("dev's user pool %s was not retained (DeletionPolicy Retain): %v", dev.UserPoolID, err)
	}
	// remove auth is project-wide: preview's next push (from its
	// team-provider-info entry, kept until then) deletes its auth stack,
	// and with it its pool, whose deletion preview allowed.
	mustRun(t, dir, env, "env", "checkout", "preview", "--yes")
	r = mustRun(t, dir, env, "push", "--yes")
	if stackResources(t, "amplify-"+proj+"-preview-auth") != nil {
		t.Errorf("preview's auth stack survived its push after remove auth:\n%s", r.stderr)
	}
	if _, err := cip.NewFromConfig(cfg).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(preview.UserPoolID)}); err == nil {
		t.Errorf("preview allowed its pool's deletion, yet %s survived:\n%s", preview.UserPoolID, r.stderr)
	}
	var tpi map[string]struct {
		Categories struct {
			Auth map[string]json.RawMessage `json:"auth"`
		} `json:"categories"`
	}
	readJSON(t, dir, "amplify/team-provider-info.json", &tpi)
	if left := tpi["preview"].Categories.Auth; len(left) != 0 {
		t.Errorf("preview still records auth after its stack was deleted: %v", left)
	}
	if diff := cmp.Diff(before, importedSnapshot(t, s, proj)); diff != "" {
		t.Errorf("the imported Cognito resources or roles changed (-before +after):\n%s", diff)
	}
}

// checkThrowawayPreview is the issue's "done when": `env add preview
// --auth managed && push` gives preview its own pool (neither dev's nor the
// imported one) with storage on its own role; with
// --allow-user-pool-deletion, the end of the test sees that pool deleted.
func checkThrowawayPreview(t *testing.T, dir string, env []string, proj string, dev managedIDs, s *testenv.Setup) managedIDs {
	t.Helper()
	mustRun(t, dir, env, "env", "add", "preview", "--auth", "managed", "--allow-user-pool-deletion", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	_, preview := envAuthEntry(t, dir, "preview")
	if preview.UserPoolID == "" || preview.UserPoolID == dev.UserPoolID || preview.UserPoolID == s.UserPoolID {
		t.Fatalf("preview's pool %q: want a new one (dev %s, imported %s)", preview.UserPoolID, dev.UserPoolID, s.UserPoolID)
	}
	want := wantPolicy(t, category.AuthStatements("us-east-1", bucketOf(t, dir), []string{"create", "read", "delete"}))
	if diff := cmp.Diff(want, inlinePolicy(t, preview.AuthRoleName, "ampgo-"+proj+"-preview-storage-files-auth")); diff != "" {
		t.Errorf("preview's storage policy on its own auth role %s (-want +got):\n%s", preview.AuthRoleName, diff)
	}
	if _, now := envAuthEntry(t, dir, "dev"); now.UserPoolID != dev.UserPoolID {
		t.Errorf("dev's recorded pool changed to %q", now.UserPoolID)
	}
	return preview
}

// checkManagedDev checks what the first push of managed dev made: the auth
// stack's resources, the recorded ids, the pool in Cognito, the retained
// pool in the template and the roles' trust. It returns dev's ids.
func checkManagedDev(t *testing.T, dir, authStack string) managedIDs {
	t.Helper()
	ctx, cfg := context.Background(), awsConfig(t, "us-east-1")
	types := stackResourceTypes(t, authStack)
	for typ, n := range map[string]int{"AWS::Cognito::UserPool": 1, "AWS::Cognito::UserPoolClient": 2,
		"AWS::Cognito::IdentityPool": 1, "AWS::IAM::Role": 2} {
		if types[typ] != n {
			t.Errorf("stack %s: %d %s, want %d (all: %v)", authStack, types[typ], typ, n, types)
		}
	}
	_, dev := envAuthEntry(t, dir, "dev")
	var m struct {
		AllowUserPoolDeletion *bool `json:"allowUserPoolDeletion"`
	}
	if err := json.Unmarshal(dev.Managed, &m); err != nil || m.AllowUserPoolDeletion == nil || *m.AllowUserPoolDeletion {
		t.Errorf("dev's managed key %s (%v): want {\"allowUserPoolDeletion\": false}", dev.Managed, err)
	}
	if dev.UserPoolID == "" || dev.WebClientID == "" || dev.NativeClientID == "" || dev.IdentityPoolID == "" || dev.AuthRoleName == "" {
		t.Fatalf("dev's recorded ids are incomplete: %+v", dev)
	}
	if dev.WebClientID == dev.NativeClientID {
		t.Errorf("dev records one client for web and native: %s", dev.WebClientID)
	}
	pool, err := cip.NewFromConfig(cfg).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(dev.UserPoolID)})
	if err != nil {
		t.Fatalf("dev's user pool %s: %v", dev.UserPoolID, err)
	}
	if got := pool.UserPool.UsernameAttributes; len(got) != 1 || got[0] != "email" {
		t.Errorf("dev's user pool signs in with %v, want [email]", got)
	}
	tmpl, err := cloudformation.NewFromConfig(cfg).GetTemplate(ctx, &cloudformation.GetTemplateInput{StackName: aws.String(authStack)})
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Resources map[string]struct{ Type, DeletionPolicy string }
	}
	if err := json.Unmarshal([]byte(aws.ToString(tmpl.TemplateBody)), &body); err != nil {
		t.Fatalf("template of %s: %v", authStack, err)
	}
	for id, res := range body.Resources {
		if res.Type == "AWS::Cognito::UserPool" && res.DeletionPolicy != "Retain" {
			t.Errorf("user pool %s has DeletionPolicy %q, want Retain", id, res.DeletionPolicy)
		}
	}
	for _, role := range []string{dev.AuthRoleName, dev.UnauthRoleName} {
		out, err := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)})
		if err != nil {
			t.Fatalf("role %s: %v", role, err)
		}
		trust, err := testenv.DecodePolicy(aws.ToString(out.Role.AssumeRolePolicyDocument))
		if err != nil {
			t.Fatal(err)
		}
		if doc := mustJSON(t, trust); !strings.Contains(doc, `"cognito-identity.amazonaws.com:aud":"`+dev.IdentityPoolID+`"`) {
			t.Errorf("role %s does not trust only identity pool %s:\n%s", role, dev.IdentityPoolID, doc)
		}
	}
	return dev
}

// checkEnvModes proves `env list` names each environment's auth mode.
func checkEnvModes(t *testing.T, dir string, env []string) {
	t.Helper()
	text := mustRun(t, dir, env, "env", "list").stdout
	want := map[string]string{"dev": "managed", "prod": "imported"}
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "* "))
		if len(fields) == 0 {
			continue
		}
		if mode, ok := want[fields[0]]; ok {
			if !strings.Contains(line, mode) {
				t.Errorf("env list: %s's row does not say %s:\n%s", fields[0], mode, text)
			}
			delete(want, fields[0])
		}
	}
	if len(want) != 0 {
		t.Errorf("env list lacks rows for %v:\n%s", want, text)
	}
}

// checkoutManagedAndImported switches dev → prod and checks both client
// configs in the files and in the real aws-amplify library.
func checkoutManagedAndImported(t *testing.T, dir string, env []string, dev managedIDs, s *testenv.Setup) {
	t.Helper()
	files := []struct{ file, detectedAs string }{{"src/aws-exports.js", "aws-exports"}, {"amplify_outputs.json", "amplify_outputs"}}

	mustRun(t, dir, env, "env", "checkout", "dev", "--yes")
	for _, f := range files {
		t.Run("dev/"+f.file, func(t *testing.T) {
			text := readFile(t, dir, f.file)
			if !strings.Contains(text, dev.UserPoolID) || strings.Contains(text, s.UserPoolID) {
				t.Errorf("after checkout dev, %s does not name dev's created pool %s alone:\n%s", f.file, dev.UserPoolID, text)
			}
			abs, _ := filepath.Abs(filepath.Join(dir, f.file))
			checkManagedInAmplify(t, dev, abs, f.detectedAs)
		})
	}

	mustRun(t, dir, env, "env", "checkout", "prod", "--yes")
	for _, f := range files {
		t.Run("prod/"+f.file, func(t *testing.T) {
			text := readFile(t, dir, f.file)
			if !strings.Contains(text, s.UserPoolID) || strings.Contains(text, dev.UserPoolID) {
				t.Errorf("after checkout prod, %s does not name the imported pool %s alone:\n%s", f.file, s.UserPoolID, text)
			}
			// Dev's identity pool refuses guests, prod's allows them: the
			// key ampgo writes for dev must not survive into prod's file.
			if strings.Contains(text, "aws_mandatory_sign_in") {
				t.Errorf("after checkout prod, %s keeps dev's aws_mandatory_sign_in, though prod's identity pool %s allows guests", f.file, s.IdentityPoolID)
			}
			abs, _ := filepath.Abs(filepath.Join(dir, f.file))
			checkAmplifyConfig(t, s, abs, f.detectedAs)
		})
	}
}

// checkManagedInAmplify compares what Amplify.configure made of file with
// dev's created resources and the default managed settings (email sign-in,
// optional TOTP MFA, 8-character passwords, no guests).
func checkManagedInAmplify(t *testing.T, dev managedIDs, file, detectedAs string) {
	t.Helper()
	got := readAmplifyConfig(t, file)
	c := got.ResourcesConfig.Auth.Cognito
	if got.DetectedAs != detectedAs || c.UserPoolID != dev.UserPoolID || c.UserPoolClientID != dev.WebClientID ||
		c.IdentityPoolID != dev.IdentityPoolID || c.AllowGuestAccess || !c.LoginWith.Email ||
		c.MFA.Status != "optional" || !c.MFA.TOTPEnabled || c.PasswordFormat.MinLength != 8 {
		t.Errorf("%s: Amplify read %+v (as %s); want dev's pool %s, web client %s, identity pool %s, email sign-in, optional TOTP, min length 8, no guests",
			file, c, got.DetectedAs, dev.UserPoolID, dev.WebClientID, dev.IdentityPoolID)
	}
}
