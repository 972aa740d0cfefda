package project

import (
	"path"
	"strings"
)

// Frontends ampgo can init, as in the Amplify CLI.
const (
	FrontendJavaScript = "javascript"
	FrontendAndroid    = "android"
	FrontendIOS        = "ios"
	FrontendFlutter    = "flutter"
)

// Frontends lists the frontends in the order the CLI offers them.
var Frontends = []string{FrontendJavaScript, FrontendAndroid, FrontendIOS, FrontendFlutter}

// Defaults of the frontend settings, as the Amplify CLI writes them.
const (
	DefaultSourceDir       = "src"
	DefaultDistributionDir = "dist"
	DefaultBuildCommand    = "npm run-script build"
	DefaultStartCommand    = "npm run-script start"
	DefaultAndroidResDir   = "app/src/main/res"
	DefaultFlutterResDir   = "./lib/"
)

// ProjectConfig is amplify/.config/project-config.json (committed).
type ProjectConfig struct {
	ProjectName string            `json:"projectName"`
	Version     string            `json:"version"`
	Frontend    string            `json:"frontend"`
	JavaScript  *JavaScriptConfig `json:"javascript,omitempty"`
	Android     *ResDirFrontend   `json:"android,omitempty"`
	IOS         *IOSFrontend      `json:"ios,omitempty"`
	Flutter     *ResDirFrontend   `json:"flutter,omitempty"`
	Providers   []string          `json:"providers"`
}

// JavaScriptConfig is the "javascript" block of project-config.json.
type JavaScriptConfig struct {
	Framework string             `json:"framework"`
	Config    JavaScriptSettings `json:"config"`
}

// JavaScriptSettings is "javascript.config" of project-config.json.
type JavaScriptSettings struct {
	SourceDir       string `json:"SourceDir"`
	DistributionDir string `json:"DistributionDir"`
	BuildCommand    string `json:"BuildCommand"`
	StartCommand    string `json:"StartCommand"`
}

// ResDirFrontend is the "android" or "flutter" block of project-config.json.
type ResDirFrontend struct {
	Config ResDirSettings `json:"config"`
}

// ResDirSettings holds the folder of the generated native config.
type ResDirSettings struct {
	ResDir string `json:"ResDir"`
}

// IOSFrontend is the "ios" block of project-config.json; it has no settings.
type IOSFrontend struct{}

// Config returns project-config.json. Load has checked that it decodes.
func (p *Project) Config() ProjectConfig {
	var c ProjectConfig
	_ = p.read(ProjectConfigFile).DecodeInto(&c)
	return c
}

// SourceDir is the JavaScript source folder (slash path relative to the
// root), where aws-exports.js goes.
func (c ProjectConfig) SourceDir() string {
	if c.JavaScript == nil || c.JavaScript.Config.SourceDir == "" {
		return DefaultSourceDir
	}
	return cleanRel(c.JavaScript.Config.SourceDir)
}

// ResDir is the native resource folder (slash path relative to the root) of
// an Android or Flutter project, or "" for other frontends.
func (c ProjectConfig) ResDir() string {
	switch {
	case c.Frontend == FrontendAndroid && c.Android != nil && c.Android.Config.ResDir != "":
		return cleanRel(c.Android.Config.ResDir)
	case c.Frontend == FrontendAndroid:
		return DefaultAndroidResDir
	case c.Frontend == FrontendFlutter && c.Flutter != nil && c.Flutter.Config.ResDir != "":
		return cleanRel(c.Flutter.Config.ResDir)
	case c.Frontend == FrontendFlutter:
		return cleanRel(DefaultFlutterResDir)
	}
	return ""
}

// ClientConfigFiles lists the generated client config files of the project's
// frontend (slash paths relative to the root): what `ampgo generate config`
// writes and the .gitignore block ignores. amplify_outputs.json (Gen 2 style)
// is written at the root for every frontend (DESIGN.md §3).
func (c ProjectConfig) ClientConfigFiles() []string {
	var files []string
	switch c.Frontend {
	case FrontendJavaScript:
		files = []string{path.Join(c.SourceDir(), "aws-exports.js"), path.Join(c.SourceDir(), "amplifyconfiguration.json")}
	case FrontendAndroid:
		raw := path.Join(c.ResDir(), "raw")
		files = []string{path.Join(raw, "amplifyconfiguration.json"), path.Join(raw, "awsconfiguration.json")}
	case FrontendIOS:
		files = []string{"amplifyconfiguration.json", "awsconfiguration.json"}
	case FrontendFlutter:
		files = []string{path.Join(c.ResDir(), "amplifyconfiguration.dart")}
	}
	return append(files, GenerationOutputsFile)
}

// cleanRel turns a user-written folder ("./src/", "src\\app") into a clean
// slash path relative to the root ("." for the root itself).
func cleanRel(dir string) string {
	return path.Clean(strings.ReplaceAll(dir, "\\", "/"))
}

// newProjectConfig builds project-config.json for Init.
func newProjectConfig(o InitOptions) ProjectConfig {
	c := ProjectConfig{ProjectName: o.ProjectName, Version: ProjectConfigVersion,
		Frontend: o.Frontend, Providers: []string{ProviderPlugin}}
	switch o.Frontend {
	case FrontendJavaScript:
		c.JavaScript = &JavaScriptConfig{Framework: "none", Config: JavaScriptSettings{
			SourceDir: o.SourceDir, DistributionDir: DefaultDistributionDir,
			BuildCommand: DefaultBuildCommand, StartCommand: DefaultStartCommand}}
	case FrontendAndroid:
		c.Android = &ResDirFrontend{Config: ResDirSettings{ResDir: DefaultAndroidResDir}}
	case FrontendIOS:
		c.IOS = &IOSFrontend{}
	case FrontendFlutter:
		c.Flutter = &ResDirFrontend{Config: ResDirSettings{ResDir: DefaultFlutterResDir}}
	}
	return c
}
