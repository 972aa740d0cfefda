package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/jsonobj"
)

// Categories and services of the resources ampgo deploys itself (storage
// and functions), as backend-config.json names them.
const (
	CategoryStorage  = "storage"
	CategoryFunction = "function"
	ServiceS3        = "S3"
	ServiceLambda    = "Lambda"
	// ManagedByAmpgo is the "managedBy" value in the settings file of every
	// storage and function ampgo created. Resources without it (for example
	// ones the Amplify CLI deployed in its own root stack) are left alone.
	ManagedByAmpgo = "ampgo"
)

// ErrResourceExists means a resource of that name is already in the project.
var ErrResourceExists = errors.New("resource already exists")

// storageEntry is the backend-config.json and amplify-meta.json entry of a
// storage resource, in the Amplify CLI's key order. Push adds "output" and
// "lastPushTimeStamp" to the amplify-meta.json copy (setOutput).
type storageEntry struct {
	Service        string       `json:"service"`
	ProviderPlugin string       `json:"providerPlugin"`
	DependsOn      []Dependency `json:"dependsOn"`
}

// functionEntry is the same for a function.
type functionEntry struct {
	Build          bool         `json:"build"`
	ProviderPlugin string       `json:"providerPlugin"`
	Service        string       `json:"service"`
	DependsOn      []Dependency `json:"dependsOn"`
}

// settingsFile returns a resource's settings file (cli-inputs.json or
// function-parameters.json), loading it on first use: Load reads only the
// files every command needs.
func (p *Project) settingsFile(rel string) (*jsonobj.Object, error) {
	if _, loaded := p.files[rel]; !loaded {
		if _, err := p.loadFile(rel); err != nil {
			return nil, err
		}
	}
	return p.read(rel), nil
}

// managedNames returns the names of category's resources in
// backend-config.json whose settings file (name) says ampgo manages them,
// and the others, each sorted.
func (p *Project) managedNames(category, name string) (managed, other []string, err error) {
	for _, res := range p.read(BackendConfigPath(BackendDir)).LookupObject(category).Keys() {
		if checkResourceName(res) != nil {
			other = append(other, res)
			continue
		}
		obj, err := p.settingsFile(ResourceDir(BackendDir, category, res) + "/" + name)
		if err != nil {
			return nil, nil, err
		}
		var by string
		if _, err := obj.Decode("managedBy", &by); err == nil && by == ManagedByAmpgo {
			managed = append(managed, res)
		} else {
			other = append(other, res)
		}
	}
	sort.Strings(managed)
	sort.Strings(other)
	return managed, other, nil
}

// addResource records a new resource in backend-config.json and
// amplify-meta.json and writes its settings file; it refuses a name that
// is taken in the category, ignoring case (logical ids would collide).
func (p *Project) addResource(category, name, settingsName string, entry, settings any) error {
	if err := checkResourceName(name); err != nil {
		return exit.UsageErrorf("choose another --name", "add %s %s: %v", category, name, err)
	}
	for _, rel := range []string{BackendConfigPath(BackendDir), MetaPath(BackendDir)} {
		for _, other := range p.read(rel).LookupObject(category).Keys() {
			if strings.EqualFold(other, name) {
				return exit.UsageErrorf(fmt.Sprintf("choose another --name, or remove it first with `ampgo remove %s --name %s`", category, other),
					"add %s %s: %w: %s/%s", category, name, ErrResourceExists, category, other)
			}
		}
	}
	obj, err := jsonobj.FromValue(settings)
	if err != nil {
		return fmt.Errorf("add %s %s: %w", category, name, err)
	}
	for _, rel := range []string{BackendConfigPath(BackendDir), MetaPath(BackendDir)} {
		if err := p.edit(rel).PutIn([]string{category, name}, entry); err != nil {
			return fmt.Errorf("add %s %s: %w", category, name, err)
		}
	}
	p.replace(ResourceDir(BackendDir, category, name)+"/"+settingsName, obj)
	delete(p.removeDirs, ResourceDir(BackendDir, category, name))
	return nil
}

// replaceSettings rewrites a recorded resource's settings file.
func (p *Project) replaceSettings(category, name, settingsName string, settings any) error {
	obj, err := jsonobj.FromValue(settings)
	if err != nil {
		return fmt.Errorf("update %s %s: %w", category, name, err)
	}
	p.replace(ResourceDir(BackendDir, category, name)+"/"+settingsName, obj)
	return nil
}

// removeResource deletes a resource from backend-config.json and
// amplify-meta.json, and its folder (on Save).
func (p *Project) removeResource(category, name, settingsName string) error {
	if err := checkResourceName(name); err != nil {
		return exit.UsageErrorf("run `ampgo status` to see the resources of the project", "remove %s %s: %v", category, name, err)
	}
	bc := p.read(BackendConfigPath(BackendDir)).LookupObject(category)
	if !bc.Has(name) {
		return &exit.Error{Code: exit.Usage, Err: fmt.Errorf("remove %s %s: %w", category, name, ErrResourceNotFound),
			Fix: "run `ampgo status` to see the resources of the project"}
	}
	if deps := p.Dependents(category, name); len(deps) > 0 {
		return &DependentsError{Category: category, Name: name, Dependents: deps}
	}
	for _, rel := range []string{MetaPath(BackendDir), BackendConfigPath(BackendDir)} {
		if err := deleteFrom(p, rel, category, name); err != nil {
			return fmt.Errorf("remove %s %s: %w", category, name, err)
		}
	}
	delete(p.files, ResourceDir(BackendDir, category, name)+"/"+settingsName)
	p.removeDirs[ResourceDir(BackendDir, category, name)] = true
	return nil
}

// setOutput records a deployed resource's outputs and push time in
// amplify-meta.json. In a fresh clone (amplify-meta.json is not committed)
// the entry is first copied from backend-config.json.
func (p *Project) setOutput(category, name string, output any, now time.Time) error {
	meta := p.edit(MetaPath(BackendDir))
	entry := meta.LookupObject(category, name)
	if entry.Len() == 0 {
		raw, ok := p.read(BackendConfigPath(BackendDir)).Lookup(category, name)
		if !ok {
			return fmt.Errorf("record outputs of %s %s: %w", category, name, ErrResourceNotFound)
		}
		if err := json.Unmarshal(raw, entry); err != nil {
			return fmt.Errorf("record outputs of %s %s: %w", category, name, err)
		}
	}
	if err := entry.Put("output", output); err != nil {
		return err
	}
	if err := entry.Put("lastPushTimeStamp", now.UTC().Format(TimestampFormat)); err != nil {
		return err
	}
	return meta.PutIn([]string{category, name}, entry)
}

// HasDeployedResources reports whether the last push left resources of a
// stack category (#current-cloud-backend/backend-config.json): then a push
// must update or delete the environment's stack even when the backend has
// none left.
func (p *Project) HasDeployedResources() bool {
	cloud := p.read(BackendConfigPath(CurrentCloudBackendDir))
	for _, c := range StackCategories {
		if cloud.LookupObject(c).Len() > 0 {
			return true
		}
	}
	return false
}
