package categorycmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

// The --type values of `ampgo add api`.
const (
	APITypeREST    = "rest"
	APITypeGraphQL = "graphql"
)

// apiAccessFlags are the access and authorizer flags add api and update
// api share, parsed.
type apiAccessFlags struct {
	authAccess, guestAccess, authorizer string
	authSet, guestSet, authorizerSet    bool
	auth, guest                         []string
}

func (a *apiAccessFlags) register(fl interface {
	StringVar(*string, string, string, string)
}, where string) {
	fl.StringVar(&a.authAccess, "auth-access", "", "operations signed-in users may call"+where+": create (POST), read (GET), update (PUT, PATCH), delete (DELETE), comma-separated (default: all)")
	fl.StringVar(&a.guestAccess, "guest-access", "", "operations guests may call"+where+", as --auth-access (default: none; iam authorizer only)")
	fl.StringVar(&a.authorizer, "authorizer", "", "iam (default: the imported identity pool's roles sign requests) or userpool (the app sends the user pool's token)")
}

func (a *apiAccessFlags) parse(cmd *cobra.Command) error {
	fl := cmd.Flags()
	a.authSet, a.guestSet, a.authorizerSet = fl.Changed("auth-access"), fl.Changed("guest-access"), fl.Changed("authorizer")
	if a.authSet && a.authAccess == "" {
		a.authAccess = "none"
	}
	if a.authorizerSet && a.authorizer != project.AuthorizerIAM && a.authorizer != project.AuthorizerUserPool {
		return exit.UsageErrorf("pass --authorizer iam or --authorizer userpool", "invalid --authorizer value %q", a.authorizer)
	}
	var err error
	if a.auth, err = category.ParseOps("--auth-access", a.authAccess, category.APIOps); err != nil {
		return err
	}
	a.guest, err = category.ParseOps("--guest-access", a.guestAccess, category.APIOps)
	return err
}

type addAPIOptions struct {
	f        *cmdutil.Factory
	apiType  string
	name     string
	paths    []string
	function string
	runtime  string
	access   apiAccessFlags

	// GraphQL: --schema, --default-auth, --additional-auth,
	// --api-key-expiration-days; modes parsed from the two auth flags.
	schema         string
	defaultAuth    string
	additionalAuth string
	apiKeyDays     int
	modes          []string
}

// NewCmdAddAPI builds `ampgo add api`. runF, when not nil, replaces the
// run function once the flags are parsed and checked (tests).
func NewCmdAddAPI(f *cmdutil.Factory, runF func(*addAPIOptions) error) *cobra.Command {
	o := &addAPIOptions{f: f}
	cmd := &cobra.Command{
		Use:   "api",
		Short: "Add a REST API (API Gateway + Lambda) authorized by the imported identity pool or user pool",
		Long: `Record an API Gateway REST API whose paths (each with a {proxy+} child) call a
Lambda function. With the iam authorizer (the default, as in the Amplify CLI) the app
signs requests with the imported identity pool's credentials, and ` + "`ampgo push`" + ` puts
execute-api:Invoke statements for the chosen operations on the imported roles. With
the userpool authorizer the API admits requests carrying a token of the imported user
pool. Without --function a new function is made for it, like ` + "`ampgo add function`" + `.
Nothing in AWS changes before ` + "`ampgo push`" + `.`,
		Example: `  ampgo add api
  ampgo add api --type rest --name shop --path /items --path /orders --auth-access create,read,update,delete --guest-access read
  ampgo add api --name members --path /profile --function profile --authorizer userpool`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, addAPIRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.apiType, "type", APITypeREST, "type of API: rest or graphql")
	fl.StringVar(&o.name, "name", "", "name of the API (letters and digits)")
	fl.StringArrayVar(&o.paths, "path", nil, "a path of the API, for example /items (repeatable)")
	fl.StringVar(&o.function, "function", "", "an ampgo function of the project that serves the paths (default: a new function <name>fn)")
	fl.StringVar(&o.runtime, "runtime", "", "runtime of the new function: "+strings.Join(category.Runtimes, ", ")+" (default "+category.DefaultRuntime+")")
	o.access.register(fl, "")
	fl.StringVar(&o.schema, "schema", "", "graphql: a schema file with @model/@auth types (default: a starter Todo owned by each user)")
	fl.StringVar(&o.defaultAuth, "default-auth", "userpool", "graphql: default authorization: userpool, iam or apikey")
	fl.StringVar(&o.additionalAuth, "additional-auth", "", "graphql: more authorization modes, comma-separated: iam, apikey, userpool")
	fl.IntVar(&o.apiKeyDays, "api-key-expiration-days", 7, "graphql: lifetime of the API key (apikey mode), 1 to 365 days")
	return cmd
}

