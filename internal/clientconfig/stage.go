package clientconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// Format selects which client config files Render produces.
type Format string

// The formats of `ampgo generate config --format`.
const (
	// FormatAWSExports is aws-exports.js (javascript only).
	FormatAWSExports Format = "aws-exports"
	// FormatAmplifyConfiguration is the frontend's amplifyconfiguration file:
	// .json for javascript, android and ios (plus the legacy
	// awsconfiguration.json on android and ios), .dart for flutter.
	FormatAmplifyConfiguration Format = "amplifyconfiguration"
	// FormatOutputs is amplify_outputs.json at the project root.
	FormatOutputs Format = "outputs"
	// FormatAll is every file of the frontend.
	FormatAll Format = "all"
)

// Formats lists the formats in the order `--help` shows them.
var Formats = []Format{FormatAWSExports, FormatAmplifyConfiguration, FormatOutputs, FormatAll}

// File is one rendered client config file.
type File struct {
	// Path is the slash path relative to the project root
	// (ProjectConfig.ClientConfigFiles).
	Path string
	// Data is the file content.
	Data []byte
}

// ForProject builds the neutral Config of the project's current environment:
// auth, storage, REST and GraphQL APIs are included only once they were pushed (they
// have lastPushTimeStamp and their outputs), as in the Amplify CLI.
func ForProject(p *project.Project) (Config, error) {
	c := Config{ProjectRegion: p.EnvRegion(p.CurrentEnv()), Envs: p.Envs()}
	storage, err := p.S3Storage()
	if err != nil {
		return c, err
	}
	for _, s := range storage {
		if s.LastPushTimeStamp != "" && s.Output.BucketName != "" {
			c.Storage = &StorageConfig{BucketName: s.Output.BucketName, Region: firstNonEmpty(s.Output.Region, c.ProjectRegion)}
			break // a project has one S3 resource, as in the Amplify CLI
		}
	}
	if c.RestAPIs, err = restAPIs(p, c.ProjectRegion); err != nil {
		return c, err
	}
	if c.GraphQLAPIs, err = graphQLAPIs(p, c.ProjectRegion); err != nil {
		return c, err
	}
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

// restAPIs are the pushed REST APIs of amplify-meta.json, in file order.
// Like the Amplify CLI's getAPIGWConfig (amplify-frontend-javascript
// lib/frontend-config-creator.js), an API counts once its outputs have an
// ApiName and a RootUrl.
func restAPIs(p *project.Project, projectRegion string) ([]RestAPIConfig, error) {
	metas, err := p.RestAPIsMeta()
	if err != nil {
		return nil, err
	}
	var out []RestAPIConfig
	for _, m := range metas {
		if m.LastPushTimeStamp == "" || m.Output.RootUrl == "" {
			continue
		}
		out = append(out, RestAPIConfig{
			Name:              firstNonEmpty(m.Output.ApiName, m.Name),
			Endpoint:          m.Output.RootUrl,
			Region:            firstNonEmpty(m.Output.Region, projectRegion),
			AuthorizationType: firstNonEmpty(m.Output.AuthorizationType, "AWS_IAM"),
		})
	}
	return out, nil
}

// CheckPushed fails when the project has imported auth that is not recorded
// as pushed in this checkout (a fresh clone has no amplify-meta.json): the
// config would silently lack auth. Push writes the config itself, so only
// `ampgo generate config` needs this check.
func CheckPushed(p *project.Project) error {
	a, ok := p.ImportedAuth()
	if !ok || a.Meta.LastPushTimeStamp != "" {
		return nil
	}
	return &exit.Error{Code: exit.Failure,
		Err: fmt.Errorf("generate client config: auth %q of environment %q is not pushed in this checkout "+
			"(amplify/backend/amplify-meta.json has no pushed record of it)", a.Name, p.CurrentEnv()),
		Fix: "run `ampgo push` first (in a fresh clone: `ampgo env checkout " + p.CurrentEnv() + "`, then `ampgo push`)"}
}

// Render renders the client config files of the project's frontend that
// format selects, in the order of ProjectConfig.ClientConfigFiles. Existing
// files are read so that keys users added survive (aws-exports.js, the
// native configs).
func Render(p *project.Project, c Config, format Format) ([]File, error) {
	pc := p.Config()
	if format == FormatAWSExports && pc.Frontend != project.FrontendJavaScript {
		return nil, exit.UsageErrorf("use --format amplifyconfiguration, outputs or all",
			"--format aws-exports is for the javascript frontend; this project's frontend is %s", pc.Frontend)
	}
	var files []File
	for _, rel := range pc.ClientConfigFiles() {
		if !selected(format, path.Base(rel)) {
			continue
		}
		abs, err := p.SafePath(rel)
		if err != nil {
			return nil, err
		}
		existing, err := os.ReadFile(abs)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read %s: %w", rel, err)
		}
		data, err := renderFile(pc.Frontend, path.Base(rel), c, existing)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: rel, Data: data})
	}
	return files, nil
}

// selected reports whether format includes the file named base.
func selected(format Format, base string) bool {
	switch format {
	case FormatAWSExports:
		return base == "aws-exports.js"
	case FormatAmplifyConfiguration:
		return base == "amplifyconfiguration.json" || base == "amplifyconfiguration.dart" || base == "awsconfiguration.json"
	case FormatOutputs:
		return base == project.GenerationOutputsFile
	}
	return true
}

// renderFile picks the renderer of one file of a frontend.
func renderFile(frontend, base string, c Config, existing []byte) ([]byte, error) {
	switch {
	case base == project.GenerationOutputsFile:
		return RenderOutputs(c)
	case base == "aws-exports.js":
		return RenderAWSExports(c, existing)
	case base == "amplifyconfiguration.json" && frontend == project.FrontendJavaScript:
		return RenderAmplifyConfigurationJSON(c)
	case base == "amplifyconfiguration.json":
		return RenderNativeJSON(c, existing)
	case base == "amplifyconfiguration.dart":
		return RenderDart(c, existing)
	case base == "awsconfiguration.json":
		return RenderAWSConfiguration(c, existing)
	}
	return nil, fmt.Errorf("render client config: no renderer for %s of the %s frontend", base, frontend)
}

// Stage renders every client config file of the project's frontend and
// stages them in the project's next Save, so they are written in the same
// atomic step as the project state. It returns the staged paths. Push uses
// it; it never includes a client secret.
func Stage(p *project.Project) ([]string, error) {
	c, err := ForProject(p)
	if err != nil {
		return nil, err
	}
	files, err := Render(p, c, FormatAll)
	if err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(files))
	for _, f := range files {
		if err := p.StageFile(f.Path, f.Data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, f.Path)
	}
	return paths, nil
}
