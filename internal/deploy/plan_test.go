package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/project"
)

func TestDryRunChangesNothing(t *testing.T) {
	dir := testProject(t, true)
	before := treeHash(t, dir)
	cf, objs := newFakeCFN(), &fakeObjects{}
	var out bytes.Buffer
	log, err := push(t, dir, fakeCloud(cf, objs), DryRun(&out, false))
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, log)
	}
	if got := mutations(cf.ops()); got != "" || len(objs.puts) > 0 {
		t.Errorf("dry run changed AWS: %s, uploads %v", got, objs.puts)
	}
	if treeHash(t, dir) != before {
		t.Error("dry run changed project files")
	}
	plan := out.String()
	for _, want := range []string{
		"Stack amplify-acmeapp-dev (us-east-1): create, 7 to add",
		"+ StorageFilesBucket", "+ FunctionHello ", "+ DeploymentBucket",
		"Imported role acme-auth-role:", "+ inline policy ampgo-acmeapp-dev-storage-files-auth",
		"Imported role acme-unauth-role:", "+ inline policy ampgo-acmeapp-dev-storage-files-guest",
		`"private/${cognito-identity.amazonaws.com:sub}/*"`,
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, plan)
		}
	}
	// Every statement is printed in full: 6 for signed-in users, 3 for guests.
	if n := strings.Count(plan, `"Effect": "Allow"`); n != 9 {
		t.Errorf("plan prints %d statements, want 9:\n%s", n, plan)
	}

	out.Reset()
	if _, err := push(t, dir, fakeCloud(cf, objs), DryRun(&out, true)); err != nil {
		t.Fatal(err)
	}
	var pl Plan
	if err := json.Unmarshal(out.Bytes(), &pl); err != nil || pl.Action != ActionCreate || len(pl.Roles) != 2 || len(pl.Roles[0].Attach[0].Statements) != 6 {
		t.Errorf("JSON plan %v: %s", err, out.String())
	}
}

// TestImportOnlyMakesNoCloudFormationCall keeps the import-only push to one
// read of the environment's stack (is one left behind? issue 11): no other
// CloudFormation call, no STS call.
func TestImportOnlyMakesNoCloudFormationCall(t *testing.T) {
	dir := testProject(t, false)
	p := load(t, dir)
	if err := p.RemoveStorage("files"); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	cf := newFakeCFN()
	cloud := fakeCloud(cf, &fakeObjects{})
	cloud.Account = func(context.Context) (string, error) { t.Error("STS called"); return "", nil }
	var out bytes.Buffer
	if _, err := push(t, dir, cloud, DryRun(&out, false)); err != nil || !strings.Contains(out.String(), "No storage or functions") {
		t.Errorf("dry run: %v %q", err, out.String())
	}
	if _, err := push(t, dir, cloud); err != nil {
		t.Fatal(err)
	}
	if ops := cf.ops(); ops != "DescribeStacks,DescribeStacks" {
		t.Errorf("import-only push called CloudFormation: %s", ops)
	}
}

