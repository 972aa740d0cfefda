package project

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/jsonobj"
)

// ResourceRef names one resource of the project.
type ResourceRef struct {
	Category string
	Name     string
	Service  string // "Lambda", "S3", "Cognito", … as in backend-config.json
}

// String returns "category/name".
func (r ResourceRef) String() string { return r.Category + "/" + r.Name }

// resourceHead is the part of a resource entry every category shares.
type resourceHead struct {
	Service        string       `json:"service"`
	ServiceType    string       `json:"serviceType"`
	ProviderPlugin string       `json:"providerPlugin"`
	DependsOn      []Dependency `json:"dependsOn"`
}

// paramUsage is one entry of backend-config.json "parameters".
type paramUsage struct {
	UsedBy []paramUser `json:"usedBy"`
}

type paramUser struct {
	Category     string `json:"category"`
	ResourceName string `json:"resourceName"`
}

// HasAuth reports whether the project has any auth resource (imported or
// not), in backend-config.json or amplify-meta.json.
func (p *Project) HasAuth() bool {
	return p.read(BackendConfigPath(BackendDir)).LookupObject(CategoryAuth).Len() > 0 ||
		p.read(MetaPath(BackendDir)).LookupObject(CategoryAuth).Len() > 0
}

// importedAuthName returns the name of the imported auth resource in the
// backend-config.json and amplify-meta.json under base.
func (p *Project) importedAuthName(base string) (string, bool) {
	for _, rel := range []string{BackendConfigPath(base), MetaPath(base)} {
		auth := p.read(rel).LookupObject(CategoryAuth)
		for _, name := range auth.Keys() {
			var h resourceHead
			if _, err := auth.Decode(name, &h); err == nil && h.ServiceType == ServiceTypeImported {
				return name, true
			}
		}
	}
	return "", false
}

// ImportedAuth returns the imported auth resource as recorded for the current
// environment: backend-config.json, parameters.json, team-provider-info.json
// (current env; zero when no env is set or it has no entry) and
// amplify-meta.json (zero in a fresh clone).
func (p *Project) ImportedAuth() (*ImportedAuth, bool) {
	name, ok := p.importedAuthName(BackendDir)
	if !ok {
		return nil, false
	}
	a := &ImportedAuth{Name: name}
	// Load has decoded all of these once, so errors cannot happen here.
	_, _ = p.read(BackendConfigPath(BackendDir)).LookupObject(CategoryAuth).Decode(name, &a.Backend)
	_ = p.read(ParametersPath(BackendDir, CategoryAuth, name)).DecodeInto(&a.Parameters)
	_, _ = p.read(MetaPath(BackendDir)).LookupObject(CategoryAuth).Decode(name, &a.Meta)
	if env, err := p.Env(); err == nil {
		tpiAuth := p.read(TeamProviderInfoFile).LookupObject(env, "categories", CategoryAuth)
		_, _ = tpiAuth.Decode(name, &a.Env)
		if _, managed := p.EnvManagedAuth(env); managed {
			if _, s, ok := p.ManagedAuth(); ok {
				a.Managed = &s
			}
		}
	}
	return a, true
}

