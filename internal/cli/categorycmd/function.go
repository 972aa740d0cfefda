package categorycmd

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

type addFunctionOptions struct {
	f          *cmdutil.Factory
	name       string
	runtime    string
	authAccess string
	authSet    bool

	// ops is --auth-access, parsed.
	ops []string
}

// NewCmdAddFunction builds `ampgo add function`. runF, when not nil,
// replaces the run function once the flags are parsed and checked (tests:
// flags → options).
func NewCmdAddFunction(f *cmdutil.Factory, runF func(*addFunctionOptions) error) *cobra.Command {
	o := &addFunctionOptions{f: f}
	cmd := &cobra.Command{
		Use:   "function",
		Short: "Add a Lambda function, optionally with access to the imported user pool",
		Long: `Record a Lambda function with a working hello handler in
amplify/backend/function/<name>/src. With --auth-access it gets the Amplify CLI's
Cognito actions for those operations on the imported user pool, the pool's id in
AUTH_<AUTHNAME>_USERPOOLID, and ` + "`ampgo remove auth`" + ` refuses while it exists.
Every function gets ENV and REGION. ` + "`ampgo push`" + ` deploys it.`,
		Example: `  ampgo add function
  ampgo add function --name hello --runtime python3.13 --auth-access read,update`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, addFunctionRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.name, "name", "", "name of the function (letters and digits)")
	fl.StringVar(&o.runtime, "runtime", "", "runtime: "+strings.Join(category.Runtimes, ", ")+" (default "+category.DefaultRuntime+")")
	fl.StringVar(&o.authAccess, "auth-access", "", "operations on the imported user pool: create, read, update, delete, comma-separated (default: none)")
	return cmd
}

// parse parses --auth-access: a bad value fails before any question is
// asked or the project is opened.
func (o *addFunctionOptions) parse(cmd *cobra.Command, _ []string) error {
	o.authSet = cmd.Flags().Changed("auth-access")
	var err error
	o.ops, err = category.ParseOps("--auth-access", o.authAccess, category.FunctionAuthOps)
	return err
}

func addFunctionRun(_ context.Context, o *addFunctionOptions) error {
	ops := o.ops
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if err := o.ask(p, &ops); err != nil {
		return err
	}
	fn := project.Function{Name: o.name, Runtime: o.runtime, AuthAccess: ops}
	if err := category.AddFunction(p, fn); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	o.printAdded(p, len(ops) > 0)
	return nil
}

// ask fills in what the flags left open: the name (--yes: "<project>fn"),
// the runtime (default nodejs22.x) and, when auth is imported, the access.
// Without a terminal only the name is required.
func (o *addFunctionOptions) ask(p *project.Project, ops *[]string) error {
	pr := o.f.Prompter()
	if o.name == "" {
		def := p.Config().ProjectName + "fn"
		if !category.NameRE.MatchString(def) {
			def = "fn" + def[:len(def)-2]
		}
		if o.f.Yes {
			o.name = def
		} else {
			name, err := pr.Input("Name of the function", def, validName)
			if err != nil {
				return prompt.AsExitError(err, "--name")
			}
			o.name = name
		}
	}
	if o.runtime == "" {
		o.runtime = category.DefaultRuntime
		if pr.Interactive() {
			opts := make([]prompt.Option, len(category.Runtimes))
			for i, r := range category.Runtimes {
				opts[i] = prompt.Option{Label: r, Value: r}
			}
			v, err := pr.Select("Runtime", opts, false)
			if err != nil {
				return prompt.AsExitError(err, "--runtime")
			}
			o.runtime = v
		}
	}
	if a, ok := p.ImportedAuth(); ok && !o.authSet && pr.Interactive() {
		v, err := pr.Input(fmt.Sprintf("Operations this function may do on auth %q (create, read, update, delete; empty for none)", a.Name), "", func(s string) error {
			_, err := category.ParseOps("--auth-access", s, category.FunctionAuthOps)
			return err
		})
		if err != nil {
			return prompt.AsExitError(err, "--auth-access")
		}
		*ops, _ = category.ParseOps("--auth-access", v, category.FunctionAuthOps)
	}
	return nil
}

// printAdded names the environment variables, as the Amplify CLI does,
// and the next steps.
func (o *addFunctionOptions) printAdded(p *project.Project, auth bool) {
	vars := []string{"ENV", "REGION"}
	if a, ok := p.ImportedAuth(); ok && auth {
		vars = append(vars, category.UserPoolEnvVar(a.Name))
	}
	sort.Strings(vars)
	w := o.f.ErrOut
	fmt.Fprintf(w, "✔ Function %q added (%s).\n", o.name, o.runtime)
	fmt.Fprintf(w, "You can access the following resource attributes as environment variables from your Lambda function: %s\n", strings.Join(vars, ", "))
	fmt.Fprintf(w, "Next steps:\n- edit %s\n- `ampgo push` deploys it\n", project.FunctionSourceDir(o.name))
}
