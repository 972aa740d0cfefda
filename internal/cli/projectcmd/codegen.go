package projectcmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/codegen"
	"github.com/ampgo/ampgo/internal/project"
)

type codegenOptions struct {
	f *cmdutil.Factory
}

// NewCmdCodegen builds `ampgo codegen`. runF, when not nil, replaces the
// run function once the flags are parsed (tests).
func NewCmdCodegen(f *cmdutil.Factory, runF func(*codegenOptions) error) *cobra.Command {
	o := &codegenOptions{f: f}
	return &cobra.Command{
		Use:   "codegen",
		Short: "Write the GraphQL statements of the GraphQL API for a JavaScript frontend",
		Long: `Write <source dir>/graphql/queries.js, mutations.js and subscriptions.js from the
schema of the project's GraphQL API, in the shape ` + "`amplify codegen`" + ` writes them. ` + "`ampgo push`" + `
does it too. Offline: it reads only the schema file.`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, nil, runF, codegenRun),
	}
}

func codegenRun(_ context.Context, o *codegenOptions) error {
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	paths, err := codegen.Stage(p)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fmt.Fprintf(o.f.ErrOut, "Nothing to generate: codegen writes statements for a JavaScript frontend with a GraphQL API (`ampgo add api --type graphql`).\n")
		return nil
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(o.f.ErrOut, "✔ Wrote %s\n", strings.Join(paths, ", "))
	return nil
}

// frontendFiles is what push writes after a deploy: the client config and,
// for a JavaScript frontend with a GraphQL API, its statements.
func frontendFiles(p *project.Project) ([]string, error) {
	paths, err := clientconfig.Stage(p)
	if err != nil {
		return nil, err
	}
	more, err := codegen.Stage(p)
	return append(paths, more...), err
}