// SetImportedAuth records a for the current environment in all four places:
// backend-config.json (the resource and one "parameters" key per non-empty
// team-provider-info value), auth/<name>/parameters.json,
// team-provider-info.json and amplify-meta.json. When a.Meta has no
// lastPushTimeStamp and #current-cloud-backend has one for the same resource,
// it is kept, as the Amplify CLI does on env init (reference §4.2 step 5).
func (p *Project) SetImportedAuth(a ImportedAuth) error {
	if err := checkResourceName(a.Name); err != nil {
		return fmt.Errorf("set imported auth: %w", err)
	}
	env, err := p.Env()
	if err != nil {
		return err
	}
	if other := p.otherAuth(a.Name); other != "" {
		return &exit.Error{Code: exit.Failure,
			Err: fmt.Errorf("set imported auth %s: %w: auth/%s", a.Name, ErrAuthExists, other),
			Fix: "a project has one auth resource: run `ampgo remove auth` first to unlink auth/" + other}
	}
	a.normalize()
	if a.Meta.LastPushTimeStamp == "" {
		var cloud MetaAuth
		if ok, _ := p.read(MetaPath(CurrentCloudBackendDir)).LookupObject(CategoryAuth).Decode(a.Name, &cloud); ok {
			a.Meta.LastPushTimeStamp = cloud.LastPushTimeStamp
		}
	}
	bc := p.edit(BackendConfigPath(BackendDir))
	// A managed environment stays managed when its ids are recorded.
	managed, isManaged := p.EnvManagedAuth(env)
	if _, _, settings := p.ManagedAuth(); !settings {
		isManaged = false
	}
	steps := []func() error{
		func() error { return bc.PutIn([]string{CategoryAuth, a.Name}, a.Backend) },
		func() error { return setParameters(bc, CategoryAuth, a.Name, envParamNames(a.Env)) },
		func() error {
			return p.edit(TeamProviderInfoFile).PutIn([]string{env, "categories", CategoryAuth, a.Name}, a.Env)
		},
		func() error {
			if !isManaged {
				return nil
			}
			return p.edit(TeamProviderInfoFile).PutIn([]string{env, "categories", CategoryAuth, a.Name, managedKey}, managed)
		},
		func() error { return p.putParameters(BackendDir, a.Name, a.Parameters) },
		func() error { return p.edit(MetaPath(BackendDir)).PutIn([]string{CategoryAuth, a.Name}, a.Meta) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("set imported auth %s: %w", a.Name, err)
		}
	}
	delete(p.removeDirs, ResourceDir(BackendDir, CategoryAuth, a.Name))
	return nil
}

// otherAuth returns the name of an auth resource other than name, or "".
func (p *Project) otherAuth(name string) string {
	for _, rel := range []string{BackendConfigPath(BackendDir), MetaPath(BackendDir)} {
		for _, k := range p.read(rel).LookupObject(CategoryAuth).Keys() {
			if k != name {
				return k
			}
		}
	}
	return ""
}

// putParameters replaces parameters.json of an auth resource under base.
func (p *Project) putParameters(base, name string, params AuthParameters) error {
	obj, err := jsonobj.FromValue(params)
	if err != nil {
		return err
	}
	p.replace(ParametersPath(base, CategoryAuth, name), obj)
	return nil
}

// envParamNames returns the keys of env's JSON form that have a value, in
// EnvAuth key order: the names of its environment parameters.
func envParamNames(env EnvAuth) []string {
	obj, err := jsonobj.FromValue(env)
	if err != nil {
		return nil
	}
	var names []string
	for _, k := range obj.Keys() {
		if v := string(obj.Raw(k)); v != `""` && v != "null" {
			names = append(names, k)
		}
	}
	return names
}

// setParameters replaces the backend-config.json "parameters" keys used only
// by category/name with one key per param, at the position of the first old
// key (or at the end), so an unchanged import rewrites nothing.
func setParameters(bc *jsonobj.Object, category, name string, params []string) error {
	old, err := bc.Child(parametersKey)
	if err != nil {
		return fmt.Errorf("read %s: %w", parametersKey, err)
	}
	usage, err := json.Marshal(paramUsage{UsedBy: []paramUser{{Category: category, ResourceName: name}}})
	if err != nil {
		return err
	}
	out, inserted := jsonobj.New(), false
	insert := func() {
		for _, param := range params {
			out.Set(ParameterKey(category, name, param), json.RawMessage(usage))
		}
		inserted = true
	}
	for _, k := range old.Keys() {
		var u paramUsage
		if _, err := old.Decode(k, &u); err == nil && usedOnlyBy(u, category, name) {
			if !inserted {
				insert()
			}
			continue
		}
		v, _ := old.Get(k)
		out.Set(k, v)
	}
	if !inserted {
		insert()
	}
	if out.Len() == 0 {
		bc.Delete(parametersKey)
		return nil
	}
	return bc.Put(parametersKey, out)
}

func usedOnlyBy(u paramUsage, category, name string) bool {
	if len(u.UsedBy) == 0 {
		return false
	}
	for _, user := range u.UsedBy {
		if user.Category != category || user.ResourceName != name {
			return false
		}
	}
	return true
}

// DependentsOf returns "category/name" of each resource in
// backend-config.json whose dependsOn references category/name, sorted.
func (p *Project) DependentsOf(category, name string) []string {
	deps := p.Dependents(category, name)
	names := make([]string, len(deps))
	for i, d := range deps {
		names[i] = d.String()
	}
	return names
}

