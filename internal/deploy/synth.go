package deploy

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/graphql"
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
	// Params are the template's parameter values (managed auth's social
	// provider credentials), read at push time and never recorded.
	Params map[string]string
}

// BuildTemplate is the environment's stack: the deployment bucket (when
// there are functions), each storage bucket with its inline policies on the
// imported roles, each function with its execution role, and each REST API
// with its statements on the imported roles or its authorizer on the
// imported pool, and each GraphQL API on the imported pool with its tables,
// resolvers and appsync:GraphQL statements on the imported roles. Imported resources are only referenced (roles by name,
// the pool by ARN), never resources of the template. Pure: golden-tested
// and linted.
func BuildTemplate(e category.Env, roles category.ImportedRoles, storages []category.Storage, functions []category.Function, apis []category.RestAPI, gqls ...category.GraphQLAPI) (*cfn.Template, error) {
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
	for _, g := range gqls {
		if err := g.AddTo(t, e, roles); err != nil {
			return nil, fmt.Errorf("build template of api %s: %w", g.Name, err)
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
	cg, err := graphQLAPIs(p, e, a, res.GraphQL)
	if err != nil {
		return nil, err
	}
	t, err := BuildTemplate(e, roles, cs, cf, ca, cg...)
	if err != nil {
		return nil, err
	}
	// A template over CloudFormation's inline limit is deployed from the
	// deployment bucket, so the stack needs one even without functions.
	if body, err := t.Body(); err != nil {
		return nil, err
	} else if len(body) > cfn.MaxURLBodySize {
		// GraphQL resolvers are most of a large template (~5 KB each).
		return nil, &exit.Error{Code: exit.Requirements,
			Err: fmt.Errorf("build the stack of environment %s: the template is %d bytes, over CloudFormation's limit of %d", e.Env, len(body), cfn.MaxURLBodySize),
			Fix: "split the GraphQL schema's models over more than one API (`ampgo add api --type graphql --schema …`), or move storage or functions to another project"}
	} else if _, has := t.Resources[category.DeploymentBucketID]; len(body) > cfn.MaxBodySize && !has {
		if err := category.AddDeploymentBucket(t, e); err != nil {
			return nil, err
		}
	}
	tgt.Template = t
	return tgt, nil
}

// graphQLAPIs parses each GraphQL API's schema, checks its modes and rules
// against the imported auth of the current environment, and generates its
// resolvers and the fields its iam rules open, for the imported roles.
func graphQLAPIs(p *project.Project, e category.Env, a *project.ImportedAuth, apis []project.GraphQLAPI) ([]category.GraphQLAPI, error) {
	out := make([]category.GraphQLAPI, len(apis))
	schemas := map[string]*graphql.Schema{}
	for i, api := range apis {
		src, err := p.ReadGraphQLSchema(api.Name)
		if err != nil {
			return nil, err
		}
		s, err := graphql.Parse(project.GraphQLSchemaPath(api.Name), src)
		if err != nil {
			return nil, err
		}
		schemas[api.Name] = s
		out[i] = category.GraphQLAPI{Name: api.Name, Modes: api.Modes, APIKeyExpires: api.APIKeyExpires, Schema: s}
	}
	if err := category.CheckGraphQLAPIs(a, apis, schemas); err != nil {
		return nil, err
	}
	var rc graphql.ResolverConfig
	if a != nil {
		rc = graphql.ResolverConfig{Account: e.Account, Partition: category.Partition(e.Region),
			AuthRoleName: a.Env.AuthRoleName, UnauthRoleName: a.Env.UnauthRoleName, IdentityPoolID: a.Env.IdentityPoolID}
	}
	for i := range out {
		if a != nil {
			out[i].UserPoolID = a.Env.UserPoolID
		}
		if err := withResolvers(&out[i], rc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// withResolvers adds to g its resolvers and the fields its iam rules open,
// for the imported roles in rc.
func withResolvers(g *category.GraphQLAPI, rc graphql.ResolverConfig) error {
	resolvers, err := graphql.Resolvers(g.Schema, rc)
	if err != nil {
		return fmt.Errorf("build resolvers of api %s: %w", g.Name, err)
	}
	for _, r := range resolvers {
		g.Resolvers = append(g.Resolvers, category.GraphQLResolver{TypeName: r.TypeName, FieldName: r.FieldName, Model: r.Model, Code: r.Code})
	}
	g.AuthFields, g.GuestFields = graphql.IAMFields(g.Schema)
	return nil
}
