package clientconfig

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// golden compares got with testdata/name byte for byte (users diff these
// files), or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (-want +got):\n%s", path, cmp.Diff(string(want), string(got)))
	}
}

// renderers are every renderer with the golden file suffix it is checked
// against, and whether it may carry the native client's secret.
var renderers = []struct {
	suffix        string
	render        func(Config) ([]byte, error)
	mayHoldSecret bool
}{
	{"aws-exports.js", func(c Config) ([]byte, error) { return RenderAWSExports(c, nil) }, false},
	{"amplifyconfiguration.json", RenderAmplifyConfigurationJSON, false},
	{"amplify_outputs.json", RenderOutputs, false},
	{"native.amplifyconfiguration.json", func(c Config) ([]byte, error) { return RenderNativeJSON(c, nil) }, true},
	{"awsconfiguration.json", func(c Config) ([]byte, error) { return RenderAWSConfiguration(c, nil) }, true},
	{"amplifyconfiguration.dart", func(c Config) ([]byte, error) { return RenderDart(c, nil) }, true},
}

// Every renderer × every scenario, byte for byte. The secret is recorded in
// the fixtures' amplify-meta; it reaches a file only when the caller put it
// into the model (secret-included) and only the native files.
func TestRenderGolden(t *testing.T) {
	for _, fx := range allFixtures(t) {
		for _, r := range renderers {
			t.Run(fx.name+"/"+r.suffix, func(t *testing.T) {
				got, err := r.render(fx.config(t))
				if err != nil {
					t.Fatalf("render: %v", err)
				}
				golden(t, fx.name+"."+r.suffix+".golden", got)
				wantSecret := r.mayHoldSecret && fx.secret != ""
				if has := bytes.Contains(got, []byte(nativeSecret)); has != wantSecret {
					t.Errorf("client secret in %s = %v, want %v:\n%s", r.suffix, has, wantSecret, got)
				}
			})
		}
	}
}

func TestRenderAWSExportsExisting(t *testing.T) {
	existing, err := os.ReadFile(filepath.Join("testdata", "existing-custom-keys.aws-exports.js"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		config Config
		golden string
	}{
		{"preserved custom keys", fullSetup(t).config(t), "preserved-custom-keys.aws-exports.js.golden"},
		{"no auth", Config{ProjectRegion: "us-east-1"}, "no-auth.aws-exports.js.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderAWSExports(tt.config, existing)
			if err != nil {
				t.Fatalf("RenderAWSExports: %v", err)
			}
			golden(t, tt.golden, got)
		})
	}
}

// A file written by ampgo (or by the Amplify CLI, which has the same shape)
// reads back to itself: regenerating is idempotent.
func TestRenderAWSExportsIdempotent(t *testing.T) {
	for _, fx := range allFixtures(t) {
		c := fx.config(t)
		first, err := RenderAWSExports(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		second, err := RenderAWSExports(c, first)
		if err != nil {
			t.Fatalf("%s: render over own output: %v", fx.name, err)
		}
		if !bytes.Equal(first, second) {
			t.Errorf("%s: second render differs:\n%s", fx.name, cmp.Diff(string(first), string(second)))
		}
	}
}

// TestMandatorySignInFollowsTheIdentityPool: switching from an env whose
// identity pool refuses guests to one that allows them drops the
// "enable" written for the first (aws-amplify would refuse guests
// otherwise), and switching back writes it again.
func TestMandatorySignInFollowsTheIdentityPool(t *testing.T) {
	withGuests := func(allow bool) Config {
		c := fullSetup(t).config(t)
		c.Auth.AllowGuestAccess = &allow
		return c
	}
	denied, err := RenderAWSExports(withGuests(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(denied, []byte(`"aws_mandatory_sign_in": "enable"`)) {
		t.Fatalf("guests refused: no aws_mandatory_sign_in:\n%s", denied)
	}
	allowed, err := RenderAWSExports(withGuests(true), denied)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(allowed, []byte("aws_mandatory_sign_in")) {
		t.Errorf("guests allowed: the other env's aws_mandatory_sign_in was kept:\n%s", allowed)
	}
	again, err := RenderAWSExports(withGuests(false), allowed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, denied) {
		t.Errorf("back to the first env: %s", cmp.Diff(string(denied), string(again)))
	}
}

func TestRenderAWSExportsAcceptsGen1Files(t *testing.T) {
	tests := []struct {
		name, existing string
		wantCustom     bool
	}{
		{"empty", "", false},
		{"amplify init placeholder", awsExportsHeader + "{};\n\nexport default awsmobile;\n", false},
		{"old CommonJS template", "const awsmobile = {\"x_custom\": 1};\n\nexports.default = awsmobile;\n", true},
		{"comments around", "// mine\nconst awsmobile = {\"x_custom\": 1}; /* ok */\nexport default awsmobile // end\n", true},
		{"BOM and CRLF", "\ufeffconst awsmobile = {\r\n\"x_custom\": 1\r\n};\r\nexport default awsmobile;\r\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderAWSExports(Config{ProjectRegion: "us-east-1"}, []byte(tt.existing))
			if err != nil {
				t.Fatalf("RenderAWSExports: %v", err)
			}
			if has := strings.Contains(string(got), `"x_custom": 1`); has != tt.wantCustom {
				t.Errorf("custom key kept = %v, want %v:\n%s", has, tt.wantCustom, got)
			}
		})
	}
}

// An aws-exports.js that is not in the generated shape is never clobbered.
func TestRenderAWSExportsRefusesUnreadableFile(t *testing.T) {
	tests := []struct{ name, existing, reason string }{
		{"unquoted keys", "const awsmobile = { aws_project_region: 'us-east-1' };\nexport default awsmobile;\n", "not plain JSON"},
		{"trailing comma", "const awsmobile = {\"a\": 1,};\nexport default awsmobile;\n", "not plain JSON"},
		{"env variable", "const awsmobile = {\"a\": process.env.A};\nexport default awsmobile;\n", "not plain JSON"},
		{"import before", "import x from './x';\nconst awsmobile = {};\nexport default awsmobile;\n", "const awsmobile"},
		{"code after", "const awsmobile = {};\nawsmobile.extra = 1;\nexport default awsmobile;\n", "export default"},
		{"code after export", "const awsmobile = {};\nexport default awsmobile;\nconsole.log(1);\n", "after the export"},
		{"truncated", "const awsmobile = {\"a\": ", "not plain JSON"},
		{"not an object", "const awsmobile = [1];\nexport default awsmobile;\n", "not plain JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderAWSExports(fullSetup(t).config(t), []byte(tt.existing))
			var efe *ExistingFileError
			if !errors.As(err, &efe) {
				t.Fatalf("err = %v (output %q), want *ExistingFileError", err, got)
			}
			if !strings.Contains(efe.Error(), tt.reason) {
				t.Errorf("error %q does not mention %q", efe.Error(), tt.reason)
			}
			if efe.Hint() == "" {
				t.Error("no hint")
			}
		})
	}
}

func TestRenderRejectsIncompleteConfig(t *testing.T) {
	tests := []struct {
		name string
		c    Config
	}{
		{"no project region", Config{}},
		{"no web client", Config{ProjectRegion: "us-east-1", Auth: &AuthConfig{UserPoolID: "us-east-1_x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := RenderAWSExports(tt.c, nil); err == nil {
				t.Error("RenderAWSExports: no error")
			}
			if _, err := RenderAmplifyConfigurationJSON(tt.c); err == nil {
				t.Error("RenderAmplifyConfigurationJSON: no error")
			}
		})
	}
}
