package clientconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// pushedProject makes a project of the given frontend on disk with the full
// setup imported and pushed and, with bucket, a pushed S3 storage resource
// written the way the storage category records it.
func pushedProject(t *testing.T, frontend string, bucket bool) *project.Project {
	t.Helper()
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Region: "us-east-1", Frontend: frontend})
	if err != nil {
		t.Fatal(err)
	}
	fx := fullSetup(t)
	meta := fx.meta
	meta.LastPushTimeStamp = ""
	meta.Output.AppClientSecret = "" // ampgo never records it
	yes := true
	err = p.SetImportedAuth(project.ImportedAuth{
		Name:    "acmeapp1f3c9a2b",
		Backend: project.BackendAuth{Service: "Cognito", ServiceType: project.ServiceTypeImported, ProviderPlugin: "awscloudformation", DependsOn: []project.Dependency{}},
		Parameters: project.AuthParameters{AuthSelections: project.IdentityPoolAndUserPool, ResourceName: "acmeapp1f3c9a2b",
			ServiceType: project.ServiceTypeImported, Region: "us-east-1"},
		Env: project.EnvAuth{UserPoolID: meta.Output.UserPoolID, WebClientID: meta.Output.AppClientIDWeb,
			NativeClientID: meta.Output.AppClientID, IdentityPoolID: meta.Output.IdentityPoolID, AllowUnauthenticatedIdentities: &yes},
		Meta: meta,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckPushed(p); err == nil {
		t.Error("CheckPushed: no error before the first push")
	}
	if err := p.MarkPushed(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if bucket {
		addStorageMeta(t, p)
	}
	p, err = project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// addStorageMeta writes storage.<name> into amplify-meta.json in exactly the
// shape the storage category writes (and a DynamoDB entry that must be
// skipped).
func addStorageMeta(t *testing.T, p *project.Project) {
	t.Helper()
	path := p.Path(project.MetaPath(project.BackendDir))
	var meta map[string]any
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	meta["storage"] = map[string]any{
		"table1": map[string]any{"service": "DynamoDB", "providerPlugin": "awscloudformation", "output": map[string]any{"Name": "t"}},
		"files": map[string]any{"service": "S3", "providerPlugin": "awscloudformation",
			"output":            map[string]any{"BucketName": "acmeapp-files-dev", "Region": "us-west-2"},
			"lastPushTimeStamp": "2026-01-02T03:04:05.000Z"},
	}
	out, _ := json.MarshalIndent(meta, "", "  ")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStageWritesEveryFileOfTheFrontend(t *testing.T) {
	for _, fe := range project.Frontends {
		t.Run(fe, func(t *testing.T) {
			p := pushedProject(t, fe, true)
			if err := CheckPushed(p); err != nil {
				t.Fatalf("CheckPushed after push: %v", err)
			}
			paths, err := Stage(p)
			if err != nil {
				t.Fatal(err)
			}
			if want := p.Config().ClientConfigFiles(); !slices.Equal(paths, want) {
				t.Errorf("staged %v, want %v", paths, want)
			}
			if err := p.Save(); err != nil {
				t.Fatal(err)
			}
			c, err := ForProject(p)
			if err != nil {
				t.Fatal(err)
			}
			if c.Storage == nil || c.Storage.BucketName != "acmeapp-files-dev" || c.Storage.Region != "us-west-2" {
				t.Errorf("storage = %+v", c.Storage)
			}
			for _, rel := range paths {
				data, err := os.ReadFile(p.Path(rel))
				if err != nil {
					t.Fatal(err)
				}
				native := fe != project.FrontendJavaScript && rel != project.GenerationOutputsFile
				wantClient, otherClient := c.Auth.WebClientID, c.Auth.NativeClientID
				if native {
					wantClient, otherClient = otherClient, wantClient
				}
				if !bytes.Contains(data, []byte(wantClient)) || bytes.Contains(data, []byte(otherClient)) {
					t.Errorf("%s: want client %s only", rel, wantClient)
				}
				if !bytes.Contains(data, []byte("acmeapp-files-dev")) {
					t.Errorf("%s: no bucket", rel)
				}
			}
		})
	}
}

func TestRenderFormats(t *testing.T) {
	tests := []struct {
		frontend string
		format   Format
		want     []string
	}{
		{"javascript", FormatAWSExports, []string{"src/aws-exports.js"}},
		{"javascript", FormatAmplifyConfiguration, []string{"src/amplifyconfiguration.json"}},
		{"android", FormatAmplifyConfiguration, []string{"app/src/main/res/raw/amplifyconfiguration.json", "app/src/main/res/raw/awsconfiguration.json"}},
		{"ios", FormatOutputs, []string{"amplify_outputs.json"}},
		{"flutter", FormatAll, []string{"lib/amplifyconfiguration.dart", "amplify_outputs.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.frontend+"/"+string(tt.format), func(t *testing.T) {
			p := pushedProject(t, tt.frontend, false)
			files, err := Render(p, Config{ProjectRegion: "us-east-1"}, tt.format)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Render = %v, want %v", got, tt.want)
			}
		})
	}
	p := pushedProject(t, "ios", false)
	if _, err := Render(p, Config{ProjectRegion: "us-east-1"}, FormatAWSExports); err == nil {
		t.Error("--format aws-exports on ios: no error")
	}
}

// Keys another tool or the user added to a native config survive; a file
// ampgo cannot read is refused, never overwritten.
func TestNativeKeepsUserKeys(t *testing.T) {
	c := withStorage(t).config(t)
	existing := `{"UserAgent": "x", "api": {"plugins": {"awsAPIPlugin": {"mine": {"endpointType": "REST"}}}},
	 "auth": {"plugins": {"awsCognitoAuthPlugin": {"AppSync": {"Default": {"ApiUrl": "https://x"}}, "CognitoUserPool": {"Default": {"PoolId": "old"}}}}},
	 "storage": {"plugins": {"awsS3StoragePlugin": {"bucket": "old", "region": "x", "defaultAccessLevel": "private"}}}}`
	for name, render := range map[string]func(Config, []byte) ([]byte, error){
		"json": RenderNativeJSON,
		"dart": func(c Config, e []byte) ([]byte, error) { return RenderDart(c, []byte(dartHead+string(e)+dartTail)) },
	} {
		got, err := render(c, []byte(existing))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, want := range []string{`"mine"`, `"AppSync"`, `"defaultAccessLevel": "private"`, c.Auth.NativeClientID} {
			if !strings.Contains(string(got), want) {
				t.Errorf("%s: %s lost:\n%s", name, want, got)
			}
		}
		if strings.Contains(string(got), `"old"`) {
			t.Errorf("%s: generated keys were not replaced:\n%s", name, got)
		}
	}
	legacy, err := RenderAWSConfiguration(c, []byte(`{"AppSync": {"Default": {}}, "Version": "9"}`))
	if err != nil || !strings.Contains(string(legacy), `"AppSync"`) || strings.Contains(string(legacy), `"9"`) {
		t.Errorf("awsconfiguration.json custom keys: %v\n%s", err, legacy)
	}
	for _, bad := range [][]byte{[]byte(`{"a": 1,}`), []byte(`[1]`), []byte(`{} trailing`)} {
		_, err := RenderNativeJSON(c, bad)
		var efe *ExistingFileError
		if !errors.As(err, &efe) || efe.Hint() == "" {
			t.Errorf("%s: err = %v, want *ExistingFileError with a hint", bad, err)
		}
	}
	_, err = RenderDart(c, []byte("String get amplifyconfig => dotenv.env['X']!;"))
	var efe *ExistingFileError
	if !errors.As(err, &efe) || !strings.Contains(efe.Hint(), "const amplifyconfig") {
		t.Errorf("hand-written dart: err = %v, want *ExistingFileError", err)
	}
}

func TestWarnings(t *testing.T) {
	outputs := []File{{Path: "amplify_outputs.json"}}
	native := []File{{Path: "lib/amplifyconfiguration.dart"}}
	cross := crossRegion(t).config(t)
	cross.Auth.IdentityPoolRegion = "eu-central-1"
	twoGraphQL := withGraphQL(t).config(t)
	second := twoGraphQL.GraphQLAPIs[0]
	second.Name = "other"
	twoGraphQL.GraphQLAPIs = append(twoGraphQL.GraphQLAPIs, second)
	tests := []struct {
		name     string
		c        Config
		frontend string
		files    []File
		want     []string
	}{
		{"clean", fullSetup(t).config(t), "flutter", append(native, outputs...), nil},
		{"no sign-out: outputs", oidcNoLogout(t).config(t), "javascript", outputs, []string{"amplify_outputs.json has no oauth block"}},
		{"no sign-out: native", oidcNoLogout(t).config(t), "flutter", native, []string{"no Auth.Default.OAuth block"}},
		{"implicit native", implicitFlow(t).config(t), "flutter", native, []string{"only the implicit grant"}},
		{"identity pool elsewhere", cross, "javascript", outputs, []string{"one aws_region"}},
		{"one GraphQL API", withGraphQL(t).config(t), "javascript", outputs, nil},
		{"two GraphQL APIs, outputs", twoGraphQL, "flutter", append(native, outputs...), []string{"amplify_outputs.json describes only GraphQL API acmedata of 2"}},
		{"two GraphQL APIs, native only", twoGraphQL, "flutter", native, nil},
		{"two GraphQL APIs, no auth", Config{ProjectRegion: "us-east-1", GraphQLAPIs: twoGraphQL.GraphQLAPIs}, "javascript",
			[]File{{Path: "src/aws-exports.js"}}, []string{"aws-exports.js describes only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Warnings(tt.c, tt.frontend, tt.files)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d warnings, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d = %q, want it to mention %q", i, got[i], w)
				}
			}
		})
	}
	if d := cmp.Diff([]string(nil), Warnings(Config{}, "javascript", outputs)); d != "" {
		t.Error(d)
	}
}

