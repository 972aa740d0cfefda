package authcmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

type removeOptions struct {
	f *cmdutil.Factory
}

// NewCmdRemove builds `ampgo remove auth` (the "remove" parent is shared,
// see categorycmd.NewCmdRemove): unlink only, never a write to AWS. runF,
// when not nil, replaces the run function (tests).
func NewCmdRemove(f *cmdutil.Factory, runF func(*removeOptions) error) *cobra.Command {
	o := &removeOptions{f: f}
	return &cobra.Command{
		Use:   "auth",
		Short: "Unlink the imported auth resource (the Cognito resources themselves are never deleted)",
		Args:  cmdutil.NoArgs,
		RunE:  cmdutil.RunE(o, nil, runF, removeRun),
	}
}

func removeRun(_ context.Context, o *removeOptions) error {
	f := o.f
	p, release, err := f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	a, ok := p.ImportedAuth()
	if !ok {
		return exit.UsageErrorf("import one with `ampgo import auth`", "this project has no imported auth resource")
	}
	if err := checkDependents(p, a.Name); err != nil {
		return err
	}
	if err := cmdutil.ConfirmDestructive(f, fmt.Sprintf("Unlink auth %q (user pool %s) from environment %q? The Cognito resources themselves are not deleted.", a.Name, a.Env.UserPoolID, p.CurrentEnv())); err != nil {
		return err
	}
	if err := p.RemoveAuth(a.Name); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Auth %q unlinked. Run `ampgo push` to finish; the client config will be written without auth.\n", a.Name)
	return nil
}

// checkDependents refuses (exit 3) while storage, a function or any
// recorded resource needs auth name: the rule is category.CheckRemoveAuth.
func checkDependents(p *project.Project, name string) error {
	storages, _, err := p.StorageResources()
	if err != nil {
		return err
	}
	functions, _, err := p.Functions()
	if err != nil {
		return err
	}
	return category.CheckRemoveAuth(name, category.AuthDependents(name, storages, functions, p.Dependents(project.CategoryAuth, name)))
}
