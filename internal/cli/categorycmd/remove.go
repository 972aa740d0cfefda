package categorycmd

import (
	"context"
	"fmt"

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
	if o.category == project.CategoryFunction {
		question = fmt.Sprintf("Remove function %q with its folder %s (your code in src/ is deleted)? The next push deletes the function and its role.",
			o.name, project.ResourceDir(project.BackendDir, project.CategoryFunction, o.name))
		remove = p.RemoveFunction
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
	if o.category == project.CategoryStorage {
		storages, _, err := p.StorageResources()
		if err != nil {
			return err
		}
		for _, s := range storages {
			names = append(names, s.Name)
		}
	} else {
		functions, _, err := p.Functions()
		if err != nil {
			return err
		}
		for _, f := range functions {
			names = append(names, f.Name)
		}
	}
	if len(names) == 0 {
		return &exit.Error{Code: exit.Usage, Err: fmt.Errorf("remove %s: the project has none", o.category),
			Fix: "run `ampgo status` to see the resources of the project"}
	}
	opts := make([]prompt.Option, len(names))
	for i, n := range names {
		opts[i] = prompt.Option{Label: n, Value: n}
	}
	v, err := o.f.Prompter().Select("Which "+o.category+" do you want to remove?", opts, len(opts) > 5)
	if err != nil {
		return prompt.AsExitError(err, "--name")
	}
	o.name = v
	return nil
}
