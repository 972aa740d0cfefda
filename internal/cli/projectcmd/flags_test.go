package projectcmd

// Flags → options, gh style (clitest.CheckFlags): no project, no AWS.

import (
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

func TestInitFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[initOptions]{
		{Name: "nothing given: asked or defaulted later", Args: nil, Want: initOptions{}},
		{Name: "every flag", Args: []string{"--project", "acmeapp", "--env", "prod", "--frontend", "flutter", "--source-dir", "lib"},
			Want: initOptions{project: "acmeapp", env: "prod", frontend: "flutter", sourceDir: "lib"}},
		{Name: "project of 20 characters", Args: []string{"--project", "abcdefghijklmnopqrst"}, Want: initOptions{project: "abcdefghijklmnopqrst"}},
		{Name: "project of 3 characters", Args: []string{"--project", "abc"}, Want: initOptions{project: "abc"}},
		{Name: "project too short", Args: []string{"--project", "ab"}, WantErr: `invalid project name "ab"`, WantHint: "--project abapp"},
		{Name: "project too long", Args: []string{"--project", "abcdefghijklmnopqrstu"}, WantErr: "must be 3 to 20 letters or digits", WantHint: "--project abcdefghijklmnopqrst"},
		{Name: "project with a dash", Args: []string{"--project", "my-app"}, WantErr: `invalid project name "my-app"`, WantHint: "--project myapp"},
		{Name: "env with a digit", Args: []string{"--env", "dev1"}, WantErr: `invalid environment name "dev1"`, WantHint: "2 to 10 lower-case letters"},
		{Name: "env upper case", Args: []string{"--env", "Dev"}, WantErr: `invalid environment name "Dev"`},
		{Name: "unknown frontend", Args: []string{"--frontend", "web"}, WantErr: `unknown --frontend "web"`, WantHint: "javascript, android, ios, flutter"},
		{Name: "every problem at once", Args: []string{"--frontend", "web", "--project", "x", "--env", "D"},
			WantErr: "unknown --frontend \"web\"\ninvalid project name \"x\": must be 3 to 20 letters or digits\ninvalid environment name \"D\""},
		{Name: "argument", Args: []string{"myapp"}, WantErr: `unexpected argument "myapp"`},
	}, NewCmdInit)
}

func TestGenerateConfigFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[generateConfigOptions]{
		{Name: "defaults", Want: generateConfigOptions{format: "all", fm: clientconfig.FormatAll}},
		{Name: "one file to stdout", Args: []string{"--format", "outputs", "--out", "-"},
			Want: generateConfigOptions{format: "outputs", fm: clientconfig.FormatOutputs, out: "-"}},
		{Name: "secret into a folder", Args: []string{"--format", "amplifyconfiguration", "--out", "build", "--include-client-secret"},
			Want: generateConfigOptions{format: "amplifyconfiguration", fm: clientconfig.FormatAmplifyConfiguration, out: "build", includeSecret: true}},
		{Name: "unknown format", Args: []string{"--format", "yaml"}, WantErr: `unknown --format "yaml"`, WantHint: "aws-exports, amplifyconfiguration, outputs, all"},
		{Name: "format is case-sensitive", Args: []string{"--format", "ALL"}, WantErr: `unknown --format "ALL"`},
	}, NewCmdGenerate, "config")
}

func TestStatusAndPushFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[statusOptions]{
		{Name: "status", Want: statusOptions{}},
		{Name: "status --offline", Args: []string{"--offline"}, Want: statusOptions{offline: true}},
		{Name: "status argument", Args: []string{"dev"}, WantErr: `unexpected argument "dev"`},
	}, NewCmdStatus)
	clitest.CheckFlags(t, []clitest.FlagCase[pushOptions]{
		{Name: "push", Want: pushOptions{}},
		{Name: "push --dry-run", Args: []string{"--dry-run"}, Want: pushOptions{dryRun: true}},
		{Name: "push bad flag value", Args: []string{"--dry-run=maybe"}, WantErr: `invalid argument "maybe"`},
	}, NewCmdPush)
}

// TestGenerateSecretRefusedOffline: --include-client-secret where no file
// may carry a secret fails with exit 2 in process, before any AWS config.
func TestGenerateSecretRefusedOffline(t *testing.T) {
	tests := []struct {
		name     string
		frontend string
		args     []string
		want     string
	}{
		{name: "javascript", frontend: project.FrontendJavaScript, want: "native configs only"},
		{name: "android outputs", frontend: project.FrontendAndroid, args: []string{"--format", "outputs"}, want: "native configs only"},
		{name: "android without pushed auth", frontend: project.FrontendAndroid, want: "no pushed auth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1") // any AWS call would fail with another error
			dir := t.TempDir()
			if _, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "eu-west-1", Frontend: tt.frontend}); err != nil {
				t.Fatal(err)
			}
			f, out, _ := clitest.Factory(dir, nil)
			gen := NewCmdGenerate(f, nil)
			err := clitest.Run(gen, append([]string{"config", "--include-client-secret", "--out", "-"}, tt.args...)...)
			if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v (exit %d), want a usage error with %q", err, exit.Code(err), tt.want)
			}
			if out.Len() > 0 {
				t.Errorf("stdout: %q", out.String())
			}
		})
	}
}
