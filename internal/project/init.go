package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/jsonobj"
)

// InitOptions describes a new project. Empty Env, Frontend and SourceDir take
// the Amplify CLI defaults (dev, javascript, src).
type InitOptions struct {
	ProjectName string
	Env         string
	Region      string
	Profile     string // AWS profile recorded for Env; "" for the default chain
	Frontend    string // javascript, android, ios or flutter
	SourceDir   string // javascript only
}

// withDefaults fills the defaults in.
func (o InitOptions) withDefaults() InitOptions {
	if o.Env == "" {
		o.Env = "dev"
	}
	if o.Frontend == "" {
		o.Frontend = FrontendJavaScript
	}
	if o.SourceDir == "" {
		o.SourceDir = DefaultSourceDir
	}
	return o
}

// validate reports every problem at once (DESIGN.md §1 promise 2).
func (o InitOptions) validate() error {
	var errs []error
	errs = append(errs, ValidateProjectName(o.ProjectName), ValidateEnvName(o.Env), ValidateRegion(o.Region))
	if !slices.Contains(Frontends, o.Frontend) {
		errs = append(errs, exit.UsageErrorf("pass --frontend "+strings.Join(Frontends, ", "),
			"invalid frontend %q", o.Frontend))
	}
	if src := cleanRel(o.SourceDir); filepath.IsAbs(o.SourceDir) || src == ".." || strings.HasPrefix(src, "../") {
		errs = append(errs, exit.UsageErrorf("pass a folder inside the project, for example --source-dir src",
			"invalid source folder %q: must be inside the project", o.SourceDir))
	}
	return errors.Join(errs...)
}

// Init creates a project in dir (which must exist): the files of DESIGN.md §3
// for one environment, which becomes the current one, and an ampgo block in
// .gitignore (appended to an existing file, or replacing an earlier ampgo
// block). It refuses with a *ProjectExistsError (ErrProjectExists) when
// dir/amplify exists, and leaves nothing behind when it fails.
func Init(dir string, o InitOptions) (*Project, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("init project %s: %w", dir, err)
	}
	amp := filepath.Join(root, "amplify")
	// Mkdir is the atomic "is there a project here?" test: two inits racing
	// in one folder cannot both succeed.
	if err := os.Mkdir(amp, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, &ProjectExistsError{Dir: amp}
		}
		return nil, fmt.Errorf("init project %s: %w", root, err)
	}
	p, err := newInitProject(root, o)
	if err == nil {
		var gi []byte
		if gi, err = gitignoreContent(p, p.Config()); err == nil {
			err = p.StageFile(".gitignore", gi, 0o644)
		}
	}
	if err == nil {
		err = p.save()
	}
	if err != nil {
		_ = os.RemoveAll(amp)
		return nil, fmt.Errorf("init project %s: %w", root, err)
	}
	return p, nil
}

// newInitProject builds the files of a new project in memory.
func newInitProject(root string, o InitOptions) (*Project, error) {
	p := newProject(root)
	obj, err := jsonobj.FromValue(newProjectConfig(o))
	if err != nil {
		return nil, err
	}
	p.replace(ProjectConfigFile, obj)
	p.edit(BackendConfigPath(BackendDir))
	if err := p.AddEnv(o.Env, EnvOptions{Region: o.Region, Profile: o.Profile}); err != nil {
		return nil, err
	}
	// Checkout writes local-env-info.json and amplify-meta.json "providers".
	if err := p.Checkout(o.Env); err != nil {
		return nil, err
	}
	return p, nil
}

// Markers of ampgo's block in .gitignore.
const (
	gitignoreBegin = "# ampgo-do-not-edit-begin"
	gitignoreEnd   = "# ampgo-do-not-edit-end"
)

// gitignoreLines are the local files of DESIGN.md §3 that must not be
// committed, then the generated client config of the frontend.
func gitignoreLines(cfg ProjectConfig) []string {
	lines := []string{
		LocalEnvInfoFile,
		LocalAWSInfoFile,
		LockFile,
		InflightFile, // a deploy in flight (see inflight.go)
		journalFile,  // a save interrupted mid-commit, until the next command finishes it
		MetaPath(BackendDir),
		BackendDir + "/.temp",
		CurrentCloudBackendDir,
		"*" + tempPattern,  // leftovers of an interrupted atomic write
		"*" + trashPattern, // and of an interrupted folder removal
	}
	for _, f := range cfg.ClientConfigFiles() {
		lines = append(lines, "/"+f) // anchored: only this file, not any file of that name
	}
	return lines
}

// gitignoreContent returns .gitignore with ampgo's block replaced or
// appended.
func gitignoreContent(p *Project, cfg ProjectConfig) ([]byte, error) {
	path, err := p.SafePath(".gitignore")
	if err != nil {
		return nil, err
	}
	old, err := readCapped(path, ".gitignore")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	block := gitignoreBegin + "\n" + strings.Join(gitignoreLines(cfg), "\n") + "\n" + gitignoreEnd + "\n"
	text := string(old)
	begin, end := strings.Index(text, gitignoreBegin), strings.Index(text, gitignoreEnd)
	switch {
	case begin >= 0 && end > begin:
		rest := strings.TrimPrefix(text[end+len(gitignoreEnd):], "\n")
		text = text[:begin] + block + rest
	case text == "":
		text = block
	default:
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		text += "\n" + block
	}
	return []byte(text), nil
}
