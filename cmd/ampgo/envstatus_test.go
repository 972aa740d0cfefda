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
	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/testenv"
)

// statusOps runs `status --output json` and returns category/name -> op.
func statusOps(t *testing.T, dir string, env []string) map[string]string {
	t.Helper()
	r := mustRun(t, dir, env, "status", "--output", "json")
	var st struct {
		ComparedWith string `json:"comparedWith"`
		Resources    []struct{ Category, ResourceName, Operation string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("status json: %v\n%s", err, r.stdout)
	}
	if st.ComparedWith != "stack" {
		t.Errorf("status json comparedWith %q, want stack", st.ComparedWith)
	}
	ops := map[string]string{}
	for _, res := range st.Resources {
		if res.Category != "auth" {
			ops[res.Category+"/"+res.ResourceName] = res.Operation
		}
	}
	return ops
}

// statusText runs `status` and returns its table.
func statusText(t *testing.T, dir string, env []string) string {
	t.Helper()
	return mustRun(t, dir, env, "status").stdout
}

// wantRow fails unless the status table has a row category/name/op.
func wantRow(t *testing.T, table, category, name, op string) {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == category && f[1] == name && strings.HasPrefix(strings.Join(f[2:], " "), op) {
			return
		}
	}
	t.Errorf("status lacks %s %s %s:\n%s", category, name, op, table)
}

// stackResources lists the resources of a stack (nil when it is gone).
func stackResources(t *testing.T, stack string) []string {
	t.Helper()
	cf := cloudformation.NewFromConfig(awsConfig(t, "us-east-1"))
	out, err := cf.DescribeStacks(context.Background(), &cloudformation.DescribeStacksInput{StackName: aws.String(stack)})
	if err != nil || len(out.Stacks) == 0 || strings.HasPrefix(string(out.Stacks[0].StackStatus), "DELETE_COMPLETE") {
		return nil
	}
	res, err := cf.DescribeStackResources(context.Background(), &cloudformation.DescribeStackResourcesInput{StackName: aws.String(stack)})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res.StackResources {
		ids = append(ids, aws.ToString(r.LogicalResourceId))
	}
	return ids
}

