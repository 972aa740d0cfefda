package projectcmd

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// TestInitDefaultName: without --project and a terminal, the project is
// named after its folder by project.NormalizeProjectName, the one rule
// (init used to have its own, with "ampgoapp" for short names).
func TestInitDefaultName(t *testing.T) {
	tests := []struct {
		folder, want string
	}{
		{folder: "shopfront", want: "shopfront"},
		{folder: "my-app.v2", want: "myappv2"},
		{folder: "abcdefghijklmnopqrstuvwxyz", want: "abcdefghijklmnopqrst"},
		{folder: "ab", want: "abapp"},
		{folder: "a-b", want: "abapp"},
		{folder: "日本語", want: "app"},
		{folder: "__", want: "app"},
	}
	for _, tt := range tests {
		t.Run(tt.folder, func(t *testing.T) {
			t.Setenv("CI", "")
			dir := filepath.Join(t.TempDir(), tt.folder)
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			f, _, _ := clitest.Factory(dir, nil)
			o := &initOptions{f: f}
			if err := o.ask(); err != nil {
				t.Fatal(err)
			}
			if want := (initOptions{f: f, project: tt.want, env: "dev", frontend: "javascript", sourceDir: "src"}); *o != want {
				t.Errorf("options %+v, want %+v", *o, want)
			}
		})
	}
}

// TestInitAsks: on a terminal every question is asked, and what is typed
// is checked by the rules of package project before init goes on.
func TestInitAsks(t *testing.T) {
	questions := []string{"Enter a name for the project", "Enter a name for the environment",
		"AWS profile (empty: the default credentials chain)", "AWS region", "Choose the type of app that you're building", "Source directory path"}
	tests := []struct {
		name    string
		answers []string
		want    initOptions
		asked   int
		wantErr string
	}{
		{name: "every answer", answers: []string{"shop", "staging", "work", "eu-west-1", "javascript", "web/src"},
			want: initOptions{project: "shop", env: "staging", profile: "work", region: "eu-west-1", frontend: "javascript", sourceDir: "web/src"}, asked: 6},
		{name: "native frontend: no source folder", answers: []string{"shop", "dev", "", "us-east-1", "ios"},
			want: initOptions{project: "shop", env: "dev", region: "us-east-1", frontend: "ios", sourceDir: "src"}, asked: 5},
		{name: "bad project name typed", answers: []string{"my app"}, asked: 1, wantErr: `invalid project name "my app"`},
		{name: "bad environment name typed", answers: []string{"shop", "Prod1"}, asked: 2, wantErr: `invalid environment name "Prod1"`},
		{name: "bad region typed", answers: []string{"shop", "dev", "", "mars-1"}, asked: 4, wantErr: `invalid region "mars-1"`},
		{name: "region without Cognito", answers: []string{"shop", "dev", "", "cn-north-1"}, asked: 4, wantErr: `unknown region "cn-north-1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", "")
			pr := &clitest.Prompter{Answers: tt.answers}
			f, _, _ := clitest.Factory(t.TempDir(), pr)
			o := &initOptions{f: f}
			err := o.ask()
			if (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("ask = %v, want %q", err, tt.wantErr)
			}
			if diff := cmp.Diff(questions[:tt.asked], pr.Asked); diff != "" {
				t.Errorf("questions (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			tt.want.f = f
			if *o != tt.want {
				t.Errorf("options %+v, want %+v", *o, tt.want)
			}
		})
	}
}

// TestInitWithoutTerminalNeedsNothing: without a terminal every question
// takes its default, so nothing is missing (the region may still come
// from the SDK chain, which initRun checks).
func TestInitWithoutTerminalNeedsNothing(t *testing.T) {
	f, _, _ := clitest.Factory(t.TempDir(), nil)
	f.Profile, f.Region = "work", "eu-west-1"
	o := &initOptions{f: f, project: "shop"}
	if err := o.ask(); err != nil {
		t.Fatal(err)
	}
	if want := (initOptions{f: f, project: "shop", env: "dev", profile: "work", region: "eu-west-1", frontend: "javascript", sourceDir: "src"}); *o != want {
		t.Errorf("options %+v, want %+v", *o, want)
	}
}

// TestInitRegionFlag: --region must be a region where Cognito exists; a
// typo is a usage error (exit 2) that names the closest one, before any
// question.
func TestInitRegionFlag(t *testing.T) {
	tests := []struct {
		region, wantErr, wantFix string
	}{
		{region: "eu-west-1"},
		{region: "us-est-1", wantErr: `unknown region "us-est-1"`, wantFix: "did you mean us-east-1?"},
		{region: "eu-centrl-1", wantErr: `unknown region "eu-centrl-1"`, wantFix: "did you mean eu-central-1?"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			f, _, _ := clitest.Factory(t.TempDir(), nil)
			f.Region = tt.region
			called := false
			err := clitest.Run(NewCmdInit(f, func(*initOptions) error { called = true; return nil }))
			if tt.wantErr == "" {
				if err != nil || !called {
					t.Fatalf("init --region %s = %v (ran %v), want it to run", tt.region, err, called)
				}
				return
			}
			if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(exit.Hint(err), tt.wantFix) {
				t.Fatalf("error %v (exit %d, fix %q), want exit 2 with %q and fix %q", err, exit.Code(err), exit.Hint(err), tt.wantErr, tt.wantFix)
			}
			if called {
				t.Error("init ran after a usage error")
			}
		})
	}
}

// TestInitExistingProjectAsksNothing: in a folder that already holds a
// project, init fails as project.Init does, before the first question.
func TestInitExistingProjectAsksNothing(t *testing.T) {
	t.Setenv("CI", "")
	dir := t.TempDir()
	if _, err := project.Init(dir, project.InitOptions{ProjectName: "shop", Region: "us-east-1"}); err != nil {
		t.Fatal(err)
	}
	pr := &clitest.Prompter{}
	f, _, _ := clitest.Factory(dir, pr)
	err := clitest.Run(NewCmdInit(f, nil))
	if !errors.Is(err, project.ErrProjectExists) {
		t.Fatalf("init = %v, want ErrProjectExists", err)
	}
	if len(pr.Asked) > 0 {
		t.Errorf("asked %q before refusing", pr.Asked)
	}
}

// TestRegionChoice: the default region comes first (enter takes it), every
// Cognito region is offered once, and an unknown default falls back to
// us-east-1.
func TestRegionChoice(t *testing.T) {
	tests := []struct{ def, first string }{
		{def: "eu-west-1", first: "eu-west-1"},
		{def: "", first: "us-east-1"},
		{def: "us-est-1", first: "us-east-1"},
	}
	for _, tt := range tests {
		c := regionChoice(tt.def)
		if c.Options[0].Value != tt.first {
			t.Errorf("regionChoice(%q) starts with %s, want %s", tt.def, c.Options[0].Value, tt.first)
		}
		seen := map[string]bool{}
		for _, o := range c.Options {
			seen[o.Value] = true
		}
		if len(seen) != len(c.Options) || !c.Filter || !seen["ap-southeast-2"] {
			t.Errorf("regionChoice(%q): %d options, %d distinct, filter %v", tt.def, len(c.Options), len(seen), c.Filter)
		}
	}
}