// TestRemoveEverythingDeletesTheStack: storage and function removed, the
// plan lists every statement leaving the roles, and the stack goes (after
// its deployment bucket was emptied).
func TestRemoveEverythingDeletesTheStack(t *testing.T) {
	dir := testProject(t, true)
	cf, objs := newFakeCFN(), &fakeObjects{}
	cloud := fakeCloud(cf, objs)
	if _, err := push(t, dir, cloud); err != nil {
		t.Fatal(err)
	}
	cf.ops()
	p := load(t, dir)
	for _, rm := range []func(string) error{func(string) error { return p.RemoveStorage("files") }, func(string) error { return p.RemoveFunction("hello") }} {
		if err := rm(""); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := push(t, dir, cloud, DryRun(&out, true)); err != nil {
		t.Fatal(err)
	}
	var pl Plan
	if err := json.Unmarshal(out.Bytes(), &pl); err != nil {
		t.Fatal(err)
	}
	add, change, remove := pl.Changes()
	if pl.Action != ActionDelete || add+change != 0 || remove != 7 || len(pl.Roles) != 2 || len(pl.Roles[0].Remove) != 1 || len(pl.Roles[0].Attach) != 0 {
		t.Errorf("plan: %+v", pl)
	}
	log, err := push(t, dir, cloud)
	if err != nil {
		t.Fatalf("push: %v\n%s", err, log)
	}
	if got := mutations(cf.ops()); got != "DeleteStack" || len(objs.objs) != 0 {
		t.Errorf("calls %s, objects left %v", got, objs.objs)
	}
	if !strings.Contains(log, "keeps its data") {
		t.Errorf("no note about the kept bucket:\n%s", log)
	}
	if load(t, dir).HasDeployedResources() {
		t.Error("the project still records deployed resources")
	}
}

func TestDeadStackIsDeletedFirst(t *testing.T) {
	dir := testProject(t, false)
	cf := newFakeCFN()
	cloud := fakeCloud(cf, &fakeObjects{})
	cf.fail = &fakeFailure{"StorageFilesBucket", "AWS::S3::Bucket", "boom"}
	if _, err := push(t, dir, cloud); err == nil {
		t.Fatal("first push did not fail")
	}
	cf.ops()
	log, err := push(t, dir, cloud)
	if err != nil {
		t.Fatalf("second push: %v\n%s", err, log)
	}
	if got := mutations(cf.ops()); got != "DeleteStack,CreateStack" || !strings.Contains(log, "failed to be created earlier") {
		t.Errorf("calls %s\n%s", got, log)
	}
}

// TestLargeTemplateGoesThroughS3: past 51,200 bytes the template is
// uploaded to the deployment bucket and passed by URL.
func TestLargeTemplateGoesThroughS3(t *testing.T) {
	dir := testProject(t, false)
	p := load(t, dir)
	for i := range 14 {
		if err := category.AddFunction(p, project.Function{Name: fmt.Sprintf("fn%d", i), Runtime: category.DefaultRuntime, AuthAccess: category.FunctionAuthOps}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	cf, objs := newFakeCFN(), &fakeObjects{}
	if log, err := push(t, dir, fakeCloud(cf, objs)); err != nil {
		t.Fatalf("push: %v\n%s", err, log)
	}
	ops := cf.ops()
	want := "TemplateURL https://amplify-acmeapp-dev-25b99b72-deployment.s3.us-east-1.amazonaws.com/amplify-cfn-templates/amplify-acmeapp-dev-"
	if !strings.Contains(ops, want) {
		t.Errorf("no template by URL: %s", ops)
	}
}

func TestComputePlanRoleStatements(t *testing.T) {
	build := func(auth, guest []string) *parsed {
		tmpl, err := BuildTemplate(goldenEnv, goldenRoles, []category.Storage{{Name: "files", BucketPrefix: "acme-files", AuthAccess: auth, GuestAccess: guest}}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := tmpl.Body()
		pt, err := parseTemplate(body)
		if err != nil {
			t.Fatal(err)
		}
		return pt
	}
	// read -> read+delete: the three path statements change, uploads and
	// read stay; the guest policy appears.
	pl := computePlan("st", "us-east-1", build([]string{category.OpRead}, nil), build([]string{category.OpRead, category.OpDelete}, []string{category.OpRead}))
	got := map[string][2]int{}
	for _, rc := range pl.Roles {
		n := [2]int{}
		for _, ps := range rc.Attach {
			n[0] += len(ps.Statements)
		}
		for _, ps := range rc.Remove {
			n[1] += len(ps.Statements)
		}
		got[rc.Role] = n
	}
	want := map[string][2]int{"acme-auth-role": {3, 3}, "acme-unauth-role": {3, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statements attached/removed per role (-want +got):\n%s", diff)
	}
	wantRes := []ResourceChange{{OpChange, "StorageFilesAuthPolicy", "AWS::IAM::Policy"}, {OpAdd, "StorageFilesGuestPolicy", "AWS::IAM::Policy"}}
	if diff := cmp.Diff(wantRes, pl.Resources); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}
