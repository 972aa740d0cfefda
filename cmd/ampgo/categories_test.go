package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/testenv"
)

// catProject inits a project with a name of its own (stacks, buckets and
// policy names derive from it, and every test shares one moto) and imports
// the setup's user pool and identity pool.
func catProject(t *testing.T, env []string, s *testenv.Setup) (dir, name string) {
	t.Helper()
	dir, name = t.TempDir(), "st"+s.Suffix
	mustRun(t, dir, env, "init", "--project", name, "--env", "dev", "--region", "us-east-1", "--yes")
	mustRun(t, dir, env, importArgs(s)...)
	return dir, name
}

// catSnapshot is testenv.Snapshot without what ampgo owns: inline policies
// named for project on any role, and the roles of project's stacks. What is
// left (Cognito, trust policies, other policies) must never change.
func catSnapshot(t *testing.T, project string) string {
	t.Helper()
	st, err := testenv.Snapshot(context.Background(), awsConfig(t, "us-east-1"), "us-east-1")
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	for name, role := range st.Roles {
		if strings.HasPrefix(name, "amplify-"+project+"-") {
			delete(st.Roles, name)
			continue
		}
		for policy := range role.InlinePolicies {
			if strings.HasPrefix(policy, "ampgo-"+project+"-") {
				delete(role.InlinePolicies, policy)
			}
		}
	}
	return st.JSON()
}

// inlinePolicy returns a role's inline policy as a JSON value (nil when the
// role has no such policy).
func inlinePolicy(t *testing.T, role, policy string) any {
	t.Helper()
	client := iam.NewFromConfig(awsConfig(t, "us-east-1"))
	names, err := client.ListRolePolicies(context.Background(), &iam.ListRolePoliciesInput{RoleName: aws.String(role)})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names.PolicyNames {
		if n != policy {
			continue
		}
		out, err := client.GetRolePolicy(context.Background(), &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(policy)})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := testenv.DecodePolicy(aws.ToString(out.PolicyDocument))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	return nil
}

