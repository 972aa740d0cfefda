package project

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sync"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// EnvImportedAuth returns the imported auth resource's recorded values for
// env (team-provider-info.json <env>.categories.auth.<name>), whether or not
// env is the current environment. ok is false when the project has no
// imported auth or env has no entry for it.
func (p *Project) EnvImportedAuth(env string) (name string, ids EnvAuth, ok bool) {
	name, found := p.importedAuthName(BackendDir)
	if !found || !p.read(TeamProviderInfoFile).Has(env) {
		return name, ids, false
	}
	tpiAuth := p.read(TeamProviderInfoFile).LookupObject(env, "categories", CategoryAuth)
	// Load has decoded every entry once (check), so an error cannot happen.
	found, _ = tpiAuth.Decode(name, &ids)
	return name, ids, found && ids.UserPoolID != ""
}

// AuthSource is where an environment's imported auth ids were read from
// (issue 15), recorded in team-provider-info.json
// <env>.categories.auth.<name>.source so that `ampgo auth refresh` reads it
// again: {"kind":"cloudformation","stack":"auth-prod"},
// {"kind":"terraform","file":"infra/terraform.tfstate"} or
// {"kind":"outputs","file":"../web/amplify_outputs.json"}. A file inside
// the project is relative to its root. It never holds a secret.
type AuthSource struct {
	Kind  string `json:"kind"`
	Stack string `json:"stack,omitempty"`
	File  string `json:"file,omitempty"`
}

// authSourceKey is the key of the source in the auth entry. It is not an
// EnvAuth field: EnvAuth's keys are the resource's parameters.
const authSourceKey = "source"

// Kinds of AuthSource.
const (
	SourceCloudFormation = "cloudformation"
	SourceTerraform      = "terraform"
	SourceOutputs        = "outputs"
)

// sourceStackARNRE is a stack ARN (nested stacks are named by ARN);
// stackNameRE (inflight.go) is a stack name. Both compile on first use:
// their {0,127} repetitions cost every ampgo start ~1 ms (issue 16).
var sourceStackARNRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^arn:aws(-[a-z]+)*:cloudformation:[a-z0-9-]+:[0-9]{12}:stack/[A-Za-z][A-Za-z0-9-]{0,127}/[A-Za-z0-9-]{1,64}$`)
})

// maxSourcePath bounds a recorded file path (PATH_MAX on Linux).
const maxSourcePath = 4096

// CheckAuthSource checks a source's shape: a known kind, a stack name
// (CloudFormation's pattern) or stack ARN for a stack, a file path without
// control characters for a file, nothing else.
func CheckAuthSource(s AuthSource) error {
	switch s.Kind {
	case SourceCloudFormation:
		if s.File != "" {
			return fmt.Errorf("a cloudformation source has no file")
		}
		if !stackNameRE().MatchString(s.Stack) && !sourceStackARNRE().MatchString(s.Stack) {
			return fmt.Errorf("%q is not a stack name (a letter, then up to 127 letters, digits and '-') or stack ARN", clipText(s.Stack))
		}
	case SourceTerraform, SourceOutputs:
		if s.Stack != "" {
			return fmt.Errorf("a %s source has no stack", s.Kind)
		}
		if s.File == "" || len(s.File) > maxSourcePath {
			return fmt.Errorf("want a file path of 1 to %d bytes", maxSourcePath)
		}
		for _, r := range s.File {
			if r < 0x20 || r == 0x7f {
				return fmt.Errorf("file path %q has a control character", clipText(s.File))
			}
		}
	default:
		return fmt.Errorf("unknown source kind %q (want %s, %s or %s)", clipText(s.Kind), SourceCloudFormation, SourceTerraform, SourceOutputs)
	}
	return nil
}

func clipText(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// EnvAuthSource returns the source recorded for env's imported auth.
func (p *Project) EnvAuthSource(env string) (AuthSource, bool) {
	var s AuthSource
	return s, p.envAuthValue(env, authSourceKey, &s)
}

// envAuthValue decodes the value of key in env's entry of the project's
// auth resource into v; false when there is none. Load has checked every
// such value (checkTeamProviderInfo), so decoding cannot fail.
func (p *Project) envAuthValue(env, key string, v any) bool {
	name, found := p.authName()
	if !found {
		return false
	}
	raw, ok := p.read(TeamProviderInfoFile).Lookup(env, "categories", CategoryAuth, name, key)
	return ok && json.Unmarshal(raw, v) == nil
}

// SetEnvAuthSource records s as env's source (nil removes it). Call it
// after SetImportedAuth, which rewrites the whole auth entry.
func (p *Project) SetEnvAuthSource(env string, s *AuthSource) error {
	name, found := p.importedAuthName(BackendDir)
	if !found || !p.read(TeamProviderInfoFile).LookupObject(env, "categories", CategoryAuth).Has(name) {
		return fmt.Errorf("record auth source of environment %s: no imported auth recorded", env)
	}
	path := []string{env, "categories", CategoryAuth, name, authSourceKey}
	if s == nil {
		return deleteFrom(p, TeamProviderInfoFile, path...)
	}
	if err := CheckAuthSource(*s); err != nil {
		return fmt.Errorf("record auth source of environment %s: %w", env, err)
	}
	return p.edit(TeamProviderInfoFile).PutIn(path, *s)
}

// checkAuthSources checks the source of every auth entry of one
// environment's categories (at is its JSON path): an object with exactly
// the keys of AuthSource, strings, and a shape CheckAuthSource accepts. A
// committed file is input like a flag: a hostile value is refused at load,
// naming the file and the JSON path.
func checkAuthSources(c checker, at string, cats *jsonobj.Object) error {
	return eachAuthValue(c, at, cats, authSourceKey, func(where string, raw json.RawMessage) error {
		obj, err := c.object(where, raw)
		if err != nil {
			return err
		}
		for _, k := range obj.Keys() {
			if k != "kind" && k != "stack" && k != "file" {
				return c.err(jsonKey(where, k), "", fmt.Errorf("unknown key (want kind, stack, file)"))
			}
		}
		var s AuthSource
		if err := c.decode(where, raw, &s); err != nil {
			return err
		}
		if err := CheckAuthSource(s); err != nil {
			return c.err(where, "", err)
		}
		return nil
	})
}

// eachAuthValue calls check with the JSON path and value of key in every
// auth entry of one environment's categories (at is its JSON path) that
// has it.
func eachAuthValue(c checker, at string, cats *jsonobj.Object, key string, check func(where string, raw json.RawMessage) error) error {
	auth, err := cats.Child(CategoryAuth)
	if err != nil || auth == nil {
		return nil // no auth category; categoriesAt checked the shape
	}
	for _, name := range auth.Keys() {
		entry, err := auth.Child(name)
		if err != nil {
			continue
		}
		if raw, ok := entry.Lookup(key); ok {
			if err := check(jsonKey(jsonKey(jsonKey(at, CategoryAuth), name), key), raw); err != nil {
				return err
			}
		}
	}
	return nil
}
