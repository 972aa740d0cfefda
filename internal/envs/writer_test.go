package envs

import (
	"errors"
	"testing"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// TestClientConfigWriter: env add and env checkout write the client config
// with the writer they are given (project.ConfigWriter), report its files,
// and save nothing when it fails.
func TestClientConfigWriter(t *testing.T) {
	errWrite := errors.New("render client config: disk full")
	cases := []struct {
		name    string
		run     func(f *fixture, w project.ConfigWriter) (*Result, error)
		wantEnv string // the current environment after the run
	}{
		{"add", func(f *fixture, w project.ConfigWriter) (*Result, error) {
			return Add(ctx, f.load(), f.chooser(prompt.None{}), f.aws, w, Request{Name: "prod", Yes: true, Region: "us-east-1", Now: now})
		}, "prod"},
		{"checkout", func(f *fixture, w project.ConfigWriter) (*Result, error) {
			return Checkout(ctx, f.load(), f.chooser(prompt.None{}), f.aws, w, Request{Name: "dev", Now: now})
		}, "dev"},
	}
	for _, c := range cases {
		t.Run(c.name+" fails", func(t *testing.T) {
			f := newFixture(t)
			files := func() string {
				return f.read(project.TeamProviderInfoFile) + f.read(project.LocalEnvInfoFile) + f.read(project.MetaPath(project.BackendDir))
			}
			before := files()
			_, err := c.run(f, func(*project.Project) ([]string, error) { return nil, errWrite })
			if !errors.Is(err, errWrite) {
				t.Fatalf("error %v, want the writer's", err)
			}
			if files() != before {
				t.Error("a failed client config write changed project files")
			}
		})
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			calls := 0
			res, err := c.run(f, func(p *project.Project) ([]string, error) {
				calls++
				return []string{"src/written-by-the-writer.js"}, p.StageFile("src/written-by-the-writer.js", []byte("ok\n"), 0o644)
			})
			if err != nil {
				t.Fatal(err)
			}
			if calls != 1 || len(res.Files) != 1 || res.Files[0] != "src/written-by-the-writer.js" || f.read("src/written-by-the-writer.js") != "ok\n" {
				t.Errorf("writer called %d times, files %v", calls, res.Files)
			}
			if p := f.load(); p.CurrentEnv() != c.wantEnv {
				t.Errorf("current env %q, want %q", p.CurrentEnv(), c.wantEnv)
			}
		})
	}
}
