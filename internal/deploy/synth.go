package deploy

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// target is what the project wants deployed in one environment: the
// stack's template and the function code it points at.
type target struct {
	Stack     string
	Env       category.Env
	Template  *cfn.Template
	Code      []codeAsset
	Resources stackResources
}

// BuildTemplate is the environment's stack: the deployment bucket (when
// there are functions), each storage bucket with its inline policies on the
// imported roles, each function with its execution role, and each REST API
// with its statements on the imported roles or its authorizer on the
// imported pool. Imported resources are only referenced (roles by name,
// the pool by ARN), never resources of the template. Pure: golden-tested
// and linted.
func BuildTemplate(e category.Env, roles category.ImportedRoles, storages []category.Storage, functions []category.Function, apis []category.RestAPI) (*cfn.Template, error) {
	// The description predates APIs; it stays as it was, so that pushing
	// an unchanged project with a newer ampgo changes nothing.
	t := cfn.New(fmt.Sprintf("ampgo: storage and functions of project %s, environment %s, using imported auth", e.Project, e.Env))
	for _, s := range storages {
		if err := s.AddTo(t, e, roles); err != nil {
			return nil, fmt.Errorf("build template of storage %s: %w", s.Name, err)
		}
	}
	if len(functions) > 0 {
		if err := category.AddDeploymentBucket(t, e); err != nil {
			return nil, fmt.Errorf("build template: %w", err)
		}
	}
	for _, f := range functions {
		if err := f.AddTo(t, e); err != nil {
			return nil, fmt.Errorf("build template of function %s: %w", f.Name, err)
		}
	}
	for _, a := range apis {
		if err := a.AddTo(t, e, roles); err != nil {
			return nil, fmt.Errorf("build template of api %s: %w", a.Name, err)
		}
	}
	return t, nil
}

// synthesize checks the project's storage, functions and APIs against the
// imported auth of the current environment (exit 3 when they cannot
// deploy), zips the function code and builds the template.
func synthesize(p *project.Project, e category.Env, a *project.ImportedAuth, res stackResources) (*target, error) {
	storages, functions := res.Storages, res.Functions
	if err := category.CheckStorage(a, storages); err != nil {
		return nil, err
	}
	if err := category.CheckFunctions(a, functions); err != nil {
		return nil, err
	}
	if err := category.CheckAPIs(a, res.APIs, functions); err != nil {
		return nil, err
	}
	tgt := &target{Stack: project.StackName(e.Project, e.Env), Env: e, Resources: res}
	var roles category.ImportedRoles
	if a != nil {
		roles = category.ImportedRoles{Auth: a.Env.AuthRoleName, Unauth: a.Env.UnauthRoleName}
	}
	cs := make([]category.Storage, len(storages))
	for i, s := range storages {
		cs[i] = category.Storage{Name: s.Name, BucketPrefix: s.BucketPrefix, AuthAccess: s.AuthAccess, GuestAccess: s.GuestAccess}
	}
	cf := make([]category.Function, len(functions))
	for i, f := range functions {
		dir := project.FunctionSourceDir(f.Name)
		abs, err := p.SafePath(dir)
		if err != nil {
			return nil, fmt.Errorf("package function %s: %w", f.Name, err)
		}
		zipData, err := zipDir(abs)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &exit.Error{Code: exit.Failure, Err: fmt.Errorf("package function %s: no code in %s", f.Name, dir),
				Fix: "restore the folder (it needs the handler file), or remove the function with `ampgo remove function --name " + f.Name + "`"}
		}
		if err != nil {
			return nil, fmt.Errorf("package function %s: %w", f.Name, err)
		}
		key := codeKey(f.Name, zipData)
		tgt.Code = append(tgt.Code, codeAsset{Function: f.Name, Key: key, Zip: zipData})
		cf[i] = category.Function{Name: f.Name, Runtime: f.Runtime, Handler: f.Handler, CodeKey: key}
		if f.Auth != "" && len(f.AuthAccess) > 0 {
			cf[i].Auth = &category.FunctionAuth{Resource: f.Auth, UserPoolID: a.Env.UserPoolID, Ops: f.AuthAccess}
		}
	}
	ca := make([]category.RestAPI, len(res.APIs))
	for i, api := range res.APIs {
		ca[i] = category.RestAPI{Name: api.Name, Authorizer: api.Authorizer, Paths: api.Paths}
		if a != nil {
			ca[i].UserPoolID = a.Env.UserPoolID
		}
	}
	t, err := BuildTemplate(e, roles, cs, cf, ca)
	if err != nil {
		return nil, err
	}
	// A template over CloudFormation's inline limit is deployed from the
	// deployment bucket, so the stack needs one even without functions.
	if body, err := t.Body(); err != nil {
		return nil, err
	} else if _, has := t.Resources[category.DeploymentBucketID]; len(body) > cfn.MaxBodySize && !has {
		if err := category.AddDeploymentBucket(t, e); err != nil {
			return nil, err
		}
	}
	tgt.Template = t
	return tgt, nil
}
