package projectcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cli/clitest"
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
