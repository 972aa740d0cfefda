package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// StackDescriber reads one stack with its outputs (awsx.Stacks): the only
// call reading an environment's deployed outputs makes (DescribeStacks,
// read-only).
type StackDescriber interface {
	Describe(ctx context.Context, name string) (*awsx.Stack, error)
}

// Missing is a resource recorded in the project (backend-config.json) whose
// outputs the environment's stack does not have: it was never pushed in
// that environment, or its stack is gone or failed.
type Missing struct {
	// Category and Name name the resource ("storage", "files").
	Category, Name string
	// Lacks is what the client config lacks without it
	// ("aws_user_files_s3_bucket"); "" when the client config does not
	// carry the resource (functions).
	Lacks string
}

// Deployed is what the environment's stack says about the project's
// storage, functions and REST APIs.
type Deployed struct {
	// Env and Stack are the environment and its stack's name.
	Env, Stack string
	// Storage, Functions and APIs are the outputs found, by resource name.
	Storage   map[string]project.StorageOutput
	Functions map[string]project.FunctionOutput
	APIs      map[string]project.RestAPIOutput
	GraphQL   map[string]project.GraphQLOutput
	// Missing lists the recorded resources whose outputs were not found,
	// storage first, each in project order.
	Missing []Missing
}

// Incomplete reports whether the client config lacks something the
// project records.
func (d *Deployed) Incomplete() bool {
	for _, m := range d.Missing {
		if m.Lacks != "" {
			return true
		}
	}
	return false
}

// Warnings are one line per missing resource, naming what the client
// config lacks and the push that deploys it.
func (d *Deployed) Warnings() []string {
	var out []string
	for _, m := range d.Missing {
		what := "the client config does not need it"
		if m.Lacks != "" {
			what = "the client config lacks " + m.Lacks
		}
		out = append(out, fmt.Sprintf("%s %s is not deployed in environment %s (stack %s has no outputs for it): %s; run `ampgo push` in %s to deploy it",
			m.Category, m.Name, d.Env, d.Stack, what, d.Env))
	}
	return out
}

// IncompleteError is the refusal to write an incomplete client config
// without a terminal (exit 3): CI must never ship a config that silently
// lacks a category the project records.
func (d *Deployed) IncompleteError() error {
	var names []string
	for _, m := range d.Missing {
		if m.Lacks != "" {
			names = append(names, fmt.Sprintf("%s %s (%s)", m.Category, m.Name, m.Lacks))
		}
	}
	return &exit.Error{Code: exit.Requirements,
		Err: fmt.Errorf("write client config of environment %s: %s recorded in the project but not deployed in stack %s, so the config would lack %s",
			d.Env, strings.Join(names, ", "), d.Stack, plural(len(names))),
		Fix: fmt.Sprintf("run `ampgo push` in environment %s (credentials that may deploy), then build again; "+
			"or pass --allow-incomplete to write the config without them", d.Env)}
}

