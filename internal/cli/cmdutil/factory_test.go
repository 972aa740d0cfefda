package cmdutil_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

func TestCallTimeout(t *testing.T) {
	tests := []struct {
		name     string
		flag     string // "" when not given
		env      string // AMPGO_CALL_TIMEOUT
		want     time.Duration
		flagErr  string // Set fails with this
		wantCode int    // of Resolve
	}{
		{name: "default", want: awsx.DefaultCallTimeout},
		{name: "flag", flag: "2m", want: 2 * time.Minute},
		{name: "variable", env: "300ms", want: 300 * time.Millisecond},
		{name: "flag wins over the variable", flag: "5s", env: "bad", want: 5 * time.Second},
		{name: "flag not a duration", flag: "30", flagErr: "not a duration"},
		{name: "flag zero", flag: "0s", flagErr: "must be more than 0"},
		{name: "flag negative", flag: "-1s", flagErr: "must be more than 0"},
		{name: "bad variable is a usage error", env: "soon", wantCode: exit.Usage},
		{name: "zero variable is a usage error", env: "0", wantCode: exit.Usage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AMPGO_CALL_TIMEOUT", tt.env)
			var c cmdutil.CallTimeout
			if tt.flag != "" {
				err := c.Set(tt.flag)
				if tt.flagErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.flagErr) {
						t.Fatalf("Set(%q) = %v, want %q", tt.flag, err, tt.flagErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			got, err := c.Resolve()
			if exit.Code(err) != tt.wantCode {
				t.Fatalf("Resolve = %v (exit %d), want exit %d", err, exit.Code(err), tt.wantCode)
			}
			if err == nil && got != tt.want {
				t.Errorf("Resolve = %v, want %v", got, tt.want)
			}
			if err != nil && !strings.Contains(exit.Hint(err), "AMPGO_CALL_TIMEOUT") {
				t.Errorf("fix %q does not name the variable", exit.Hint(err))
			}
		})
	}
}

// awsFiles points the SDK at a config and credentials file with two
// profiles, each with its own key, and clears the variables that would win
// over them.
func awsFiles(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	write(t, cfg, "[default]\nregion = sa-east-1\n[profile envprof]\nregion = ap-south-1\n[profile flagprof]\nregion = ca-central-1\n")
	write(t, creds, "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\n"+
		"[envprof]\naws_access_key_id = AKIAENVPROF\naws_secret_access_key = s\n"+
		"[flagprof]\naws_access_key_id = AKIAFLAGPROF\naws_secret_access_key = s\n")
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)
	for _, v := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AMPGO_CALL_TIMEOUT"} {
		t.Setenv(v, "")
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestEnvAWSConfig: the prologue of every command that reaches AWS for an
// environment takes the environment's recorded profile and region, and the
// global flags win over them; no AWS call is made.
func TestEnvAWSConfig(t *testing.T) {
	awsFiles(t)
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "eu-west-1", Profile: "envprof"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name            string
		profile, region string // --profile, --region
		wantKey         string
		wantRegion      string
		wantProfile     string // EnvProfile
	}{
		{name: "environment's profile and region", wantKey: "AKIAENVPROF", wantRegion: "eu-west-1", wantProfile: "envprof"},
		{name: "--region wins", region: "us-west-2", wantKey: "AKIAENVPROF", wantRegion: "us-west-2", wantProfile: "envprof"},
		{name: "--profile wins, region stays the environment's", profile: "flagprof", wantKey: "AKIAFLAGPROF", wantRegion: "eu-west-1", wantProfile: "flagprof"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := clitest.Factory(dir, nil)
			f.Profile, f.Region = tt.profile, tt.region
			if got := f.EnvProfile(p, "dev"); got != tt.wantProfile {
				t.Errorf("EnvProfile = %q, want %q", got, tt.wantProfile)
			}
			cfg, err := f.EnvAWSConfig(context.Background(), p, "dev")
			if err != nil {
				t.Fatal(err)
			}
			creds, err := cfg.Credentials.Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Region != tt.wantRegion || creds.AccessKeyID != tt.wantKey {
				t.Errorf("config region %q key %q, want %q %q", cfg.Region, creds.AccessKeyID, tt.wantRegion, tt.wantKey)
			}
		})
	}
	t.Run("unknown profile is a credentials error", func(t *testing.T) {
		f, _, _ := clitest.Factory(dir, nil)
		f.Profile = "nosuch"
		if _, err := f.EnvAWSConfig(context.Background(), p, "dev"); exit.Code(err) != exit.Credentials {
			t.Errorf("EnvAWSConfig = %v (exit %d), want exit %d", err, exit.Code(err), exit.Credentials)
		}
	})
	t.Run("bad AMPGO_CALL_TIMEOUT is a usage error", func(t *testing.T) {
		t.Setenv("AMPGO_CALL_TIMEOUT", "soon")
		f, _, _ := clitest.Factory(dir, nil)
		if _, err := f.EnvAWSConfig(context.Background(), p, "dev"); exit.Code(err) != exit.Usage {
			t.Errorf("EnvAWSConfig = %v (exit %d), want exit %d", err, exit.Code(err), exit.Usage)
		}
	})
}