func (o *addAPIOptions) parse(cmd *cobra.Command, _ []string) error {
	switch o.apiType {
	case APITypeREST:
	case APITypeGraphQL:
		if o.apiKeyDays < 1 || o.apiKeyDays > 365 {
			return exit.UsageErrorf("pass --api-key-expiration-days between 1 and 365", "invalid --api-key-expiration-days %d", o.apiKeyDays)
		}
		var err error
		o.modes, err = category.ParseGraphQLModes(o.defaultAuth, o.additionalAuth)
		return err
	default:
		return exit.UsageErrorf("pass --type rest or --type graphql", "invalid --type value %q", o.apiType)
	}
	if o.runtime != "" && !category.ValidRuntime(o.runtime) {
		return exit.UsageErrorf("pass --runtime with one of "+strings.Join(category.Runtimes, ", "), "unsupported runtime %q", o.runtime)
	}
	return o.access.parse(cmd)
}

func addAPIRun(_ context.Context, o *addAPIOptions) error {
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if o.apiType == APITypeGraphQL {
		return o.addGraphQL(p)
	}
	// Every API needs at least an imported user pool: said before any
	// question; what the chosen authorizer needs is checked after them.
	if err := category.CheckCanAddAPI(p, project.AuthorizerUserPool, false); err != nil {
		return err
	}
	if err := o.ask(p); err != nil {
		return err
	}
	if err := category.CheckCanAddAPI(p, o.access.authorizer, len(o.access.guest) > 0); err != nil {
		return err
	}
	newFunction := o.function == ""
	if newFunction {
		o.function = defaultFunctionName(o.name)
		runtime := o.runtime
		if runtime == "" {
			runtime = category.DefaultRuntime
		}
		if err := category.AddAPIFunction(p, project.Function{Name: o.function, Runtime: runtime}); err != nil {
			return err
		}
	}
	api := project.RestAPI{Name: o.name, Authorizer: o.access.authorizer}
	for _, path := range o.paths {
		api.Paths = append(api.Paths, project.APIPath{Path: path, Function: o.function, AuthAccess: o.access.auth, GuestAccess: o.access.guest})
	}
	if err := category.AddRestAPI(p, api); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	w := o.f.ErrOut
	if newFunction {
		fmt.Fprintf(w, "✔ Function %q added; its handler is in %s.\n", o.function, project.FunctionSourceDir(o.function))
	}
	fmt.Fprintf(w, "✔ REST API %q added: %s → function %q, %s authorizer.\n", o.name, strings.Join(o.paths, ", "), o.function, o.access.authorizer)
	fmt.Fprintf(w, "Next steps:\n- `ampgo push --dry-run` shows the API and every statement for the imported roles\n- `ampgo push` deploys it and writes its endpoint into the client config\n")
	return nil
}

// defaultFunctionName is "<api>fn", cut to the 30 characters of a name.
func defaultFunctionName(api string) string {
	if len(api) > 28 {
		api = api[:28]
	}
	return api + "fn"
}