// TestStatusFollowsTheEnvStack: status compares with the current env's
// stack through push's plan: a new env shows Create (text and JSON), edited
// function code shows Update, and push --dry-run says the same.
func TestStatusFollowsTheEnvStack(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read", "--guest-access", "read")
	mustRun(t, dir, env, "add", "function", "--name", "hello", "--auth-access", "read")
	mustRun(t, dir, env, "push", "--yes")
	if diff := cmp.Diff(map[string]string{"storage/files": "No Change", "function/hello": "No Change"}, statusOps(t, dir, env)); diff != "" {
		t.Errorf("dev after push (-want +got):\n%s", diff)
	}

	src := filepath.Join(dir, "amplify/backend/function/hello/src/index.js")
	if err := os.WriteFile(src, []byte("exports.handler = async () => ({ statusCode: 201 });\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"storage/files": "No Change", "function/hello": "Update"}, statusOps(t, dir, env)); diff != "" {
		t.Errorf("dev after editing the code (-want +got):\n%s", diff)
	}
	wantRow(t, statusText(t, dir, env), "function", "hello", "Update")
	if plan := mustRun(t, dir, env, "push", "--dry-run").stdout; !strings.Contains(plan, "~ FunctionHello ") || strings.Contains(plan, "StorageFiles") {
		t.Errorf("dry run after editing the code:\n%s", plan)
	}
	mustRun(t, dir, env, "push", "--yes")

	mustRun(t, dir, env, "env", "add", "staging", "--yes")
	if diff := cmp.Diff(map[string]string{"storage/files": "Create", "function/hello": "Create"}, statusOps(t, dir, env)); diff != "" {
		t.Errorf("new env staging (-want +got):\n%s", diff)
	}
	table := statusText(t, dir, env)
	wantRow(t, table, "storage", "files", "Create")
	wantRow(t, table, "function", "hello", "Create")
	if plan := mustRun(t, dir, env, "push", "--dry-run").stdout; !strings.Contains(plan, ": create, ") {
		t.Errorf("dry run in staging:\n%s", plan)
	}
	if r := runAmpgo(t, dir, env, "", "status", "--offline"); !strings.Contains(r.stderr, "--offline") {
		t.Errorf("status --offline does not say what it compared with:\n%s", r.stderr)
	}
}

// TestRemovalReachesEveryEnv: storage removed and pushed in dev shows
// Delete in staging, whose push takes the bucket out of its stack and its
// statements off the imported roles; env remove --delete-stack deletes the
// stack after showing it, and without the flag prints the command.
func TestRemovalReachesEveryEnv(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, proj := catProject(t, env, s)
	before := catSnapshot(t, proj)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read", "--guest-access", "read")
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "env", "add", "staging", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	mustRun(t, dir, env, "env", "add", "prod", "--yes")
	mustRun(t, dir, env, "push", "--yes")
	stagingPolicy := "ampgo-" + proj + "-staging-storage-files-auth"
	if inlinePolicy(t, s.AuthRoleName, stagingPolicy) == nil {
		t.Fatal("staging's policy was never attached")
	}

	mustRun(t, dir, env, "env", "checkout", "dev", "--yes")
	mustRun(t, dir, env, "remove", "storage", "--name", "files", "--yes")
	mustRun(t, dir, env, "push", "--yes")

	mustRun(t, dir, env, "env", "checkout", "staging", "--yes")
	if diff := cmp.Diff(map[string]string{"storage/files": "Delete"}, statusOps(t, dir, env)); diff != "" {
		t.Errorf("staging after the removal in dev (-want +got):\n%s", diff)
	}
	wantRow(t, statusText(t, dir, env), "storage", "files", "Delete")
	plan := mustRun(t, dir, env, "push", "--dry-run").stdout
	if !strings.Contains(plan, "- StorageFilesBucket") || !strings.Contains(plan, "- inline policy "+stagingPolicy) {
		t.Errorf("staging dry run:\n%s", plan)
	}
	r := mustRun(t, dir, env, "push", "--yes")
	if !strings.Contains(r.stderr, "aws s3 rb s3://") {
		t.Errorf("staging push does not print how to delete the retained bucket:\n%s", r.stderr)
	}
	if res := stackResources(t, "amplify-"+proj+"-staging"); len(res) != 0 {
		t.Errorf("staging's stack still holds %v", res)
	}
	if inlinePolicy(t, s.AuthRoleName, stagingPolicy) != nil || inlinePolicy(t, s.UnauthRoleName, "ampgo-"+proj+"-staging-storage-files-guest") != nil {
		t.Error("staging's statements are still on the imported roles")
	}
	if ops := statusOps(t, dir, env); len(ops) != 0 {
		t.Errorf("staging after its push: %v, want no storage or function rows", ops)
	}

	// prod still holds it; env remove --delete-stack shows and deletes it.
	r = mustRun(t, dir, env, "env", "remove", "prod", "--delete-stack", "--yes")
	if !strings.Contains(r.stderr, "- StorageFilesBucket") || !strings.Contains(r.stderr, "- inline policy ampgo-"+proj+"-prod-storage-files-auth") {
		t.Errorf("env remove --delete-stack does not show what it deletes:\n%s", r.stderr)
	}
	if res := stackResources(t, "amplify-"+proj+"-prod"); res != nil {
		t.Errorf("prod's stack still exists: %v", res)
	}
	if inlinePolicy(t, s.AuthRoleName, "ampgo-"+proj+"-prod-storage-files-auth") != nil {
		t.Error("prod's statements are still on the imported role")
	}
	mustRun(t, dir, env, "env", "checkout", "dev", "--yes")
	r = mustRun(t, dir, env, "env", "remove", "staging", "--yes")
	if want := "aws cloudformation delete-stack --stack-name amplify-" + proj + "-staging --region us-east-1"; !strings.Contains(r.stderr, want) {
		t.Errorf("env remove without --delete-stack does not print %q:\n%s", want, r.stderr)
	}
	if diff := cmp.Diff(before, catSnapshot(t, proj)); diff != "" {
		t.Errorf("Cognito resources or trust policies changed (-before +after):\n%s", diff)
	}
}

// TestPushShowsPlanBeforeAsking: the interactive confirmation shows the
// plan exactly as --dry-run prints it, IAM statements included.
func TestPushShowsPlanBeforeAsking(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read")
	plan := mustRun(t, dir, env, "push", "--dry-run").stdout
	scr, tty, cmd, copied := startPTY(t, dir, env, "push")
	scr.waitFor(t, "Push environment")
	type_(t, tty, "\r")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("push: %v\n%s", err, scr.text())
	}
	<-copied
	scr.mu.Lock()
	raw := strings.ReplaceAll(scr.raw.String(), "\r", "")
	scr.mu.Unlock()
	shown, _, found := strings.Cut(raw, "Push environment")
	if !found || !strings.Contains(shown, plan) || !strings.Contains(plan, `"s3:ListBucket"`) {
		t.Errorf("the confirmation does not show the dry-run plan first.\nplan:\n%s\nshown:\n%s", plan, shown)
	}
}
