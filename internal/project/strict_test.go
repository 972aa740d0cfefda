package project

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
)

// Hostile or broken project files fail at Load with exit 1, naming the file
// and the JSON path, with a fix (issue 10 items 1, 4 and 7).
func TestLoadStrict(t *testing.T) {
	bc := BackendConfigPath(BackendDir)
	ccb := BackendConfigPath(CurrentCloudBackendDir)
	storageBC := `{"storage":{"files":{"service":"S3","providerPlugin":"awscloudformation","dependsOn":[]}}}`
	functionBC := `{"function":{"fn":{"build":true,"providerPlugin":"awscloudformation","service":"Lambda","dependsOn":[]}}}`
	apiBC := `{"api":{"shop":{"service":"API Gateway","providerPlugin":"awscloudformation","dependsOn":[]}}}`
	apiInputs := "amplify/backend/api/shop/cli-inputs.json"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
		hint  string
	}{
		{name: "storage name climbs out", files: map[string]string{bc: `{"storage":{"../../../../victimdir":{"service":"S3"}}}`},
			want: []string{bc, `storage["../../../../victimdir"]`, "invalid resource name"}, hint: "git checkout -- " + bc},
		{name: "function name climbs out", files: map[string]string{bc: `{"function":{"../x":{}}}`},
			want: []string{bc, `function["../x"]`}},
		{name: "other category", files: map[string]string{bc: `{"api":{"a/b":{}}}`}, want: []string{`api["a/b"]`}},
		{name: "category name climbs out", files: map[string]string{bc: `{"../x":{}}`}, want: []string{`$["../x"]`}},
		{name: "current cloud backend", files: map[string]string{ccb: `{"storage":{"..":{}}}`},
			want: []string{ccb, `storage[".."]`}, hint: "delete " + ccb},
		{name: "meta", files: map[string]string{MetaPath(BackendDir): `{"function":{"a b":{}}}`},
			want: []string{MetaPath(BackendDir), `function["a b"]`}, hint: "next `ampgo push`"},
		{name: "null backend-config", files: map[string]string{bc: `null`}, want: []string{bc, "$: found null"}},
		{name: "array backend-config", files: map[string]string{bc: `[]`}, want: []string{bc, "found an array"}},
		{name: "string backend-config", files: map[string]string{bc: `"x"`}, want: []string{bc, `found the string "x"`}},
		{name: "garbage backend-config", files: map[string]string{bc: `{"auth": nope`}, want: []string{bc, "not JSON"}},
		{name: "category not an object", files: map[string]string{bc: `{"storage":[]}`}, want: []string{"$.storage: found an array"}},
		{name: "resource null", files: map[string]string{bc: `{"storage":{"files":null}}`}, want: []string{"$.storage.files: found null"}},
		{name: "resource field type", files: map[string]string{bc: `{"storage":{"files":{"service":1}}}`},
			want: []string{"$.storage.files.service: found number", "want a string"}},
		{name: "parameters wrong", files: map[string]string{bc: `{"parameters":{"x":{"usedBy":"y"}}}`}, want: []string{"$.parameters.x.usedBy"}},
		{name: "env name climbs out", files: map[string]string{TeamProviderInfoFile: `{"../x":{}}`},
			want: []string{TeamProviderInfoFile, `$["../x"]`, "invalid environment name"}},
		{name: "env not an object", files: map[string]string{TeamProviderInfoFile: `{"dev":null}`}, want: []string{"$.dev: found null"}},
		{name: "env provider wrong", files: map[string]string{TeamProviderInfoFile: `{"dev":{"awscloudformation":{"Region":7}}}`},
			want: []string{"$.dev.awscloudformation.Region"}},
		{name: "env category name", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"storage":{"../y":{}}}}}`},
			want: []string{`$.dev.categories.storage["../y"]`}},
		{name: "auth source kind", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"auth":{"a":{"userPoolId":"x","source":{"kind":"s3","file":"x"}}}}}}`},
			want: []string{TeamProviderInfoFile, "$.dev.categories.auth.a.source", `unknown source kind "s3"`}},
		{name: "auth source stack", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"auth":{"a":{"source":{"kind":"cloudformation","stack":"$(rm -rf ~)"}}}}}}`},
			want: []string{"$.dev.categories.auth.a.source", "not a stack name"}},
		{name: "managed not an object", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"auth":{"a":{"managed":"yes"}}}}}`},
			want: []string{TeamProviderInfoFile, "$.dev.categories.auth.a.managed", `found the string "yes"`}},
		{name: "managed field type", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"auth":{"a":{"managed":{"allowUserPoolDeletion":"true"}}}}}}`},
			want: []string{"$.dev.categories.auth.a.managed.allowUserPoolDeletion", "want a boolean"}},
		{name: "managed settings type", files: map[string]string{bc: `{"auth":{"a":{"service":"Cognito","serviceType":"imported"}}}`,
			"amplify/backend/auth/a/managed-auth.json": `{"signIn":"email"}`},
			want: []string{"amplify/backend/auth/a/managed-auth.json", "$.signIn"}},
		{name: "auth source file", files: map[string]string{TeamProviderInfoFile: "{\"dev\":{\"categories\":{\"auth\":{\"a\":{\"source\":{\"kind\":\"terraform\",\"file\":\"a\\u001b[2Jb\"}}}}}}"},
			want: []string{"$.dev.categories.auth.a.source", "control character"}},
		{name: "auth source key", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"auth":{"a":{"source":{"kind":"outputs","file":"x","secret":"y"}}}}}}`},
			want: []string{"$.dev.categories.auth.a.source.secret", "unknown key"}},
		{name: "auth source type", files: map[string]string{TeamProviderInfoFile: `{"dev":{"categories":{"auth":{"a":{"source":"infra.tfstate"}}}}}`},
			want: []string{"$.dev.categories.auth.a.source", "want an object"}},
		{name: "current env name", files: map[string]string{LocalEnvInfoFile: `{"envName":"../../x"}`},
			want: []string{LocalEnvInfoFile, "$.envName"}, hint: "delete " + LocalEnvInfoFile},
		{name: "aws info env name", files: map[string]string{LocalAWSInfoFile: `{"A B":{}}`}, want: []string{LocalAWSInfoFile}, hint: "delete " + LocalAWSInfoFile},
		{name: "garbage cli-inputs", files: map[string]string{bc: storageBC, "amplify/backend/storage/files/cli-inputs.json": `garbage`},
			want: []string{"amplify/backend/storage/files/cli-inputs.json", "not JSON"}},
		{name: "cli-inputs wrong type", files: map[string]string{bc: storageBC, "amplify/backend/storage/files/cli-inputs.json": `{"authAccess":"READ"}`},
			want: []string{"cli-inputs.json: $.authAccess: found string", "want an array"}},
		{name: "garbage function-parameters", files: map[string]string{bc: functionBC, "amplify/backend/function/fn/function-parameters.json": `[1]`},
			want: []string{"function-parameters.json: $: found an array"}},
		{name: "function-parameters wrong type", files: map[string]string{bc: functionBC, "amplify/backend/function/fn/function-parameters.json": `{"permissions":{"auth":"x"}}`},
			want: []string{"$.permissions: found string"}},
		{name: "api path climbs out", files: map[string]string{bc: apiBC, apiInputs: `{"version":1,"managedBy":"ampgo","paths":{"/../../x":{"lambdaFunction":"fn"}}}`},
			want: []string{apiInputs, `$.paths["/../../x"]`, "invalid segment"}},
		{name: "api proxy path", files: map[string]string{bc: apiBC, apiInputs: `{"version":1,"managedBy":"ampgo","paths":{"/a/{proxy+}":{"lambdaFunction":"fn"}}}`},
			want: []string{apiInputs, `{proxy+}`}},
		{name: "api function climbs out", files: map[string]string{bc: apiBC, apiInputs: `{"version":1,"managedBy":"ampgo","paths":{"/items":{"lambdaFunction":"../fn"}}}`},
			want: []string{apiInputs, `$.paths["/items"].lambdaFunction`, "invalid resource name"}},
		{name: "api authorizer", files: map[string]string{bc: apiBC, apiInputs: `{"version":1,"managedBy":"ampgo","authorizer":"none","paths":{}}`},
			want: []string{"$.authorizer", `"none"`}},
		{name: "api paths wrong type", files: map[string]string{bc: apiBC, apiInputs: `{"version":1,"paths":[]}`},
			want: []string{"$.paths: found array", "want an object"}},
		{name: "unknown version", files: map[string]string{ProjectConfigFile: `{"projectName":"acmeapp","version":"4.0","frontend":"ios","providers":[]}`},
			want: []string{ProjectConfigFile, "$.version", `"4.0"`}},
		{name: "source dir climbs out", files: map[string]string{ProjectConfigFile: `{"projectName":"acmeapp","version":"3.1","frontend":"javascript","javascript":{"config":{"SourceDir":"../../etc"}},"providers":[]}`},
			want: []string{"$.javascript.config.SourceDir"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestProject(t)
			for rel, data := range tt.files {
				writeRel(t, p.Root(), rel, data)
			}
			_, err := Load(p.Root())
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if c := exit.Code(err); c != exit.Failure {
				t.Errorf("exit code %d, want 1", c)
			}
			hint := tt.hint
			if hint == "" {
				hint = "git checkout -- "
			}
			if h := exit.Hint(err); !strings.Contains(h, hint) {
				t.Errorf("hint %q does not contain %q", h, hint)
			}
		})
	}
}

