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
// storage and functions.
type Deployed struct {
	// Env and Stack are the environment and its stack's name.
	Env, Stack string
	// Storage and Functions are the outputs found, by resource name.
	Storage   map[string]project.StorageOutput
	Functions map[string]project.FunctionOutput
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
func MatchOutputs(env, stack, region string, storages []project.Storage, functions []project.Function, outputs map[string]string) *Deployed {
	d := &Deployed{Env: env, Stack: stack, Storage: map[string]project.StorageOutput{}, Functions: map[string]project.FunctionOutput{}}
	for _, s := range storages {
		bucket := outputs[category.StorageBucketOutput(s.Name)]
		if bucket == "" {
			d.Missing = append(d.Missing, Missing{Category: project.CategoryStorage, Name: s.Name, Lacks: "aws_user_files_s3_bucket"})
			continue
		}
		d.Storage[s.Name] = project.StorageOutput{BucketName: bucket, Region: region}
	}
	for _, f := range functions {
		name, arn := outputs[category.FunctionNameOutput(f.Name)], outputs[category.FunctionArnOutput(f.Name)]
		if name == "" || arn == "" {
			d.Missing = append(d.Missing, Missing{Category: project.CategoryFunction, Name: f.Name})
			continue
		}
		d.Functions[f.Name] = project.FunctionOutput{Name: name, Arn: arn, Region: region}
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
	storages, functions, err := managed(p)
	if err != nil {
		return nil, err
	}
	env, err := p.Env()
	if err != nil {
		return nil, err
	}
	name := project.StackName(p.Config().ProjectName, env)
	if len(storages) == 0 && len(functions) == 0 {
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
	d := MatchOutputs(env, name, p.EnvRegion(env), storages, functions, outputs)
	for _, m := range d.Missing {
		if err := p.ClearOutput(m.Category, m.Name); err != nil {
			return nil, err
		}
	}
	if err := d.record(p, storages, functions, now); err != nil {
		return nil, err
	}
	return d, nil
}

// record writes the outputs found to amplify-meta.json (in memory), in
// project order.
func (d *Deployed) record(p *project.Project, storages []project.Storage, functions []project.Function, now time.Time) error {
	for _, s := range storages {
		if out, ok := d.Storage[s.Name]; ok {
			if err := p.SetStorageOutput(s.Name, out, now); err != nil {
				return err
			}
		}
	}
	for _, f := range functions {
		if out, ok := d.Functions[f.Name]; ok {
			if err := p.SetFunctionOutput(f.Name, out, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// RecordedComplete reports whether amplify-meta.json already holds pushed
// outputs of every storage ampgo manages, so that `generate config` can
// stay offline. Functions do not count: the client config does not carry
// them.
func RecordedComplete(p *project.Project) (bool, error) {
	storages, _, err := managed(p)
	if err != nil {
		return false, err
	}
	recorded, err := p.S3Storage()
	if err != nil {
		return false, err
	}
	pushed := map[string]bool{}
	for _, m := range recorded {
		pushed[m.Name] = m.LastPushTimeStamp != "" && m.Output.BucketName != ""
	}
	for _, s := range storages {
		if !pushed[s.Name] {
			return false, nil
		}
	}
	return true, nil
}

// managed lists the storage and functions ampgo manages (the others are
// not in ampgo's stack).
func managed(p *project.Project) ([]project.Storage, []project.Function, error) {
	storages, _, err := p.StorageResources()
	if err != nil {
		return nil, nil, err
	}
	functions, _, err := p.Functions()
	if err != nil {
		return nil, nil, err
	}
	return storages, functions, nil
}