// Dependents is DependentsOf with the service of each resource.
func (p *Project) Dependents(category, name string) []ResourceRef {
	bc := p.read(BackendConfigPath(BackendDir))
	var deps []ResourceRef
	for _, cat := range bc.Keys() {
		if cat == parametersKey {
			continue
		}
		resources, err := bc.Child(cat)
		if err != nil {
			continue // not a category object
		}
		for _, res := range resources.Keys() {
			var h resourceHead
			if _, err := resources.Decode(res, &h); err != nil || (cat == category && res == name) {
				continue
			}
			for _, d := range h.DependsOn {
				if d.Category == category && d.ResourceName == name {
					deps = append(deps, ResourceRef{Category: cat, Name: res, Service: h.Service})
					break
				}
			}
		}
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].String() < deps[j].String() })
	return deps
}

// RemoveAuth unlinks an auth resource locally (reference §5 step 5): its
// amplify-meta.json entry, its backend-config.json entry and parameters
// keys, its auth/<name>/ folder (deleted on Save) and its
// team-provider-info.json entry for the current environment (except for
// managed auth that env created: see RemovedManagedAuth). The Cognito
// resources themselves are never touched. It refuses while other resources
// depend on it (*DependentsError).
func (p *Project) RemoveAuth(name string) error {
	bcRel, metaRel := BackendConfigPath(BackendDir), MetaPath(BackendDir)
	if !p.read(bcRel).LookupObject(CategoryAuth).Has(name) && !p.read(metaRel).LookupObject(CategoryAuth).Has(name) {
		return &exit.Error{Code: exit.Failure, Err: fmt.Errorf("remove auth %s: %w", name, ErrResourceNotFound),
			Fix: "run `ampgo status` to see the resources of the project"}
	}
	if deps := p.Dependents(CategoryAuth, name); len(deps) > 0 {
		return &DependentsError{Category: CategoryAuth, Name: name, Dependents: deps}
	}
	// Managed auth already created stays recorded in the env until its
	// next push deletes the auth stack (RemovedManagedAuth).
	env := p.CurrentEnv()
	_, created, pushed := p.EnvImportedAuth(env)
	keepCreated := pushed && created.UserPoolID != "" && p.EnvAuthMode(env) == AuthModeManaged
	steps := []func() error{
		func() error { return deleteFrom(p, metaRel, CategoryAuth, name) },
		func() error { return deleteFrom(p, bcRel, CategoryAuth, name) },
		func() error {
			if !p.exists(bcRel) {
				return nil
			}
			return setParameters(p.edit(bcRel), CategoryAuth, name, nil)
		},
		func() error {
			if env, err := p.Env(); err == nil && !keepCreated {
				return deleteFrom(p, TeamProviderInfoFile, env, "categories", CategoryAuth, name)
			}
			return nil
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("remove auth %s: %w", name, err)
		}
	}
	delete(p.files, ParametersPath(BackendDir, CategoryAuth, name))
	delete(p.files, ManagedAuthPath(name))
	p.removeDirs[ResourceDir(BackendDir, CategoryAuth, name)] = true
	return nil
}

// deleteFrom deletes the value at path in a file, if the file exists.
func deleteFrom(p *Project, rel string, path ...string) error {
	if !p.exists(rel) {
		return nil
	}
	_, err := p.edit(rel).DeleteIn(path)
	return err
}

// normalize turns nil lists into empty ones, so files say [] like the
// Amplify CLI instead of null.
func (a *ImportedAuth) normalize() {
	for _, s := range []*[]string{&a.Parameters.AuthProvidersUserPool, &a.Parameters.RequiredAttributes,
		&a.Parameters.PasswordPolicyCharacters, &a.Parameters.AutoVerifiedAttributes, &a.Parameters.MFATypes} {
		if *s == nil {
			*s = []string{}
		}
	}
	if a.Backend.DependsOn == nil {
		a.Backend.DependsOn = []Dependency{}
	}
	if a.Meta.DependsOn == nil {
		a.Meta.DependsOn = []Dependency{}
	}
	if f := a.Meta.FrontendAuthConfig; f != nil {
		for _, s := range []*[]string{&f.SocialProviders, &f.UsernameAttributes, &f.SignupAttributes,
			&f.PasswordProtectionSettings.PasswordPolicyCharacters, &f.MFATypes, &f.VerificationMechanisms} {
			if *s == nil {
				*s = []string{}
			}
		}
	}
}
