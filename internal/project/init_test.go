package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/google/go-cmp/cmp"
)

func TestInitGolden(t *testing.T) {
	tests := []struct {
		name string
		opts InitOptions
	}{
		{name: "init_javascript", opts: InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1", Profile: "acme"}},
		{name: "init_javascript_srcdir", opts: InitOptions{ProjectName: "acmeapp", Region: "eu-west-1", SourceDir: "./web/src/"}},
		{name: "init_android", opts: InitOptions{ProjectName: "acmeapp", Env: "prod", Region: "us-east-1", Frontend: FrontendAndroid}},
		{name: "init_ios", opts: InitOptions{ProjectName: "acmeapp", Region: "us-east-1", Frontend: FrontendIOS}},
		{name: "init_flutter", opts: InitOptions{ProjectName: "acmeapp", Region: "us-east-1", Frontend: FrontendFlutter}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p, err := Init(dir, tt.opts)
			if err != nil {
				t.Fatalf("Init: %v", err)
			}
			checkGolden(t, dir, tt.name)
			env, err := p.Env()
			if err != nil {
				t.Fatalf("CurrentEnv: %v", err)
			}
			loaded := mustLoad(t, dir)
			if diff := cmp.Diff(p.Config(), loaded.Config()); diff != "" {
				t.Errorf("config after load (-init +load):\n%s", diff)
			}
			if got := loaded.CurrentEnv(); got != env {
				t.Errorf("loaded env = %q, want %q", got, env)
			}
		})
	}
}

func TestInitRefusesExistingProject(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "amplify"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Init(dir, InitOptions{ProjectName: "acmeapp", Region: "us-east-1"})
	if !errors.Is(err, ErrProjectExists) {
		t.Fatalf("Init = %v, want ErrProjectExists", err)
	}
	if !strings.Contains(err.Error(), filepath.Join(dir, "amplify")) {
		t.Errorf("error %q does not say where", err)
	}
	if exit.Hint(err) == "" {
		t.Errorf("error has no hint")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "amplify"))
	if len(entries) != 0 {
		t.Errorf("Init wrote into the existing amplify/: %v", entries)
	}
}

func TestInitValidation(t *testing.T) {
	tests := []struct {
		name string
		opts InitOptions
		want []string // substrings of the error, all reported at once
	}{
		{name: "everything wrong", opts: InitOptions{ProjectName: "a-b", Env: "Dev1", Region: "", Frontend: "vue"},
			want: []string{"project name", "environment name", "missing region", "frontend"}},
		{name: "source dir outside", opts: InitOptions{ProjectName: "acmeapp", Region: "us-east-1", SourceDir: "../src"},
			want: []string{"source folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := Init(dir, tt.opts)
			if err == nil {
				t.Fatal("Init succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if exit.Code(err) != exit.Usage {
				t.Errorf("exit code = %d, want %d", exit.Code(err), exit.Usage)
			}
			if _, err := os.Stat(filepath.Join(dir, "amplify")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("amplify/ exists after a failed init")
			}
		})
	}
}

func TestInitGitignore(t *testing.T) {
	opts := InitOptions{ProjectName: "acmeapp", Region: "us-east-1"}
	block := "# ampgo-do-not-edit-begin\n"
	tests := []struct {
		name     string
		existing string
		check    func(t *testing.T, got string)
	}{
		{name: "appends to existing", existing: "node_modules/\n.env", check: func(t *testing.T, got string) {
			if !strings.HasPrefix(got, "node_modules/\n.env\n\n"+block) {
				t.Errorf("existing lines not kept in front:\n%s", got)
			}
		}},
		{name: "replaces old block", existing: "a\n" + block + "old-line\n# ampgo-do-not-edit-end\nb\n", check: func(t *testing.T, got string) {
			if strings.Contains(got, "old-line") || !strings.HasPrefix(got, "a\n"+block) || !strings.HasSuffix(got, "-end\nb\n") {
				t.Errorf("block not replaced in place:\n%s", got)
			}
			if strings.Count(got, block) != 1 {
				t.Errorf("want one block:\n%s", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(tt.existing), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := Init(dir, opts); err != nil {
				t.Fatalf("Init: %v", err)
			}
			data, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, string(data))
			if fi, _ := os.Stat(filepath.Join(dir, ".gitignore")); fi.Mode().Perm() != 0o600 {
				t.Errorf(".gitignore mode = %v, want 0600 kept", fi.Mode().Perm())
			}
		})
	}
}

func TestInitFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	beforeRename = func(path string) error {
		if strings.HasSuffix(path, ".gitignore") {
			return errors.New("injected")
		}
		return nil
	}
	t.Cleanup(func() { beforeRename = nil })
	if _, err := Init(dir, InitOptions{ProjectName: "acmeapp", Region: "us-east-1"}); err == nil {
		t.Fatal("Init succeeded despite the injected failure")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("folder not empty after failed init: %v", entries)
	}
}