func TestPrintJSON(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{name: "indented, one newline", v: map[string]any{"files": []string{"src/aws-exports.js"}},
			want: "{\n  \"files\": [\n    \"src/aws-exports.js\"\n  ]\n}\n"},
		{name: "no HTML escaping", v: map[string]string{"path": "a<b>&c"}, want: "{\n  \"path\": \"a<b>&c\"\n}\n"},
		{name: "null", v: nil, want: "null\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, _ := clitest.Factory(t.TempDir(), nil)
			if err := f.PrintJSON(tt.v); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("PrintJSON wrote %q, want %q", out.String(), tt.want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	for output, want := range map[string]bool{"json": true, "text": false} {
		if got := (&cmdutil.Factory{Output: output}).JSON(); got != want {
			t.Errorf("--output %s: JSON() = %v", output, got)
		}
	}
}

func TestOpenProject(t *testing.T) {
	root := t.TempDir()
	if _, err := project.Init(root, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "eu-west-1"}); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "src", "components")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name     string
		dir      string
		readOnly bool
		wantCode int
	}{
		{name: "root", dir: root},
		{name: "below the root", dir: sub},
		{name: "read-only below the root", dir: sub, readOnly: true},
		{name: "no project", dir: empty, wantCode: exit.Usage},
		{name: "no project, read-only", dir: empty, readOnly: true, wantCode: exit.Usage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := clitest.Factory(tt.dir, nil)
			open := f.OpenProject
			if tt.readOnly {
				open = f.OpenProjectReadOnly
			}
			p, release, err := open()
			if exit.Code(err) != tt.wantCode {
				t.Fatalf("open = %v (exit %d), want exit %d", err, exit.Code(err), tt.wantCode)
			}
			if err != nil {
				if !strings.Contains(exit.Hint(err), "ampgo init") || !errors.Is(err, project.ErrNoProject) {
					t.Errorf("error %v (fix %q): want a no-project error that says `ampgo init`", err, exit.Hint(err))
				}
				return
			}
			defer release()
			if p.Config().ProjectName != "acmeapp" {
				t.Errorf("opened project %q", p.Config().ProjectName)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	tests := []struct {
		name     string
		yes      bool
		terminal *clitest.Prompter // nil: no terminal
		wantCode int
		wantErr  string
		asked    bool
	}{
		{name: "--yes asks nothing", yes: true, terminal: &clitest.Prompter{}},
		{name: "--yes without a terminal", yes: true},
		{name: "answered yes", terminal: &clitest.Prompter{Answers: []string{"yes"}}, asked: true},
		{name: "answered no: nothing changed, exit 0", terminal: &clitest.Prompter{Answers: []string{"no"}}, wantErr: "nothing changed", asked: true},
		{name: "no terminal names --yes", wantCode: exit.Usage, wantErr: "confirmation needed: Go?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", "")
			var f *cmdutil.Factory
			if tt.terminal != nil {
				f, _, _ = clitest.Factory(t.TempDir(), tt.terminal)
			} else {
				f, _, _ = clitest.Factory(t.TempDir(), nil)
			}
			f.Yes = tt.yes
			err := cmdutil.Confirm(f, "Go?")
			if exit.Code(err) != tt.wantCode || (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Confirm = %v (exit %d), want exit %d with %q", err, exit.Code(err), tt.wantCode, tt.wantErr)
			}
			if tt.wantCode == exit.Usage && !strings.Contains(exit.Hint(err), "--yes") {
				t.Errorf("fix %q does not name --yes", exit.Hint(err))
			}
			if tt.terminal != nil && (len(tt.terminal.Asked) > 0) != tt.asked {
				t.Errorf("asked %q, want asked=%v", tt.terminal.Asked, tt.asked)
			}
		})
	}
}

func TestCanPrompt(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		yes      bool
		ci       string
		want     bool
	}{
		{name: "terminal", terminal: true, want: true},
		{name: "no terminal", want: false},
		{name: "--yes", terminal: true, yes: true, want: false},
		{name: "CI=true", terminal: true, ci: "true", want: false},
		{name: "CI=1 is not CI=true", terminal: true, ci: "1", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			var pr *clitest.Prompter
			f, _, _ := clitest.Factory(t.TempDir(), nil)
			if tt.terminal {
				pr = &clitest.Prompter{}
				f, _, _ = clitest.Factory(t.TempDir(), pr)
			}
			f.Yes = tt.yes
			if got := f.CanPrompt(); got != tt.want {
				t.Errorf("CanPrompt = %v, want %v", got, tt.want)
			}
			if got := f.Prompter().Interactive(); got != tt.want {
				t.Errorf("Prompter().Interactive() = %v, want %v", got, tt.want)
			}
			if got, want := f.Headless(), !tt.terminal || tt.ci == "true"; got != want {
				t.Errorf("Headless() = %v, want %v", got, want)
			}
		})
	}
}