// A huge file fails before it is read (issue 10 item 6: 400 MB of
// team-provider-info.json made status use 4 GB). The file is sparse, so the
// test writes nothing.
func TestLoadHugeFile(t *testing.T) {
	p := newTestProject(t)
	f, err := os.OpenFile(p.Path(TeamProviderInfoFile), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(400 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(p.Root())
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != TeamProviderInfoFile || !strings.Contains(err.Error(), "419430400 bytes") {
		t.Fatalf("Load = %v, want a *FileError naming %s and its size", err, TeamProviderInfoFile)
	}
}

// readCapped stops at the cap even when the size it saw first was small
// (a file that grows while it is read).
func TestReadCappedLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(path, bytes.Repeat([]byte(" "), maxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCapped(path, "f.json"); err == nil || !strings.Contains(err.Error(), "f.json") {
		t.Fatalf("readCapped = %v, want too big", err)
	}
}

// A command never writes over a file it could not parse: Load refuses, so
// no Save can follow (issue 10 item 4).
func TestBrokenFileNeverRewritten(t *testing.T) {
	p := newTestProject(t)
	for _, data := range []string{`null`, `[]`, `"x"`, `{"storage":null}`} {
		writeRel(t, p.Root(), BackendConfigPath(BackendDir), data)
		if _, err := Load(p.Root()); err == nil {
			t.Fatalf("Load with backend-config.json %s succeeded", data)
		}
		got, _ := os.ReadFile(p.Path(BackendConfigPath(BackendDir)))
		if string(got) != data {
			t.Fatalf("backend-config.json changed to %q", got)
		}
	}
}

// writeRel writes a project file, creating its folder.
func writeRel(t *testing.T, root, rel, data string) {
	t.Helper()
	abs := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(abs, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