// ask fills in what the flags left open. --yes takes the defaults: name
// "<project>api", path /items, a new function, iam, every operation for
// signed-in users and none for guests. Without a terminal, name and path
// must be given (or --yes); the rest takes the defaults.
func (o *addAPIOptions) ask(p *project.Project) error {
	pr := o.f.Prompter()
	if o.name == "" {
		def := p.Config().ProjectName + "api"
		if len(def) > 30 {
			def = def[:30]
		}
		o.name = def
		if !o.f.Yes {
			name, err := pr.Input("Name of the REST API", def, validName)
			if err != nil {
				return prompt.AsExitError(err, "--name")
			}
			o.name = name
		}
	}
	if len(o.paths) == 0 {
		o.paths = []string{"/items"}
		if !o.f.Yes {
			path, err := pr.Input("Path of the API (more with `ampgo update api --add-path`)", "/items", project.CheckAPIPath)
			if err != nil {
				return prompt.AsExitError(err, "--path")
			}
			o.paths = []string{path}
		}
	}
	if pr.Interactive() && !o.f.Yes && o.function == "" {
		if err := o.askFunction(p); err != nil {
			return err
		}
	}
	return askAccess(o.f, p, &o.access)
}

// askFunction offers the project's functions and a new one.
func (o *addAPIOptions) askFunction(p *project.Project) error {
	functions, _, err := p.Functions()
	if err != nil || len(functions) == 0 {
		return err
	}
	opts := []prompt.Option{{Label: "a new function " + defaultFunctionName(o.name), Value: ""}}
	for _, f := range functions {
		opts = append(opts, prompt.Option{Label: f.Name + " (" + f.Runtime + ")", Value: f.Name})
	}
	v, err := o.f.Prompter().Select("Which function serves the API?", opts, len(opts) > 5)
	if err != nil {
		return prompt.AsExitError(err, "--function")
	}
	o.function = v
	return nil
}

// askAccess asks for the authorizer and the operations the flags left
// open; --yes and a missing terminal take iam, every operation for
// signed-in users and none for guests.
func askAccess(f *cmdutil.Factory, p *project.Project, a *apiAccessFlags) error {
	pr := f.Prompter()
	interactive := pr.Interactive() && !f.Yes
	if !a.authorizerSet {
		a.authorizer = project.AuthorizerIAM
		if interactive {
			v, err := pr.Select("How does the API authorize callers?", []prompt.Option{
				{Label: "iam: requests signed with the imported identity pool's credentials (Amplify's default)", Value: project.AuthorizerIAM},
				{Label: "userpool: requests carry a token of the imported user pool", Value: project.AuthorizerUserPool},
			}, false)
			if err != nil {
				return prompt.AsExitError(err, "--authorizer")
			}
			a.authorizer = v
		}
	}
	if !a.authSet {
		a.auth = category.APIOps
		if interactive && a.authorizer == project.AuthorizerIAM {
			v, err := pr.Input("Operations signed-in users may call (create, read, update, delete)", strings.Join(category.APIOps, ","), opsValidator("--auth-access"))
			if err != nil {
				return prompt.AsExitError(err, "--auth-access")
			}
			a.auth, _ = category.ParseOps("--auth-access", v, category.APIOps)
		}
	}
	if !a.guestSet && interactive && a.authorizer == project.AuthorizerIAM && guestsAllowed(p) {
		v, err := pr.Input("Operations guests may call (empty for none)", "", opsValidator("--guest-access"))
		if err != nil {
			return prompt.AsExitError(err, "--guest-access")
		}
		a.guest, _ = category.ParseOps("--guest-access", v, category.APIOps)
	}
	return nil
}

func opsValidator(flag string) func(string) error {
	return func(s string) error {
		_, err := category.ParseOps(flag, s, category.APIOps)
		return err
	}
}