func plural(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// MatchOutputs is the pure part of ReadDeployed: it finds each recorded
// storage's and function's outputs among the stack's outputs (nil: no
// stack). region is the environment's (the stack's) region.
func MatchOutputs(env, stack, region string, res stackResources, outputs map[string]string) *Deployed {
	d := &Deployed{Env: env, Stack: stack, Storage: map[string]project.StorageOutput{},
		Functions: map[string]project.FunctionOutput{}, APIs: map[string]project.RestAPIOutput{},
		GraphQL: map[string]project.GraphQLOutput{}}
	for _, s := range res.Storages {
		bucket := outputs[category.StorageBucketOutput(s.Name)]
		if bucket == "" {
			d.Missing = append(d.Missing, Missing{Category: project.CategoryStorage, Name: s.Name, Lacks: "aws_user_files_s3_bucket"})
			continue
		}
		d.Storage[s.Name] = project.StorageOutput{BucketName: bucket, Region: region}
	}
	for _, f := range res.Functions {
		name, arn := outputs[category.FunctionNameOutput(f.Name)], outputs[category.FunctionArnOutput(f.Name)]
		if name == "" || arn == "" {
			d.Missing = append(d.Missing, Missing{Category: project.CategoryFunction, Name: f.Name})
			continue
		}
		d.Functions[f.Name] = project.FunctionOutput{Name: name, Arn: arn, Region: region}
	}
	for _, a := range res.APIs {
		url, id := outputs[category.APIRootURLOutput(a.Name)], outputs[category.APIIDOutput(a.Name)]
		if url == "" || id == "" {
			d.Missing = append(d.Missing, Missing{Category: project.CategoryAPI, Name: a.Name, Lacks: "the endpoint of REST API " + a.Name})
			continue
		}
		d.APIs[a.Name] = project.RestAPIOutput{ApiName: a.Name, RootUrl: url, ApiId: id, Region: region,
			AuthorizationType: project.AuthorizationType(a.Authorizer)}
	}
	for _, g := range res.GraphQL {
		url, id := outputs[category.GraphQLURLOutput(g.Name)], outputs[category.GraphQLIDOutput(g.Name)]
		key := outputs[category.GraphQLKeyOutput(g.Name)]
		if url == "" || id == "" || (g.HasMode(project.AuthAPIKey) && key == "") {
			d.Missing = append(d.Missing, Missing{Category: project.CategoryAPI, Name: g.Name, Lacks: "the endpoint of GraphQL API " + g.Name})
			continue
		}
		d.GraphQL[g.Name] = project.GraphQLOutput{GraphQLAPIIdOutput: id, GraphQLAPIEndpointOutput: url, GraphQLAPIKeyOutput: key,
			Region: region, AuthModes: g.Modes}
	}
	return d
}

// ReadDeployed reads the current environment's stack and records the
// outputs of every storage and function ampgo manages in amplify-meta.json
// (in memory, saved with the caller's Save), so the client config of the
// environment is complete whatever this checkout remembers (a fresh clone
// has no amplify-meta.json; a checkout of another environment cleared it).
// A project without ampgo storage or functions makes no call. Resources
// the stack lacks are returned in Deployed.Missing, never an error, and
// whatever amplify-meta.json remembered of them is dropped.
func ReadDeployed(ctx context.Context, p *project.Project, stacks StackDescriber, now time.Time) (*Deployed, error) {
	res, _, err := managed(p)
	if err != nil {
		return nil, err
	}
	env, err := p.Env()
	if err != nil {
		return nil, err
	}
	name := project.StackName(p.Config().ProjectName, env)
	if res.empty() {
		return &Deployed{Env: env, Stack: name}, nil
	}
	var outputs map[string]string
	st, err := stacks.Describe(ctx, name)
	switch {
	case errors.Is(err, awsx.ErrStackNotFound):
	case err != nil:
		return nil, fmt.Errorf("read outputs of environment %s: %w", env, err)
	default:
		outputs = st.Outputs
	}
	d := MatchOutputs(env, name, p.EnvRegion(env), res, outputs)
	for _, m := range d.Missing {
		if err := p.ClearOutput(m.Category, m.Name); err != nil {
			return nil, err
		}
	}
	if err := d.record(p, res, now); err != nil {
		return nil, err
	}
	return d, nil
}

// record writes the outputs found to amplify-meta.json (in memory), in
// project order.
func (d *Deployed) record(p *project.Project, res stackResources, now time.Time) error {
	for _, s := range res.Storages {
		if out, ok := d.Storage[s.Name]; ok {
			if err := p.SetStorageOutput(s.Name, out, now); err != nil {
				return err
			}
		}
	}
	for _, f := range res.Functions {
		if out, ok := d.Functions[f.Name]; ok {
			if err := p.SetFunctionOutput(f.Name, out, now); err != nil {
				return err
			}
		}
	}
	for _, a := range res.APIs {
		if out, ok := d.APIs[a.Name]; ok {
			if err := p.SetRestAPIOutput(a.Name, out, now); err != nil {
				return err
			}
		}
	}
	for _, g := range res.GraphQL {
		if out, ok := d.GraphQL[g.Name]; ok {
			if err := p.SetGraphQLOutput(g.Name, out, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// RecordedComplete reports whether amplify-meta.json already holds pushed
// outputs of every storage and REST API ampgo manages, so that `generate
// config` can stay offline. Functions do not count: the client config does
// not carry them.
func RecordedComplete(p *project.Project) (bool, error) {
	res, _, err := managed(p)
	if err != nil {
		return false, err
	}
	storage, err := p.S3Storage()
	if err != nil {
		return false, err
	}
	apis, err := p.RestAPIsMeta()
	if err != nil {
		return false, err
	}
	pushed := map[string]bool{}
	gqls, err := p.GraphQLAPIsMeta()
	if err != nil {
		return false, err
	}
	for _, m := range gqls {
		pushed[project.CategoryAPI+"/"+m.Name] = m.LastPushTimeStamp != "" && m.Output.GraphQLAPIEndpointOutput != ""
	}
	for _, m := range storage {
		pushed[project.CategoryStorage+"/"+m.Name] = m.LastPushTimeStamp != "" && m.Output.BucketName != ""
	}
	for _, m := range apis {
		pushed[project.CategoryAPI+"/"+m.Name] = m.LastPushTimeStamp != "" && m.Output.RootUrl != ""
	}
	for _, s := range res.Storages {
		if !pushed[project.CategoryStorage+"/"+s.Name] {
			return false, nil
		}
	}
	for _, a := range res.APIs {
		if !pushed[project.CategoryAPI+"/"+a.Name] {
			return false, nil
		}
	}
	for _, g := range res.GraphQL {
		if !pushed[project.CategoryAPI+"/"+g.Name] {
			return false, nil
		}
	}
	return true, nil
}

// stackResources are the resources ampgo deploys in an environment's
// stack, each list sorted by name.
type stackResources struct {
	Storages  []project.Storage
	Functions []project.Function
	APIs      []project.RestAPI
	GraphQL   []project.GraphQLAPI
}

func (r stackResources) empty() bool {
	return len(r.Storages) == 0 && len(r.Functions) == 0 && len(r.APIs) == 0 && len(r.GraphQL) == 0
}

// managed lists the storage, functions and REST APIs ampgo manages, and
// the resources of those categories it did not add (not in ampgo's
// stack).
func managed(p *project.Project) (stackResources, []project.ResourceRef, error) {
	var r stackResources
	var others []project.ResourceRef
	storages, otherS, err := p.StorageResources()
	if err != nil {
		return r, nil, err
	}
	functions, otherF, err := p.Functions()
	if err != nil {
		return r, nil, err
	}
	apis, otherA, err := p.RestAPIs()
	if err != nil {
		return r, nil, err
	}
	for _, o := range []struct {
		cat   string
		names []string
	}{{project.CategoryStorage, otherS}, {project.CategoryFunction, otherF}, {project.CategoryAPI, otherA}} {
		for _, n := range o.names {
			others = append(others, project.ResourceRef{Category: o.cat, Name: n})
		}
	}
	gqls, err := p.GraphQLAPIs()
	if err != nil {
		return r, nil, err
	}
	return stackResources{Storages: storages, Functions: functions, APIs: apis, GraphQL: gqls}, others, nil
}
