package authcmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/deploy"
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
	env := p.CurrentEnv()
	_, managed := p.EnvManagedAuth(env)
	question := fmt.Sprintf("Unlink auth %q (user pool %s) from environment %q? The Cognito resources themselves are not deleted.", a.Name, a.Env.UserPoolID, env)
	if managed {
		question = fmt.Sprintf("Remove auth %q, which ampgo manages in environment %q? The next push deletes its stack; the user pool is kept with its users unless the environment allowed its deletion.", a.Name, env)
	}
	if err := cmdutil.ConfirmDestructive(f, question); err != nil {
		return err
	}
	var others []string // other envs whose managed auth was created
	for _, e := range p.Envs() {
		if _, ids, ok := p.EnvImportedAuth(e); ok && e != env && ids.UserPoolID != "" && p.EnvAuthMode(e) == project.AuthModeManaged {
			others = append(others, e)
		}
	}
	if err := p.RemoveAuth(a.Name); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(f.ErrOut, "✔ Auth %q unlinked. Run `ampgo push` to finish; the client config will be written without auth.\n", a.Name)
	if managed {
		writeRetained(f, p, env, a)
	}
	if len(others) > 0 {
		fmt.Fprintf(f.ErrOut, "  Managed in %s too: each environment's next `ampgo push` deletes its own auth stack (its pool is kept unless it allowed deletion).\n",
			strings.Join(others, ", "))
	}
	return nil
}

// writeRetained says what removing managed auth leaves behind and how to
// delete it.
func writeRetained(f *cmdutil.Factory, p *project.Project, env string, a *project.ImportedAuth) {
	stack := project.AuthStackName(p.Config().ProjectName, env)
	m, _ := p.EnvManagedAuth(env)
	if a.Env.UserPoolID == "" {
		fmt.Fprintf(f.ErrOut, "  Environment %q was never pushed with it: nothing was created.\n", env)
		return
	}
	fmt.Fprintf(f.ErrOut, "  The next `ampgo push` deletes stack %s (identity pool %s, its roles, the app clients).\n", stack, a.Env.IdentityPoolID)
	if m.AllowUserPoolDeletion {
		fmt.Fprintf(f.ErrOut, "  User pool %s is deleted with it (this environment allowed it), with every user.\n", a.Env.UserPoolID)
		return
	}
	cmds := deploy.DeleteUserPoolCommands(a.Env.UserPoolID)
	fmt.Fprintf(f.ErrOut, "  User pool %s is retained with its users (DeletionPolicy Retain, deletion protection on). To delete it later:\n"+
		"    %s   (the call resets every setting it is not given)\n    %s\n", a.Env.UserPoolID, cmds[0], cmds[1])
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
