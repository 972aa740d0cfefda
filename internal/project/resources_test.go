package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// compactJSON returns raw JSON without spaces, keeping key order.
func compactJSON(t *testing.T, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// entry returns the raw value at category.name of a file.
func entry(t *testing.T, root, rel, category, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	obj, err := jsonobj.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	raw, ok := obj.Lookup(category, name)
	if !ok {
		return ""
	}
	return compactJSON(t, raw)
}

func TestStorageAndFunctionState(t *testing.T) {
	p := newTestProject(t)
	steps := []func() error{
		func() error { return p.SetImportedAuth(sampleAuth("acmeapp")) },
		func() error {
			return p.AddStorage(Storage{Name: "files", BucketPrefix: "acme-files", AuthAccess: []string{"create", "read", "delete"}, GuestAccess: []string{"read"}})
		},
		func() error {
			return p.AddFunction(Function{Name: "hello", Runtime: "nodejs22.x", Handler: "index.handler", Auth: "acmeapp", AuthAccess: []string{"read"}},
				map[string][]byte{"index.js": []byte("exports.handler = async () => 'hi';\n")})
		},
		p.Save,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	root := p.Root()
	// The Amplify CLI's shapes, in its key order.
	wantEntries := map[string]string{
		"storage":  `{"service":"S3","providerPlugin":"awscloudformation","dependsOn":[]}`,
		"function": `{"build":true,"providerPlugin":"awscloudformation","service":"Lambda","dependsOn":[{"category":"auth","resourceName":"acmeapp","attributes":["UserPoolId"]}]}`,
	}
	for category, name := range map[string]string{"storage": "files", "function": "hello"} {
		for _, rel := range []string{BackendConfigPath(BackendDir), MetaPath(BackendDir)} {
			if got := entry(t, root, rel, category, name); got != wantEntries[category] {
				t.Errorf("%s %s.%s:\n got %s\nwant %s", rel, category, name, got, wantEntries[category])
			}
		}
	}
	inputs, _ := os.ReadFile(filepath.Join(root, "amplify/backend/storage/files/cli-inputs.json"))
	want := `{"resourceName":"files","bucketName":"acme-files","storageAccess":"authAndGuest","guestAccess":["READ"],"authAccess":["CREATE_AND_UPDATE","READ","DELETE"],"triggerFunction":"NONE","groupAccess":{},"managedBy":"ampgo"}`
	if got := compactJSON(t, inputs); got != want {
		t.Errorf("cli-inputs.json:\n got %s\nwant %s", got, want)
	}

	p = mustLoad(t, root)
	storages, other, err := p.StorageResources()
	if err != nil || len(other) != 0 {
		t.Fatal(err, other)
	}
	if diff := cmp.Diff([]Storage{{Name: "files", BucketPrefix: "acme-files", AuthAccess: []string{"create", "read", "delete"}, GuestAccess: []string{"read"}}}, storages); diff != "" {
		t.Errorf("storage (-want +got):\n%s", diff)
	}
	fns, _, err := p.Functions()
	if err != nil || len(fns) != 1 || fns[0].Auth != "acmeapp" || fns[0].Runtime != "nodejs22.x" {
		t.Errorf("functions %+v %v", fns, err)
	}
	if got := p.DependentsOf(CategoryAuth, "acmeapp"); !cmp.Equal(got, []string{"function/hello"}) {
		t.Errorf("dependents %v", got)
	}
	if rows := p.Status(); len(rows) != 3 || rows[1].Operation != OpCreate || rows[2].Operation != OpCreate {
		t.Errorf("status %+v", rows)
	}

	// Push records outputs (exact shape), then marks everything pushed.
	if err := p.SetStorageOutput("files", StorageOutput{BucketName: "acme-files-1234abcd-dev", Region: "us-east-1"}, pushTime); err != nil {
		t.Fatal(err)
	}
	if err := p.SetFunctionOutput("hello", FunctionOutput{Name: "hello-acmeapp-dev", Arn: "arn:aws:lambda:us-east-1:123456789012:function:hello-acmeapp-dev", Region: "us-east-1"}, pushTime); err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{func() error { return p.MarkPushed(pushTime) }, p.Save} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	wantMeta := `{"service":"S3","providerPlugin":"awscloudformation","dependsOn":[],"output":{"BucketName":"acme-files-1234abcd-dev","Region":"us-east-1"},"lastPushTimeStamp":"2026-03-04T04:06:07.890Z"}`
	if got := entry(t, root, MetaPath(BackendDir), "storage", "files"); got != wantMeta {
		t.Errorf("meta storage.files:\n got %s\nwant %s", got, wantMeta)
	}
	if got := entry(t, root, MetaPath(BackendDir), "function", "hello"); !bytes.Contains([]byte(got), []byte(`"output":{"Name":"hello-acmeapp-dev","Arn":"arn:aws:lambda:us-east-1:123456789012:function:hello-acmeapp-dev","Region":"us-east-1"},"lastPushTimeStamp"`)) {
		t.Errorf("meta function.hello: %s", got)
	}
	p = mustLoad(t, root)
	if !p.HasDeployedResources() {
		t.Error("pushed resources not seen")
	}
	for _, r := range p.Status() {
		if r.Operation != OpNoChange {
			t.Errorf("after push: %+v", r)
		}
	}

	// Removal: refused for auth while the function depends on it; the
	// resources' folders go on Save.
	var de *DependentsError
	if err := p.RemoveAuth("acmeapp"); !errors.As(err, &de) {
		t.Errorf("remove auth: %v", err)
	}
	for _, step := range []func() error{func() error { return p.RemoveFunction("hello") }, func() error { return p.RemoveStorage("files") }, p.Save} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{"amplify/backend/function/hello", "amplify/backend/storage/files"} {
		if _, err := os.Stat(filepath.Join(root, dir)); !os.IsNotExist(err) {
			t.Errorf("%s still exists: %v", dir, err)
		}
	}
	if rows := mustLoad(t, root).Status(); len(rows) != 3 || rows[1].Operation != OpDelete || rows[2].Operation != OpDelete {
		t.Errorf("status after remove %+v", rows)
	}
}

func TestResourceNamesAndForeignResources(t *testing.T) {
	p := newTestProject(t)
	if err := p.AddStorage(Storage{Name: "files", BucketPrefix: "acme-files", AuthAccess: []string{"read"}}); err != nil {
		t.Fatal(err)
	}
	if err := p.AddStorage(Storage{Name: "Files", BucketPrefix: "acme-files2", AuthAccess: []string{"read"}}); !errors.Is(err, ErrResourceExists) {
		t.Errorf("same name, other case: %v", err)
	}
	if err := p.RemoveStorage("photos"); !errors.Is(err, ErrResourceNotFound) {
		t.Errorf("remove unknown: %v", err)
	}

	// An Amplify CLI project: its storage and function are not ampgo's.
	amp := mustLoad(t, copyTree(t, "testdata/amplifycli"))
	storages, other, err := amp.StorageResources()
	if err != nil || len(storages) != 0 || !cmp.Equal(other, []string{"s3acme"}) {
		t.Errorf("storage %v, other %v, %v", storages, other, err)
	}
	fns, otherFns, err := amp.Functions()
	if err != nil || len(fns) != 0 || !cmp.Equal(otherFns, []string{"acmefn"}) {
		t.Errorf("functions %v, other %v, %v", fns, otherFns, err)
	}
}

// TestOutputsInFreshClone: amplify-meta.json is not committed; recording
// outputs rebuilds the entry from backend-config.json.
func TestOutputsInFreshClone(t *testing.T) {
	p := newTestProject(t)
	if err := p.AddStorage(Storage{Name: "files", BucketPrefix: "acme-files", AuthAccess: []string{"read"}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(p.Path(MetaPath(BackendDir))); err != nil {
		t.Fatal(err)
	}
	p = mustLoad(t, p.Root())
	if err := p.SetStorageOutput("files", StorageOutput{BucketName: "b", Region: "us-east-1"}, pushTime); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	want := `{"service":"S3","providerPlugin":"awscloudformation","dependsOn":[],"output":{"BucketName":"b","Region":"us-east-1"},"lastPushTimeStamp":"2026-03-04T04:06:07.890Z"}`
	if got := entry(t, p.Root(), MetaPath(BackendDir), "storage", "files"); got != want {
		t.Errorf("got %s", got)
	}
}

// TestRestAPIState: a REST API is recorded in the Amplify CLI's shapes,
// read back as written, and an update rewrites its paths and dependsOn.
func TestRestAPIState(t *testing.T) {
	p := newTestProject(t)
	api := RestAPI{Name: "shop", Authorizer: AuthorizerIAM, Auth: "acmeapp", Paths: []APIPath{
		{Path: "/orders", Function: "orders", AuthAccess: []string{"create"}, GuestAccess: []string{}},
		{Path: "/items", Function: "items", AuthAccess: []string{"create", "read"}, GuestAccess: []string{"read"}},
	}}
	if err := p.AddRestAPI(api); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	wantEntry := `{"service":"API Gateway","providerPlugin":"awscloudformation","dependsOn":[` +
		`{"category":"function","resourceName":"items","attributes":["Name","Arn"]},` +
		`{"category":"function","resourceName":"orders","attributes":["Name","Arn"]},` +
		`{"category":"auth","resourceName":"acmeapp","attributes":["IdentityPoolId"]}]}`
	if got := entry(t, p.Root(), BackendConfigPath(BackendDir), CategoryAPI, "shop"); got != wantEntry {
		t.Errorf("backend-config api.shop:\n got %s\nwant %s", got, wantEntry)
	}
	b, err := os.ReadFile(filepath.Join(p.Root(), "amplify/backend/api/shop/cli-inputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	wantInputs := `{"version":1,"paths":{"/items":{"lambdaFunction":"items","permissions":{"setting":"protected","auth":["create","read"],"guest":["read"]}},` +
		`"/orders":{"lambdaFunction":"orders","permissions":{"setting":"private","auth":["create"],"guest":[]}}},"authorizer":"iam","auth":"acmeapp","managedBy":"ampgo"}`
	if got := compactJSON(t, b); got != wantInputs {
		t.Errorf("cli-inputs.json:\n got %s\nwant %s", got, wantInputs)
	}
	apis, other, err := mustLoad(t, p.Root()).RestAPIs()
	want := api
	want.Paths = []APIPath{api.Paths[1], api.Paths[0]} // sorted by path
	if err != nil || len(other) != 0 || len(apis) != 1 || !cmp.Equal(want, apis[0]) {
		t.Fatalf("RestAPIs = %+v, %v, %v; want %+v", apis, other, err, want)
	}
	if deps := p.DependentsOf(CategoryFunction, "orders"); !cmp.Equal(deps, []string{"api/shop"}) {
		t.Errorf("dependents of function orders: %v", deps)
	}

	api.Authorizer, api.Paths = AuthorizerUserPool, api.Paths[1:]
	p = mustLoad(t, p.Root())
	if err := p.UpdateRestAPI(api); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	got := entry(t, p.Root(), BackendConfigPath(BackendDir), CategoryAPI, "shop")
	if strings.Contains(got, `"orders"`) || !strings.Contains(got, `["UserPoolId"]`) {
		t.Errorf("after update, backend-config api.shop = %s", got)
	}
	if deps := mustLoad(t, p.Root()).DependentsOf(CategoryFunction, "orders"); len(deps) != 0 {
		t.Errorf("function orders still has dependents %v", deps)
	}
}

// TestGraphQLAPIState: a GraphQL API is recorded in the Amplify CLI's
// AppSync shapes with its schema file, read back as written, and kept
// apart from REST APIs.
func TestGraphQLAPIState(t *testing.T) {
	p := newTestProject(t)
	api := GraphQLAPI{Name: "data", Modes: []string{AuthUserPools, AuthAPIKey, AuthIAM}, APIKeyExpirationDays: 30, APIKeyExpires: 1767225600, Auth: "acmeapp"}
	schema := []byte("type Todo @model { id: ID! }\n")
	if err := p.AddGraphQLAPI(api, schema); err != nil {
		t.Fatal(err)
	}
	if err := p.AddRestAPI(RestAPI{Name: "shop", Authorizer: AuthorizerIAM, Paths: []APIPath{{Path: "/items", Function: "fn", AuthAccess: []string{"read"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	q := mustLoad(t, p.Root())
	got, err := q.GraphQLAPIs()
	if err != nil || !cmp.Equal(got, []GraphQLAPI{api}) {
		t.Errorf("GraphQLAPIs = %+v, %v; want %+v", got, err, api)
	}
	rest, other, err := q.RestAPIs()
	if err != nil || len(rest) != 1 || rest[0].Name != "shop" || len(other) != 0 {
		t.Errorf("RestAPIs = %+v, other %v, %v: want only shop", rest, other, err)
	}
	if data, err := q.ReadGraphQLSchema("data"); err != nil || string(data) != string(schema) {
		t.Errorf("schema = %q, %v", data, err)
	}
	if got := entry(t, p.Root(), BackendConfigPath(BackendDir), CategoryAPI, "data"); !strings.Contains(got, `"service":"AppSync"`) {
		t.Errorf("backend-config api.data = %s", got)
	}
	writeRel(t, p.Root(), "amplify/backend/api/data/cli-inputs.json",
		`{"version":1,"managedBy":"ampgo","serviceConfiguration":{"serviceName":"AppSync","defaultAuthType":{"mode":"OPENID_CONNECT"}}}`)
	if _, err := Load(p.Root()); err == nil || !strings.Contains(err.Error(), "$.serviceConfiguration.defaultAuthType.mode") {
		t.Errorf("unknown mode: Load error %v", err)
	}
}