// A config file that a link takes out of the project is not read (its
// keys would be merged into the new config) but refused.
func TestRenderRefusesConfigOutsideProject(t *testing.T) {
	p := pushedProject(t, "android", false)
	rel := p.Config().ClientConfigFiles()[0]
	outside := filepath.Join(t.TempDir(), "elsewhere.json")
	if err := os.WriteFile(outside, []byte(`{"UserAgent": "outside", "secret": "from outside"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	abs := p.Path(rel)
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, abs); err != nil {
		t.Fatal(err)
	}
	files, err := Render(p, Config{ProjectRegion: "us-east-1"}, FormatAll)
	var oe *project.OutsideError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v, files %d, want an OutsideError", err, len(files))
	}
}

// ForProject takes the pushed REST APIs of amplify-meta.json in file order
// (an unpushed one and an AppSync API are skipped), and the rendered files
// carry them. (The AppSync entry is not pushed: a pushed one needs its
// schema file, TestForProjectGraphQL.)
func TestForProjectRestAPIs(t *testing.T) {
	p := pushedProject(t, project.FrontendJavaScript, false)
	path := p.Path(project.MetaPath(project.BackendDir))
	var meta map[string]any
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	meta["api"] = json.RawMessage(`{
	  "zorders": {"service": "API Gateway", "providerPlugin": "awscloudformation", "lastPushTimeStamp": "2026-01-02T03:04:05.000Z",
	    "output": {"ApiName": "zorders", "RootUrl": "https://f6g7h8i9j0.execute-api.us-east-1.amazonaws.com/dev", "ApiId": "f6g7h8i9j0",
	      "Region": "us-east-1", "AuthorizationType": "AMAZON_COGNITO_USER_POOLS"}},
	  "graphql": {"service": "AppSync", "providerPlugin": "awscloudformation",
	    "output": {"GraphQLAPIEndpointOutput": "https://x.appsync-api.us-east-1.amazonaws.com/graphql"}},
	  "notyet": {"service": "API Gateway", "providerPlugin": "awscloudformation"},
	  "items": {"service": "API Gateway", "providerPlugin": "awscloudformation", "lastPushTimeStamp": "2026-01-02T03:04:05.000Z",
	    "output": {"ApiName": "items", "RootUrl": "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev", "ApiId": "a1b2c3d4e5"}}
	}`)
	out, _ := json.MarshalIndent(meta, "", "  ")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = project.Load(p.Root())
	if err != nil {
		t.Fatal(err)
	}
	c, err := ForProject(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []RestAPIConfig{
		{Name: "zorders", Endpoint: "https://f6g7h8i9j0.execute-api.us-east-1.amazonaws.com/dev", Region: "us-east-1", AuthorizationType: "AMAZON_COGNITO_USER_POOLS"},
		// No Region or AuthorizationType recorded: the project region and
		// AWS_IAM, as the Amplify CLI's constructApi defaults it.
		{Name: "items", Endpoint: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev", Region: "us-east-1", AuthorizationType: "AWS_IAM"},
	}
	if d := cmp.Diff(want, c.RestAPIs); d != "" {
		t.Errorf("RestAPIs (-want +got):\n%s", d)
	}
	if !slices.Contains(c.Envs, p.CurrentEnv()) {
		t.Errorf("Envs = %v, want the current env %q in it", c.Envs, p.CurrentEnv())
	}
}

// Entries of an existing file for APIs ampgo does not render survive; an
// entry of an API ampgo renders is replaced; an entry with ampgo's endpoint
// shape (a stage named after an env: an API since removed) is dropped.
func TestExistingRestEntries(t *testing.T) {
	c := withRestAPI(t).config(t) // itemsapi; envs [dev]
	const (
		stale = `https://zzzzzzzzzz.execute-api.us-east-1.amazonaws.com/dev`
		mine  = `https://q1w2e3r4t5.execute-api.us-east-1.amazonaws.com/v1`
	)
	existingJS := `const awsmobile = {"aws_cloud_logic_custom": [
	  {"name": "itemsapi", "endpoint": "https://old.example.com", "region": "us-east-1"},
	  {"name": "removed", "endpoint": "` + stale + `", "region": "us-east-1"},
	  {"name": "external", "endpoint": "` + mine + `", "region": "us-east-1"}]};
export default awsmobile;`
	tests := []struct {
		name      string
		c         Config
		wantNames []string
	}{
		{"with ampgo's API", c, []string{"itemsapi", "external"}},
		// itemsapi's entry is then a user's (not ampgo's endpoint shape).
		{"no API of ampgo's", Config{ProjectRegion: "us-east-1", Envs: []string{"dev"}}, []string{"itemsapi", "external"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderAWSExports(tt.c, []byte(existingJS))
			if err != nil {
				t.Fatal(err)
			}
			obj, err := readAWSExports(got)
			if err != nil {
				t.Fatal(err)
			}
			var list []struct{ Name, Endpoint string }
			if _, err := obj.Decode("aws_cloud_logic_custom", &list); err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range list {
				names = append(names, e.Name)
				if e.Name == "itemsapi" && tt.c.renders("itemsapi") && e.Endpoint != itemsAPI.Endpoint {
					t.Errorf("itemsapi endpoint = %s, want ampgo's %s", e.Endpoint, itemsAPI.Endpoint)
				}
			}
			if d := cmp.Diff(tt.wantNames, names); d != "" {
				t.Errorf("aws_cloud_logic_custom names (-want +got):\n%s", d)
			}
		})
	}
	// All entries ampgo's and none rendered: no key at all.
	got, err := RenderAWSExports(Config{ProjectRegion: "us-east-1", Envs: []string{"dev"}},
		[]byte(`const awsmobile = {"aws_cloud_logic_custom": [{"name": "removed", "endpoint": "`+stale+`"}]};
export default awsmobile;`))
	if err != nil || strings.Contains(string(got), "aws_cloud_logic_custom") {
		t.Errorf("stale-only list not dropped: %v\n%s", err, got)
	}

	existingNative := `{"api": {"plugins": {
	  "awsAPIPlugin": {
	    "gql": {"endpointType": "GraphQL", "endpoint": "https://x.appsync-api.us-east-1.amazonaws.com/graphql", "region": "us-east-1", "authorizationType": "API_KEY", "apiKey": "k"},
	    "removed": {"endpointType": "REST", "endpoint": "` + stale + `", "region": "us-east-1", "authorizationType": "AWS_IAM"},
	    "itemsapi": {"endpointType": "REST", "endpoint": "https://old.example.com", "region": "us-east-1", "authorizationType": "NONE"},
	    "external": {"endpointType": "REST", "endpoint": "` + mine + `", "region": "us-east-1", "authorizationType": "AWS_IAM"}},
	  "otherPlugin": {"x": 1}}, "extra": true}}`
	native, err := RenderNativeJSON(c, []byte(existingNative))
	if err != nil {
		t.Fatal(err)
	}
	top, err := readJSONFile("amplifyconfiguration.json", native)
	if err != nil {
		t.Fatal(err)
	}
	plugin := top.LookupObject("api", "plugins", apiPluginKey)
	if d := cmp.Diff([]string{"itemsapi", "gql", "external"}, plugin.Keys()); d != "" {
		t.Errorf("awsAPIPlugin entries (-want +got):\n%s", d)
	}
	var items struct{ Endpoint, AuthorizationType string }
	_, _ = plugin.Decode("itemsapi", &items)
	if items.Endpoint != itemsAPI.Endpoint || items.AuthorizationType != "AWS_IAM" {
		t.Errorf("itemsapi not replaced: %+v", items)
	}
	if !top.LookupObject("api", "plugins").Has("otherPlugin") || !top.LookupObject("api").Has("extra") {
		t.Errorf("other api plugins or keys lost:\n%s", native)
	}
	if _, problems := nativeView(native); len(problems) > 0 {
		t.Errorf("merged file breaks the native rules: %v", problems)
	}
}

// ForProject takes the pushed GraphQL APIs with an endpoint, in
// amplify-meta.json order, with the modes as recorded (default first) and
// the model introspection of the schema file; an API recorded but never
// pushed is left out.
func TestForProjectGraphQL(t *testing.T) {
	p := pushedProject(t, project.FrontendJavaScript, false)
	schema, err := os.ReadFile(filepath.Join("testdata", "graphql-api.schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	want := todoAPI(t)
	modes := append([]string{want.DefaultAuthType}, want.AuthTypes...)
	for _, name := range []string{want.Name, "later"} {
		if err := p.AddGraphQLAPI(project.GraphQLAPI{Name: name, Modes: modes, APIKeyExpirationDays: 7, Auth: "acmeapp1f3c9a2b"}, schema); err != nil {
			t.Fatal(err)
		}
	}
	err = p.SetGraphQLOutput(want.Name, project.GraphQLOutput{GraphQLAPIIdOutput: "abcdefghijklmnopqrstuvwxyz",
		GraphQLAPIEndpointOutput: want.Endpoint, GraphQLAPIKeyOutput: want.APIKey, Region: want.Region, AuthModes: modes},
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p, err = project.Load(p.Root())
	if err != nil {
		t.Fatal(err)
	}
	c, err := ForProject(p)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]GraphQLConfig{want}, c.GraphQLAPIs); d != "" {
		t.Errorf("GraphQLAPIs (-want +got):\n%s", d)
	}
	files, err := Render(p, c, FormatAll)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !bytes.Contains(f.Data, []byte(want.Endpoint)) || !bytes.Contains(f.Data, []byte(`"Todo"`)) {
			t.Errorf("%s lacks the endpoint or the Todo model:\n%s", f.Path, f.Data)
		}
	}

	// A schema that no longer parses names the file and the way out.
	rel := project.GraphQLSchemaPath(want.Name)
	if err := os.WriteFile(p.Path(rel), []byte("type Todo @model @searchable { id: ID! }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = project.Load(p.Root())
	if err != nil {
		t.Fatal(err)
	}
	_, err = ForProject(p)
	var ee *exit.Error
	if !errors.As(err, &ee) || !strings.Contains(ee.Error(), rel) || !strings.Contains(ee.Error(), "@searchable") ||
		!strings.Contains(ee.Fix, "ampgo push") {
		t.Errorf("broken schema: err = %v (fix %q), want an *exit.Error naming %s, the directive and `ampgo push`", err, fixOf(ee), rel)
	}
	t.Logf("broken schema: %v\nfix: %s", err, fixOf(ee))
}

func fixOf(e *exit.Error) string {
	if e == nil {
		return ""
	}
	return e.Fix
}

// An existing aws-exports.js: ampgo's AppSync keys and modelIntrospection
// are replaced by the current API's, and dropped once there is none (a
// removed API); a native file's GraphQL entry of the same name is replaced
// and another one kept.
func TestExistingGraphQLEntries(t *testing.T) {
	c := withGraphQL(t).config(t)
	g := c.GraphQLAPIs[0]
	existingJS := []byte(`const awsmobile = {"aws_project_region": "us-east-1",
	  "aws_appsync_graphqlEndpoint": "https://old.appsync-api.us-east-1.amazonaws.com/graphql",
	  "aws_appsync_region": "us-east-1", "aws_appsync_authenticationType": "API_KEY", "aws_appsync_apiKey": "da2-old",
	  "modelIntrospection": {"version": 1, "models": {"Old": {}}, "enums": {}, "nonModels": {}},
	  "x_custom": 1};
export default awsmobile;`)
	tests := []struct {
		name     string
		c        Config
		wantKeys []string
	}{
		{"with the API", c, []string{"aws_appsync_graphqlEndpoint", "aws_appsync_region", "aws_appsync_authenticationType",
			"aws_appsync_apiKey", "modelIntrospection", "x_custom"}},
		{"API removed", Config{ProjectRegion: "us-east-1"}, []string{"x_custom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderAWSExports(tt.c, existingJS)
			if err != nil {
				t.Fatal(err)
			}
			obj, err := readAWSExports(got)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, k := range obj.Keys() {
				if k == "x_custom" || strings.HasPrefix(k, "aws_appsync") || k == "modelIntrospection" {
					keys = append(keys, k)
				}
			}
			if d := cmp.Diff(tt.wantKeys, keys); d != "" {
				t.Errorf("keys (-want +got):\n%s", d)
			}
			if bytes.Contains(got, []byte("da2-old")) || bytes.Contains(got, []byte(`"Old"`)) {
				t.Errorf("the old API's values survived:\n%s", got)
			}
		})
	}

	existingNative := `{"api": {"plugins": {"awsAPIPlugin": {
	    "` + g.Name + `": {"endpointType": "GraphQL", "endpoint": "https://old.appsync-api.us-east-1.amazonaws.com/graphql", "region": "us-east-1", "authorizationType": "API_KEY", "apiKey": "da2-old"},
	    "theirs": {"endpointType": "GraphQL", "endpoint": "https://y.appsync-api.us-east-1.amazonaws.com/graphql", "region": "us-east-1", "authorizationType": "AWS_IAM"}}}}}`
	native, err := RenderNativeJSON(c, []byte(existingNative))
	if err != nil {
		t.Fatal(err)
	}
	seen, problems := nativeView(native)
	if len(problems) > 0 {
		t.Errorf("merged file breaks the native rules: %v", problems)
	}
	want := map[string]nativeSeenAPI{
		g.Name:   {Endpoint: g.Endpoint, Region: g.Region, AuthorizationType: g.DefaultAuthType, APIKey: g.APIKey},
		"theirs": {Endpoint: "https://y.appsync-api.us-east-1.amazonaws.com/graphql", Region: "us-east-1", AuthorizationType: "AWS_IAM"},
	}
	if d := cmp.Diff(want, seen.GraphQLAPIs); d != "" {
		t.Errorf("GraphQL entries (-want +got):\n%s", d)
	}
}
