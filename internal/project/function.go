package project

import (
	"fmt"
	"os"
	"path"
	"sort"
	"time"
)

// functionParamsName is a function's settings file, as the Amplify CLI
// names it: amplify/backend/function/<name>/function-parameters.json.
const functionParamsName = "function-parameters.json"

// FunctionSourceDir is the folder of a function's code, relative to the
// project root; push zips it.
func FunctionSourceDir(name string) string {
	return ResourceDir(BackendDir, CategoryFunction, name) + "/src"
}

// Function is a Lambda function ampgo manages. Auth is the auth resource it
// may use ("" for none) with the operations of AuthAccess ("create",
// "read", "update", "delete").
type Function struct {
	Name       string
	Runtime    string
	Handler    string
	Auth       string
	AuthAccess []string
}

// FunctionOutput is the "output" block of a pushed function in
// amplify-meta.json.
type FunctionOutput struct {
	Name   string `json:"Name"`
	Arn    string `json:"Arn"`
	Region string `json:"Region"`
}

// functionParams is function-parameters.json: the Amplify CLI's
// "permissions" and "lambdaLayers", plus the runtime and handler (which the
// Amplify CLI keeps in its generated template) and managedBy.
type functionParams struct {
	Runtime      string                         `json:"runtime"`
	Handler      string                         `json:"handler"`
	Permissions  map[string]map[string][]string `json:"permissions"`
	LambdaLayers []any                          `json:"lambdaLayers"`
	ManagedBy    string                         `json:"managedBy"`
}

// AddFunction records a new function. With auth access its dependsOn names
// the auth resource's UserPoolId (reference §7), so `ampgo remove auth`
// refuses while the function exists. src are the files of a new src/
// folder, written on Save; when the folder already has files they are kept
// and src is ignored.
func (p *Project) AddFunction(f Function, src map[string][]byte) error {
	params := functionParams{Runtime: f.Runtime, Handler: f.Handler,
		Permissions: map[string]map[string][]string{}, LambdaLayers: []any{}, ManagedBy: ManagedByAmpgo}
	entry := functionEntry{Build: true, ProviderPlugin: ProviderPlugin, Service: ServiceLambda, DependsOn: []Dependency{}}
	if f.Auth != "" && len(f.AuthAccess) > 0 {
		params.Permissions[CategoryAuth] = map[string][]string{f.Auth: f.AuthAccess}
		entry.DependsOn = append(entry.DependsOn, Dependency{Category: CategoryAuth, ResourceName: f.Auth, Attributes: []string{"UserPoolId"}})
	}
	if err := p.addResource(CategoryFunction, f.Name, functionParamsName, entry, params); err != nil {
		return err
	}
	dir := FunctionSourceDir(f.Name)
	abs, err := p.SafePath(dir)
	if err != nil {
		return fmt.Errorf("add function %s: %w", f.Name, err)
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return nil
	}
	names := make([]string, 0, len(src))
	for name := range src {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := p.StageFile(path.Join(dir, name), src[name], 0o644); err != nil {
			return fmt.Errorf("add function %s: %w", f.Name, err)
		}
	}
	return nil
}

// RemoveFunction deletes a function from the project, with its folder and
// code. The function and its role leave AWS on the next push.
func (p *Project) RemoveFunction(name string) error {
	return p.removeResource(CategoryFunction, name, functionParamsName)
}

// Functions returns the functions ampgo manages, sorted by name, and the
// names of other functions in backend-config.json.
func (p *Project) Functions() (managed []Function, other []string, err error) {
	names, other, err := p.managedNames(CategoryFunction, functionParamsName)
	if err != nil {
		return nil, nil, err
	}
	for _, name := range names {
		rel := ResourceDir(BackendDir, CategoryFunction, name) + "/" + functionParamsName
		obj, _ := p.settingsFile(rel)
		var params functionParams
		if err := obj.DecodeInto(&params); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", rel, err)
		}
		f := Function{Name: name, Runtime: params.Runtime, Handler: params.Handler}
		for res, ops := range params.Permissions[CategoryAuth] {
			f.Auth, f.AuthAccess = res, ops
		}
		managed = append(managed, f)
	}
	return managed, other, nil
}

// SetFunctionOutput records a pushed function's name, ARN and region in
// amplify-meta.json, with lastPushTimeStamp = now.
func (p *Project) SetFunctionOutput(name string, out FunctionOutput, now time.Time) error {
	return p.setOutput(CategoryFunction, name, out, now)
}