// wantPolicy is the policy document ampgo must put on a role: the
// statements of reference §6, as plain JSON.
func wantPolicy(t *testing.T, statements any) any {
	t.Helper()
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// storageMeta reads amplify-meta.json storage.<name>.
func storageMeta(t *testing.T, dir, name string) map[string]json.RawMessage {
	t.Helper()
	var meta map[string]map[string]map[string]json.RawMessage
	readJSON(t, dir, "amplify/backend/amplify-meta.json", &meta)
	return meta["storage"][name]
}

// stackWrites counts the calls that would change AWS.
func stackWrites(ops map[string]int) map[string]int {
	out := map[string]int{}
	for op, n := range ops {
		if strings.HasPrefix(op, "Create") || strings.HasPrefix(op, "Update") || strings.HasPrefix(op, "Delete") ||
			strings.HasPrefix(op, "Put") || strings.HasPrefix(op, "Set") || strings.HasPrefix(op, "Attach") {
			out[op] = n
		}
	}
	return out
}

func TestStorageRequirements(t *testing.T) {
	parallel(t)
	env := ampgoEnv(t, moto.URL())
	poolOnly := seed(t, testenv.SetupOptions{UserPoolOnly: true})
	noGuests := seed(t, testenv.SetupOptions{})
	cid := ci.NewFromConfig(awsConfig(t, "us-east-1"))
	pool, err := cid.DescribeIdentityPool(context.Background(), &ci.DescribeIdentityPoolInput{IdentityPoolId: aws.String(noGuests.IdentityPoolID)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cid.UpdateIdentityPool(context.Background(), &ci.UpdateIdentityPoolInput{IdentityPoolId: pool.IdentityPoolId,
		IdentityPoolName: pool.IdentityPoolName, AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: pool.CognitoIdentityProviders,
		SupportedLoginProviders: pool.SupportedLoginProviders})
	if err != nil {
		t.Fatal(err)
	}

	bare := newProject(t, env)
	userPoolOnly := newProject(t, env)
	mustRun(t, userPoolOnly, env, "import", "auth", "--user-pool-only", "--user-pool-id", poolOnly.UserPoolID, "--web-client-id", poolOnly.WebClientID)
	guestsOff, _ := catProject(t, env, noGuests)
	runRefusals(t, env, []refusal{
		{"no auth", bare, []string{"add", "storage", "--name", "files", "--auth-access", "read"}, 3, []string{"has none", "ampgo import auth"}},
		{"user pool only", userPoolOnly, []string{"add", "storage", "--name", "files", "--auth-access", "read"}, 3, []string{"without an identity pool", "ampgo remove auth"}},
		{"guests not allowed", guestsOff, []string{"add", "storage", "--name", "files", "--auth-access", "read", "--guest-access", "read"}, 3,
			[]string{"does not allow unauthenticated identities", "Guest access"}},
		{"function auth access without auth", bare, []string{"add", "function", "--name", "hello", "--auth-access", "read"}, 3, []string{"ampgo import auth"}},
		{"bad operation", guestsOff, []string{"add", "storage", "--name", "files", "--auth-access", "write"}, 2, []string{`unknown operation "write"`}},
		{"missing flag without a terminal", guestsOff, []string{"add", "storage", "--auth-access", "read"}, 2, []string{"--name"}},
	})
	// Signed-in access alone works on that pool.
	mustRun(t, guestsOff, env, "add", "storage", "--name", "files", "--auth-access", "read")
}

// TestStorageFunctionLifecycle: add storage and a function to a project
// with imported auth, plan, push, check everything in AWS, push again (no
// changes), remove both and push: the roles are as before.
func TestStorageFunctionLifecycle(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir, proj := catProject(t, env, s)
	calls.take()
	mustRun(t, dir, env, "push", "--yes")
	if ops := calls.take(); ops["DescribeStacks"] > 1 || ops["GetTemplate"]+ops["CreateStack"]+ops["GetCallerIdentity"] > 0 {
		t.Errorf("import-only push did more than read its stack (issue 11): %v", ops)
	}
	before := catSnapshot(t, proj)
	exact := snapshot(t)

	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "create,read,delete", "--guest-access", "read")
	mustRun(t, dir, env, "add", "function", "--name", "hello", "--auth-access", "read,update")
	lifecycleDryRun(t, dir, env, calls, s)

	start := time.Now()
	r := mustRun(t, dir, env, "push", "--yes")
	ops := calls.take()
	t.Logf("first push (deployment bucket, then the stack): %v, %d calls %v", time.Since(start).Round(time.Millisecond), total(ops), ops)
	if !strings.Contains(r.stderr, "UPDATE_COMPLETE") || r.stdout != "" {
		t.Errorf("push output:\nstdout %q\nstderr %s", r.stdout, r.stderr)
	}
	checkDeployed(t, dir, proj, s)

	r = runAmpgo(t, dir, env, "", "remove", "auth", "--yes")
	if r.code == 0 || !strings.Contains(r.stderr, "function/hello") {
		t.Errorf("remove auth with a dependent function: exit %d\n%s", r.code, r.stderr)
	}
	calls.take()
	r = mustRun(t, dir, env, "push", "--yes")
	ops = calls.take()
	t.Logf("unchanged push: %d calls %v", total(ops), ops)
	if w := stackWrites(ops); len(w) != 0 || !strings.Contains(r.stderr, "no changes") {
		t.Errorf("unchanged push wrote %v:\n%s", w, r.stderr)
	}
	if diff := cmp.Diff(before, catSnapshot(t, proj)); diff != "" {
		t.Errorf("Cognito resources or trust policies changed (-before +after):\n%s", diff)
	}

	mustRun(t, dir, env, "remove", "storage", "--name", "files", "--yes")
	mustRun(t, dir, env, "remove", "function", "--name", "hello", "--yes")
	calls.take()
	start = time.Now()
	r = mustRun(t, dir, env, "push", "--yes")
	ops = calls.take()
	t.Logf("push after removal (stack deleted): %v, %d calls %v", time.Since(start).Round(time.Millisecond), total(ops), ops)
	if !strings.Contains(r.stderr, "DELETE_COMPLETE") {
		t.Errorf("stack not deleted:\n%s", r.stderr)
	}
	if exports := readFile(t, dir, "src/aws-exports.js"); strings.Contains(exports, "aws_user_files_s3_bucket") {
		t.Errorf("aws-exports.js still names a bucket after removal:\n%s", exports)
	}
	if diff := cmp.Diff(exact, snapshot(t)); diff != "" {
		t.Errorf("after removal, AWS differs from before the first push (-before +after):\n%s", diff)
	}
}

// lifecycleDryRun checks push --dry-run: the plan on stdout, only reads.
func lifecycleDryRun(t *testing.T, dir string, env []string, calls *callCounter, s *testenv.Setup) {
	t.Helper()
	hash := treeHash(t, dir)
	calls.take()
	r := mustRun(t, dir, env, "push", "--dry-run")
	for _, want := range []string{"create, 7 to add", "+ StorageFilesBucket", "+ FunctionHello ",
		"Imported role " + s.AuthRoleName + ":", "Imported role " + s.UnauthRoleName + ":", `"s3:ListBucket"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.stdout)
		}
	}
	if w := stackWrites(calls.take()); len(w) != 0 {
		t.Errorf("dry run wrote to AWS: %v", w)
	}
	if treeHash(t, dir) != hash {
		t.Error("dry run changed project files")
	}
}

// checkDeployed looks at what the push made: bucket, function with its
// environment, exactly the expected statements on each imported role, and
// the amplify-meta.json entry in the shape the client config reads.
func checkDeployed(t *testing.T, dir, proj string, s *testenv.Setup) {
	t.Helper()
	ctx, cfg := context.Background(), awsConfig(t, "us-east-1")
	meta := storageMeta(t, dir, "files")
	var out struct{ BucketName, Region string }
	if err := json.Unmarshal(meta["output"], &out); err != nil || out.Region != "us-east-1" || len(meta) != 5 || meta["lastPushTimeStamp"] == nil {
		t.Fatalf("meta storage.files: %v %s", err, meta)
	}
	if _, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(out.BucketName)}); err != nil {
		t.Errorf("bucket %s: %v", out.BucketName, err)
	}
	fn, err := lambda.NewFromConfig(cfg).GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("hello-" + proj + "-dev")})
	if err != nil {
		t.Fatal(err)
	}
	wantVars := map[string]string{"ENV": "dev", "REGION": "us-east-1", "AUTH_" + strings.ToUpper(proj) + "_USERPOOLID": s.UserPoolID}
	if diff := cmp.Diff(wantVars, fn.Environment.Variables); diff != "" {
		t.Errorf("function environment (-want +got):\n%s", diff)
	}
	// The client config reads the same entry (the client-config renderers).
	if exports := readFile(t, dir, "src/aws-exports.js"); !strings.Contains(exports, `"aws_user_files_s3_bucket": "`+out.BucketName+`"`) {
		t.Errorf("aws-exports.js lacks the bucket:\n%s", exports)
	}
	auth := category.AuthStatements("us-east-1", out.BucketName, []string{"create", "read", "delete"})
	guest := category.GuestStatements("us-east-1", out.BucketName, []string{"read"})
	for role, want := range map[string]any{
		s.AuthRoleName + "/ampgo-" + proj + "-dev-storage-files-auth":    wantPolicy(t, auth),
		s.UnauthRoleName + "/ampgo-" + proj + "-dev-storage-files-guest": wantPolicy(t, guest),
	} {
		name, policy, _ := strings.Cut(role, "/")
		if diff := cmp.Diff(want, inlinePolicy(t, name, policy)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", role, diff)
		}
	}
}

// TestTwoEnvsShareIdentityPool: dev and prod import the same identity pool;
// each env's statements sit next to the other's, and removing storage in
// prod leaves dev's alone (cli#10098).
func TestTwoEnvsShareIdentityPool(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, proj := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read", "--guest-access", "read")
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "env", "add", "prod", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	var prodOut struct{ BucketName string }
	if err := json.Unmarshal(storageMeta(t, dir, "files")["output"], &prodOut); err != nil || !strings.HasSuffix(prodOut.BucketName, "-prod") {
		t.Fatalf("prod bucket %q: %v", prodOut.BucketName, err)
	}

	policy := func(envName string) string { return "ampgo-" + proj + "-" + envName + "-storage-files-auth" }
	dev, prod := inlinePolicy(t, s.AuthRoleName, policy("dev")), inlinePolicy(t, s.AuthRoleName, policy("prod"))
	if dev == nil || prod == nil {
		t.Fatalf("auth role: dev policy %v, prod policy %v: want both", dev, prod)
	}
	if !strings.Contains(mustJSON(t, prod), prodOut.BucketName) || strings.Contains(mustJSON(t, dev), prodOut.BucketName) {
		t.Errorf("each env's policy must name its own bucket:\ndev  %s\nprod %s", mustJSON(t, dev), mustJSON(t, prod))
	}
	if guest := inlinePolicy(t, s.UnauthRoleName, "ampgo-"+proj+"-dev-storage-files-guest"); guest == nil {
		t.Error("dev's guest policy is gone")
	}

	mustRun(t, dir, env, "remove", "storage", "--name", "files", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	if inlinePolicy(t, s.AuthRoleName, policy("prod")) != nil {
		t.Error("prod's statements were not removed")
	}
	if diff := cmp.Diff(dev, inlinePolicy(t, s.AuthRoleName, policy("dev"))); diff != "" {
		t.Errorf("removing prod's storage changed dev's statements (-before +after):\n%s", diff)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// refusal is a command that must fail with wantCode, say each of want on
// stderr, and leave the project in dir as it was.
type refusal struct {
	name     string
	dir      string
	args     []string
	wantCode int
	want     []string
}

// runRefusals runs each refusal as a subtest.
func runRefusals(t *testing.T, env []string, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := treeHash(t, c.dir)
			r := runAmpgo(t, c.dir, env, "", c.args...)
			if r.code != c.wantCode {
				t.Fatalf("exit %d, want %d\n%s", r.code, c.wantCode, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if treeHash(t, c.dir) != before {
				t.Error("a refused command changed project files")
			}
		})
	}
}
