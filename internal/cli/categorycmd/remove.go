package categorycmd

import (
	"context"
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

type removeOptions struct {
	f        *cmdutil.Factory
	category string
	name     string
}

// NewCmdRemoveStorage builds `ampgo remove storage`. runF, when not nil,
// replaces the run function once the flags are parsed (tests).
func NewCmdRemoveStorage(f *cmdutil.Factory, runF func(*removeOptions) error) *cobra.Command {
	return newCmdRemove(f, project.CategoryStorage, runF,
		"Remove a storage resource; the next push removes its statements from the imported roles (the bucket keeps its data)")
}

// NewCmdRemoveFunction builds `ampgo remove function`. runF, when not nil,
// replaces the run function once the flags are parsed (tests).
func NewCmdRemoveFunction(f *cmdutil.Factory, runF func(*removeOptions) error) *cobra.Command {
	return newCmdRemove(f, project.CategoryFunction, runF,
		"Remove a function and its folder (with src/); the next push deletes it and its role")
}

// NewCmdRemoveAPI builds `ampgo remove api`. runF, when not nil, replaces
// the run function once the flags are parsed (tests).
func NewCmdRemoveAPI(f *cmdutil.Factory, runF func(*removeOptions) error) *cobra.Command {
	return newCmdRemove(f, project.CategoryAPI, runF,
		"Remove a REST or GraphQL API; the next push deletes it (a GraphQL API's tables with their data) and removes its statements from the imported roles (functions stay)")
}

func newCmdRemove(f *cmdutil.Factory, category string, runF func(*removeOptions) error, short string) *cobra.Command {
	o := &removeOptions{f: f, category: category}
	cmd := &cobra.Command{
		Use:   category,
		Short: short,
		Args:  cmdutil.NoArgs,
		RunE:  cmdutil.RunE(o, nil, runF, removeRun),
	}
	cmd.Flags().StringVar(&o.name, "name", "", "name of the "+category+" to remove")
	return cmd
}

func removeRun(_ context.Context, o *removeOptions) error {
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if err := o.askName(p); err != nil {
		return err
	}
	question := fmt.Sprintf("Remove storage %q? On the next push its statements leave the imported roles and its bucket leaves the stack (the bucket keeps its data).", o.name)
	remove := p.RemoveStorage
	switch o.category {
	case project.CategoryFunction:
		question = fmt.Sprintf("Remove function %q with its folder %s (your code in src/ is deleted)? The next push deletes the function and its role.",
			o.name, project.ResourceDir(project.BackendDir, project.CategoryFunction, o.name))
		remove = p.RemoveFunction
	case project.CategoryAPI:
		question = fmt.Sprintf("Remove REST API %q? The next push deletes the API and its statements on the imported roles; its functions stay.", o.name)
		if p.IsGraphQLAPI(o.name) {
			question = fmt.Sprintf("Remove GraphQL API %q with its folder %s (its schema.graphql is deleted)? The next push deletes the API, its DynamoDB tables WITH THEIR DATA, and its statements on the imported roles.",
				o.name, project.ResourceDir(project.BackendDir, project.CategoryAPI, o.name))
		}
		remove = p.RemoveAPI
	}
	if err := cmdutil.ConfirmDestructive(o.f, question); err != nil {
		return err
	}
	if err := remove(o.name); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(o.f.ErrOut, "✔ %s %q removed from the project. Run `ampgo push` to remove it from AWS.\n", o.category, o.name)
	return nil
}

// askName picks the resource: the only one there is, or a choice.
func (o *removeOptions) askName(p *project.Project) error {
	if o.name != "" {
		return nil
	}
	var names []string
	switch o.category {
	case project.CategoryStorage:
		storages, _, err := p.StorageResources()
		if err != nil {
			return err
		}
		for _, s := range storages {
			names = append(names, s.Name)
		}
	case project.CategoryFunction:
		functions, _, err := p.Functions()
		if err != nil {
			return err
		}
		for _, f := range functions {
			names = append(names, f.Name)
		}
	case project.CategoryAPI:
		apis, _, err := p.RestAPIs()
		if err != nil {
			return err
		}
		for _, a := range apis {
			names = append(names, a.Name)
		}
		gqls, err := p.GraphQLAPIs()
		if err != nil {
			return err
		}
		for _, g := range gqls {
			names = append(names, g.Name)
		}
		sort.Strings(names)
	}
	v, err := pickName(o.f, "remove", o.category, names)
	o.name = v
	return err
}

// pickName picks a resource of category for verb: the choice of names, or
// a usage error when the project has none (or there is no terminal).
func pickName(f *cmdutil.Factory, verb, category string, names []string) (string, error) {
	if len(names) == 0 {
		return "", &exit.Error{Code: exit.Usage, Err: fmt.Errorf("%s %s: the project has none", verb, category),
			Fix: "run `ampgo status` to see the resources of the project"}
	}
	opts := make([]prompt.Option, len(names))
	for i, n := range names {
		opts[i] = prompt.Option{Label: n, Value: n}
	}
	v, err := f.Prompter().Select("Which "+category+" do you want to "+verb+"?", opts, len(opts) > 5)
	if err != nil {
		return "", prompt.AsExitError(err, "--name")
	}
	return v, nil
}