type updateAPIOptions struct {
	f           *cmdutil.Factory
	name        string
	addPaths    []string
	removePaths []string
	function    string
	access      apiAccessFlags

	// GraphQL: new modes and API key lifetime; gqlSet when any was passed.
	defaultAuth, additionalAuth string
	apiKeyDays                  int
	gqlSet                      bool
}

// NewCmdUpdateAPI builds `ampgo update api`. runF, when not nil, replaces
// the run function once the flags are parsed and checked (tests).
func NewCmdUpdateAPI(f *cmdutil.Factory, runF func(*updateAPIOptions) error) *cobra.Command {
	o := &updateAPIOptions{f: f}
	cmd := &cobra.Command{
		Use:   "api",
		Short: "Change a REST API's paths or access, or a GraphQL API's authorization modes",
		Long: `Change a REST API ampgo added: --add-path adds paths served by --function (default:
the API's function when it has one), with --auth-access/--guest-access (default: those
of its existing paths); --remove-path removes paths; --authorizer, --auth-access or
--guest-access without --add-path change every path.

Change a GraphQL API ampgo added: --default-auth and --additional-auth replace its
authorization modes (checked against its schema's @auth rules);
--api-key-expiration-days gives its API key a new lifetime from today.

` + "`ampgo push`" + ` deploys the change.`,
		Example: `  ampgo update api --name shop --add-path /orders --function orders
  ampgo update api --name shop --remove-path /items
  ampgo update api --name shop --guest-access none
  ampgo update api --name notes --additional-auth iam,apikey
  ampgo update api --name notes --api-key-expiration-days 30`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(o, o.parse, runF, updateAPIRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.name, "name", "", "name of the API")
	fl.StringArrayVar(&o.addPaths, "add-path", nil, "a path to add, for example /orders (repeatable)")
	fl.StringArrayVar(&o.removePaths, "remove-path", nil, "a path to remove (repeatable)")
	fl.StringVar(&o.function, "function", "", "the ampgo function that serves the added paths")
	o.access.register(fl, " (on the added paths, or on every path)")
	fl.StringVar(&o.defaultAuth, "default-auth", "", "graphql: default authorization: userpool, iam or apikey")
	fl.StringVar(&o.additionalAuth, "additional-auth", "", "graphql: more authorization modes, comma-separated (\"none\" for none)")
	fl.IntVar(&o.apiKeyDays, "api-key-expiration-days", 0, "graphql: a new API key lifetime from today, 1 to 365 days")
	return cmd
}

func (o *updateAPIOptions) parse(cmd *cobra.Command, _ []string) error {
	if err := o.access.parse(cmd); err != nil {
		return err
	}
	fl := cmd.Flags()
	o.gqlSet = fl.Changed("default-auth") || fl.Changed("additional-auth") || fl.Changed("api-key-expiration-days")
	rest := len(o.addPaths) > 0 || len(o.removePaths) > 0 || o.access.authSet || o.access.guestSet || o.access.authorizerSet
	if !rest && !o.gqlSet {
		return exit.UsageErrorf("pass --add-path, --remove-path, --auth-access, --guest-access or --authorizer (REST), or --default-auth, --additional-auth or --api-key-expiration-days (GraphQL)", "update api: nothing to change")
	}
	if rest && o.gqlSet {
		return exit.UsageErrorf("change a REST API's paths and access, or a GraphQL API's modes, in separate commands", "update api: REST and GraphQL flags together")
	}
	if fl.Changed("api-key-expiration-days") && (o.apiKeyDays < 1 || o.apiKeyDays > 365) {
		return exit.UsageErrorf("pass a number of days from 1 to 365", "invalid --api-key-expiration-days %d", o.apiKeyDays)
	}
	if o.function != "" && len(o.addPaths) == 0 {
		return exit.UsageErrorf("pass --add-path with --function", "update api: --function names the function of added paths")
	}
	return nil
}

func updateAPIRun(_ context.Context, o *updateAPIOptions) error {
	p, release, err := o.f.OpenProject()
	if err != nil {
		return err
	}
	defer release()
	if o.name != "" && p.IsGraphQLAPI(o.name) || o.name == "" && o.gqlSet {
		return o.updateGraphQL(p)
	}
	api, err := o.find(p)
	if err != nil {
		return err
	}
	if err := o.change(&api); err != nil {
		return err
	}
	if err := category.UpdateRestAPI(p, api); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	var paths []string
	for _, path := range api.Paths {
		paths = append(paths, path.Path+" → "+path.Function)
	}
	fmt.Fprintf(o.f.ErrOut, "✔ REST API %q updated: %s, %s authorizer. Run `ampgo push --dry-run` to see the change, `ampgo push` to deploy it.\n",
		api.Name, strings.Join(paths, ", "), api.Authorizer)
	return nil
}

// find returns the API named by --name (asked for when missing).
func (o *updateAPIOptions) find(p *project.Project) (project.RestAPI, error) {
	apis, _, err := p.RestAPIs()
	if err != nil {
		return project.RestAPI{}, err
	}
	if o.name == "" {
		names := make([]string, len(apis))
		for i, a := range apis {
			names[i] = a.Name
		}
		if o.name, err = pickName(o.f, "update", project.CategoryAPI, names); err != nil {
			return project.RestAPI{}, err
		}
	}
	for _, a := range apis {
		if a.Name == o.name {
			return a, nil
		}
	}
	return project.RestAPI{}, &exit.Error{Code: exit.Usage, Err: fmt.Errorf("update api %s: %w", o.name, project.ErrResourceNotFound),
		Fix: "run `ampgo status` to see the APIs of the project, or add it with `ampgo add api --name " + o.name + "`"}
}

// change applies the flags to api.
func (o *updateAPIOptions) change(api *project.RestAPI) error {
	a := o.access
	if a.authorizerSet {
		api.Authorizer = a.authorizer
	}
	for _, rm := range o.removePaths {
		kept := api.Paths[:0]
		for _, path := range api.Paths {
			if path.Path != rm {
				kept = append(kept, path)
			}
		}
		if len(kept) == len(api.Paths) {
			return exit.UsageErrorf("run `ampgo status` or read "+project.ResourceDir(project.BackendDir, project.CategoryAPI, api.Name)+"/cli-inputs.json for its paths",
				"update api %s: it has no path %s", api.Name, rm)
		}
		api.Paths = kept
	}
	if len(o.addPaths) == 0 {
		for i := range api.Paths {
			if a.authSet {
				api.Paths[i].AuthAccess = a.auth
			}
			if a.guestSet {
				api.Paths[i].GuestAccess = a.guest
			}
		}
		return nil
	}
	fn := o.function
	fns := api.Functions()
	if fn == "" && len(fns) != 1 {
		return exit.UsageErrorf("pass --function with the function that serves the new paths",
			"update api %s: the API has %d functions (%s), so the function of the new paths is not clear", api.Name, len(fns), strings.Join(fns, ", "))
	}
	if fn == "" {
		fn = fns[0]
	}
	auth, guest := a.auth, a.guest
	if len(api.Paths) > 0 {
		if !a.authSet {
			auth = api.Paths[0].AuthAccess
		}
		if !a.guestSet {
			guest = api.Paths[0].GuestAccess
		}
	} else if !a.authSet {
		auth = category.APIOps
	}
	for _, path := range o.addPaths {
		api.Paths = append(api.Paths, project.APIPath{Path: path, Function: fn, AuthAccess: auth, GuestAccess: guest})
	}
	return nil
}

// addGraphQL records a GraphQL API: the schema of --schema (read as given:
// a user's file) or the starter, checked before anything is written.
func (o *addAPIOptions) addGraphQL(p *project.Project) error {
	if o.name == "" {
		def := p.Config().ProjectName + "gql"
		if len(def) > 30 {
			def = def[:30]
		}
		o.name = def
		if !o.f.Yes {
			name, err := o.f.Prompter().Input("Name of the GraphQL API", def, validName)
			if err != nil {
				return prompt.AsExitError(err, "--name")
			}
			o.name = name
		}
	}
	schema := []byte(category.StarterSchema)
	if o.schema != "" {
		data, err := readUserFile(o.schema)
		if err != nil {
			return err
		}
		schema = data
	}
	api := project.GraphQLAPI{Name: o.name, Modes: o.modes, APIKeyExpirationDays: o.apiKeyDays}
	if err := category.AddGraphQLAPI(p, api, schema, time.Now()); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(o.f.ErrOut, "✔ GraphQL API %q recorded; its schema is %s (modes: %s).\nNext steps:\n- edit the schema\n- `ampgo codegen` writes src/graphql/*.js from it\n- `ampgo push --dry-run` shows the AppSync API, tables and resolvers; `ampgo push` deploys them\n",
		o.name, project.GraphQLSchemaPath(o.name), strings.Join(o.modes, ", "))
	return nil
}

// readUserFile reads a file the user named on the command line (at most
// 4 MiB): a missing or unreadable one is a usage error.
func readUserFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, exit.UsageErrorf("pass an existing file to --schema", "read --schema %s: %v", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 4<<20+1))
	if err != nil {
		return nil, exit.UsageErrorf("pass a readable file to --schema", "read --schema %s: %v", path, err)
	}
	if len(data) > 4<<20 {
		return nil, exit.UsageErrorf("split the schema, or pass a smaller file", "read --schema %s: larger than 4 MiB", path)
	}
	return data, nil
}

