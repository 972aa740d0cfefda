package clientconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"

	"github.com/ampgo/ampgo/internal/project"
)

// ForProject builds the neutral Config of the project's current environment:
// auth is included only once it was pushed (it has lastPushTimeStamp), as in
// the Amplify CLI.
func ForProject(p *project.Project) (Config, error) {
	c := Config{ProjectRegion: p.EnvRegion(p.CurrentEnv())}
	a, ok := p.ImportedAuth()
	if !ok || a.Meta.LastPushTimeStamp == "" {
		return c, nil
	}
	auth, err := FromMeta(c.ProjectRegion, &a.Meta)
	if err != nil {
		return c, err
	}
	auth.AllowGuestAccess = a.Env.AllowUnauthenticatedIdentities
	c.Auth = auth
	return c, nil
}

// Stage renders the client config files of the project's frontend and
// stages them in the project's next Save, so they are written in the same
// atomic step as the project state. It returns the staged paths.
func Stage(p *project.Project) ([]string, error) {
	c, err := ForProject(p)
	if err != nil {
		return nil, err
	}
	if p.Config().Frontend != project.FrontendJavaScript {
		// Native renderers (amplifyconfiguration.json/.dart) are not built
		// yet; push says so instead of failing.
		return nil, nil
	}
	dir := p.Config().SourceDir()
	exportsPath := path.Join(dir, "aws-exports.js")
	existing, err := os.ReadFile(p.Path(exportsPath))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", exportsPath, err)
	}
	exports, err := RenderAWSExports(c, existing)
	if err != nil {
		return nil, err
	}
	jsonConfig, err := RenderAmplifyConfigurationJSON(c)
	if err != nil {
		return nil, err
	}
	jsonPath := path.Join(dir, "amplifyconfiguration.json")
	for rel, data := range map[string][]byte{exportsPath: exports, jsonPath: jsonConfig} {
		if err := p.StageFile(rel, data, 0o644); err != nil {
			return nil, err
		}
	}
	return []string{exportsPath, jsonPath}, nil
}
