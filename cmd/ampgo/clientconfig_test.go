package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ampgo/ampgo/internal/testenv"
)

// clientFiles are the client config files push writes per frontend, and
// which of them are native (use the native app client).
var clientFiles = map[string]map[string]bool{
	"javascript": {"src/aws-exports.js": false, "src/amplifyconfiguration.json": false, "amplify_outputs.json": false},
	"android": {"app/src/main/res/raw/amplifyconfiguration.json": true, "app/src/main/res/raw/awsconfiguration.json": true,
		"amplify_outputs.json": false},
	"ios":     {"amplifyconfiguration.json": true, "awsconfiguration.json": true, "amplify_outputs.json": false},
	"flutter": {"lib/amplifyconfiguration.dart": true, "amplify_outputs.json": false},
}

// closedEndpoint is an AWS_ENDPOINT_URL nobody listens on: a command that
// calls AWS with it fails, so success proves it made no call.
func closedEndpoint(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// TestClientConfigPerFrontend: init --frontend X, import, push writes every
// file of the frontend, with the native client (and its own redirect URIs)
// in native files and the web client in JavaScript and amplify_outputs.json;
// `generate config --out DIR` then writes the same bytes without AWS.
func TestClientConfigPerFrontend(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	offline := ampgoEnv(t, closedEndpoint(t))
	sch := outputsSchema(t)
	for fe, files := range clientFiles {
		t.Run(fe, func(t *testing.T) {
			dir := t.TempDir()
			mustRun(t, dir, env, "init", "--project", "acmeapp", "--env", "dev", "--region", "us-east-1", "--frontend", fe, "--yes")
			mustRun(t, dir, env, importArgs(s)...)
			push := mustRun(t, dir, env, "push", "--yes")
			out := t.TempDir()
			gen := mustRun(t, dir, offline, "generate", "config", "--out", out)
			if gen.stdout != "" {
				t.Errorf("generate config printed data on stdout: %q", gen.stdout)
			}
			for rel, native := range files {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
				if err != nil {
					t.Fatalf("push did not write %s: %v\n%s", rel, err, push.stderr)
				}
				if !strings.Contains(push.stderr, "Wrote "+rel) {
					t.Errorf("push did not report %s:\n%s", rel, push.stderr)
				}
				checkClientFile(t, rel, data, native, s)
				offlineCopy, err := os.ReadFile(filepath.Join(out, filepath.Base(rel)))
				if err != nil || !bytes.Equal(offlineCopy, data) {
					t.Errorf("generate config --out wrote other bytes for %s (err %v)", rel, err)
				}
			}
			if err := validateSchema(sch, filepath.Join(dir, "amplify_outputs.json")); err != nil {
				t.Errorf("amplify_outputs.json: %v", err)
			}
		})
	}
}

// checkClientFile checks which client, redirect URIs and secret a file has.
func checkClientFile(t *testing.T, rel string, data []byte, native bool, s *testenv.Setup) {
	t.Helper()
	want, other, redirect := s.WebClientID, s.NativeClientID, "https://app.example.com/"
	if native {
		want, other, redirect = s.NativeClientID, s.WebClientID, "myapp://callback/"
	}
	for _, must := range []string{s.UserPoolID, s.IdentityPoolID, want, redirect} {
		if !bytes.Contains(data, []byte(must)) {
			t.Errorf("%s lacks %s", rel, must)
		}
	}
	if bytes.Contains(data, []byte(other)) {
		t.Errorf("%s holds the other app client %s", rel, other)
	}
	if bytes.Contains(data, []byte(s.NativeClientSecret)) {
		t.Errorf("%s holds the native client's secret", rel)
	}
}

func outputsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join("..", "..", "internal", "clientconfig", "testdata", "amplify_outputs-v1.4.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSchema(sch *jsonschema.Schema, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	inst, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestGenerateConfigSecretAndErrors: the secret only on request, only in the
// native files, with a loud warning; the usage and state errors.
func TestGenerateConfigSecretAndErrors(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := t.TempDir()
	mustRun(t, dir, env, "init", "--project", "acmeapp", "--env", "dev", "--region", "us-east-1", "--frontend", "android", "--yes")
	mustRun(t, dir, env, importArgs(s)...)

	r := runAmpgo(t, dir, ampgoEnv(t, closedEndpoint(t)), "", "generate", "config")
	if r.code != 1 || !strings.Contains(r.stderr, "ampgo push") {
		t.Errorf("generate before push: want exit 1 naming `ampgo push`, got %d:\n%s", r.code, r.stderr)
	}
	mustRun(t, dir, env, "push", "--yes")

	out := t.TempDir()
	r = mustRun(t, dir, env, "generate", "config", "--include-client-secret", "--out", out)
	if !strings.Contains(r.stderr, "WARNING") || !strings.Contains(strings.ToLower(r.stderr), "without a secret") {
		t.Errorf("no loud warning about the shipped secret:\n%s", r.stderr)
	}
	for name, want := range map[string]bool{"amplifyconfiguration.json": true, "awsconfiguration.json": true, "amplify_outputs.json": false} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if has := bytes.Contains(data, []byte(s.NativeClientSecret)); has != want {
			t.Errorf("%s: secret included = %v, want %v", name, has, want)
		}
	}
	pushed, _ := os.ReadFile(filepath.Join(dir, "app", "src", "main", "res", "raw", "amplifyconfiguration.json"))
	if bytes.Contains(pushed, []byte(s.NativeClientSecret)) {
		t.Error("--out wrote into the project")
	}

	stdout := mustRun(t, dir, ampgoEnv(t, closedEndpoint(t)), "generate", "config", "--format", "outputs", "--out", "-")
	if onDisk, _ := os.ReadFile(filepath.Join(dir, "amplify_outputs.json")); stdout.stdout != string(onDisk) {
		t.Errorf("--out - printed other bytes than the file:\n%s", stdout.stdout)
	}
	for _, args := range [][]string{
		{"generate", "config", "--format", "aws-exports"},
		{"generate", "config", "--format", "yaml"},
		{"generate", "config", "--include-client-secret", "--format", "outputs"},
		{"generate", "config", "--out", "-"},
	} {
		if r := runAmpgo(t, dir, ampgoEnv(t, closedEndpoint(t)), "", args...); r.code != 2 || r.stdout != "" {
			t.Errorf("%v: want exit 2 and no stdout, got %d:\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}