// updateGraphQL changes a GraphQL API's modes or API key lifetime.
func (o *updateAPIOptions) updateGraphQL(p *project.Project) error {
	if !o.gqlSet {
		return exit.UsageErrorf("pass --default-auth, --additional-auth or --api-key-expiration-days",
			"update api %s: it is a GraphQL API, and paths and access are REST API settings", o.name)
	}
	apis, err := p.GraphQLAPIs()
	if err != nil {
		return err
	}
	names := make([]string, len(apis))
	for i, a := range apis {
		names[i] = a.Name
	}
	if o.name == "" {
		if o.name, err = pickName(o.f, "update", project.CategoryAPI, names); err != nil {
			return err
		}
	}
	var old project.GraphQLAPI
	for _, a := range apis {
		if a.Name == o.name {
			old = a
		}
	}
	if old.Name == "" {
		return &exit.Error{Code: exit.Usage, Err: fmt.Errorf("update api %s: %w (GraphQL APIs: %s)", o.name, project.ErrResourceNotFound, strings.Join(names, ", ")),
			Fix: "run `ampgo status` to see the APIs of the project"}
	}
	def, additional := o.defaultAuth, o.additionalAuth
	if def == "" {
		def = category.ModeFlag(old.Modes[0])
	}
	if additional == "" {
		var add []string
		for _, m := range old.Modes[1:] {
			add = append(add, category.ModeFlag(m))
		}
		additional = strings.Join(add, ",")
	} else if strings.EqualFold(additional, "none") {
		additional = ""
	}
	modes, err := category.ParseGraphQLModes(def, additional)
	if err != nil {
		return err
	}
	api := project.GraphQLAPI{Name: old.Name, Modes: modes, APIKeyExpirationDays: o.apiKeyDays}
	if err := category.UpdateGraphQLAPI(p, api, old, time.Now()); err != nil {
		return err
	}
	if err := p.Save(); err != nil {
		return err
	}
	fmt.Fprintf(o.f.ErrOut, "✔ GraphQL API %q updated (modes: %s). Run `ampgo push --dry-run` to see the change, `ampgo push` to deploy it.\n",
		old.Name, strings.Join(modes, ", "))
	return nil
}
