package cli

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/ids"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/regions"
)

// awsCompletionTimeout bounds the AWS calls of one completion: a shell waits
// for it on every Tab, so ids that take longer are simply not offered.
const awsCompletionTimeout = 2 * time.Second

// registerCompletions gives the built command tree its completion values
// (issue 16), in one place so that no command file has to know about them:
// flags are matched by name wherever they are defined, positional
// arguments and --name by command path. Values come from the project files
// (environment and resource names), from fixed lists (--frontend,
// --runtime, --region, --output) and, for Cognito ids, from AWS with the
// command's own --profile and --region (or the current environment's) and a
// short time limit. Every failure completes nothing and prints nothing:
// stderr belongs to the shell while it completes.
func registerCompletions(root *cobra.Command, f *cmdutil.Factory) {
	c := &completer{f: f, timeout: awsCompletionTimeout}
	byFlag := map[string]cobra.CompletionFunc{
		"frontend":         fixed(project.Frontends...),
		"runtime":          fixed(category.Runtimes...),
		"user-pool-id":     c.userPools,
		"web-client-id":    c.appClients,
		"native-client-id": c.appClients,
		"identity-pool-id": c.identityPools,
	}
	// Persistent flags are registered once, on the command that defines them.
	persistent := map[string]cobra.CompletionFunc{
		"region": completeRegions,
		"output": fixed("text", "json"),
	}
	byArgs := map[string]cobra.CompletionFunc{
		"env checkout": c.envNames,
		"env remove":   c.envNames,
	}
	names := map[string]func(*project.Project) []string{
		"storage":  storageNames,
		"function": functionNames,
		"api":      apiNames,
	}
	walk(root, func(cmd *cobra.Command) {
		path := strings.TrimPrefix(cmd.CommandPath(), root.Name()+" ")
		cmd.LocalNonPersistentFlags().VisitAll(func(fl *pflag.Flag) {
			if fn, ok := byFlag[fl.Name]; ok {
				_ = cmd.RegisterFlagCompletionFunc(fl.Name, fn)
			}
		})
		cmd.PersistentFlags().VisitAll(func(fl *pflag.Flag) {
			if fn, ok := persistent[fl.Name]; ok {
				_ = cmd.RegisterFlagCompletionFunc(fl.Name, fn)
			}
		})
		if fn, ok := byArgs[path]; ok && cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = oneArg(fn)
		}
		verb, noun, _ := strings.Cut(path, " ")
		if list, ok := names[noun]; ok && (verb == "update" || verb == "remove") && cmd.Flags().Lookup("name") != nil {
			_ = cmd.RegisterFlagCompletionFunc("name", c.projectNames(list))
		}
	})
}

// walk calls fn for cmd and every command below it.
func walk(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, sub := range cmd.Commands() {
		walk(sub, fn)
	}
}

// fixed completes one of values.
func fixed(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return slices.Clone(values), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeRegions completes the regions where Cognito exists, each with
// its name ("us-east-1\tUS East (N. Virginia)").
func completeRegions(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	out := make([]cobra.Completion, len(regions.Cognito))
	for i, r := range regions.Cognito {
		out[i] = cobra.CompletionWithDesc(r.Code, r.Name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// oneArg offers fn's values for the first positional argument only.
func oneArg(fn cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return fn(cmd, args, toComplete)
	}
}

// completer reads the project and AWS for completion values.
type completer struct {
	f       *cmdutil.Factory
	timeout time.Duration
}

// project loads the project around the working directory without taking
// its lock or completing an interrupted save: completing must never write
// nor wait. nil when there is none or it cannot be read.
func (c *completer) project() *project.Project {
	root, err := project.Find(c.f.Dir)
	if err != nil {
		return nil
	}
	p, err := project.Load(root)
	if err != nil {
		return nil
	}
	return p
}

// envNames completes the project's environments.
func (c *completer) envNames(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if p := c.project(); p != nil {
		return p.Envs(), cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// projectNames completes the names list returns for the project.
func (c *completer) projectNames(list func(*project.Project) []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if p := c.project(); p != nil {
			return list(p), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

// storageNames, functionNames and apiNames are the resources ampgo added
// (the ones update and remove accept).
func storageNames(p *project.Project) []string {
	managed, _, _ := p.StorageResources()
	out := make([]string, len(managed))
	for i, s := range managed {
		out[i] = s.Name
	}
	return out
}

func functionNames(p *project.Project) []string {
	managed, _, _ := p.Functions()
	out := make([]string, len(managed))
	for i, fn := range managed {
		out[i] = fn.Name
	}
	return out
}

func apiNames(p *project.Project) []string {
	rest, _, _ := p.RestAPIs()
	gql, _ := p.GraphQLAPIs()
	out := make([]string, 0, len(rest)+len(gql))
	for _, a := range rest {
		out = append(out, a.Name)
	}
	for _, a := range gql {
		out = append(out, a.Name)
	}
	slices.Sort(out)
	return out
}

// aws returns a Cognito reader with the command's --profile and --region,
// else the current environment's, and a context bounded by c.timeout; ok
// is false when no config can be built. The Factory is copied with debug
// output, the waiting line and stderr turned off: nothing may reach the
// shell's screen.
func (c *completer) aws(cmd *cobra.Command) (ctx context.Context, r *cognito.Reader, region string, cancel func(), ok bool) {
	parent := cmd.Context()
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel = context.WithTimeout(parent, c.timeout)
	quiet := *c.f
	quiet.Debug, quiet.ErrIsTerminal, quiet.ErrOut = false, nil, io.Discard
	var profile, envRegion string
	if p := c.project(); p != nil {
		env := p.CurrentEnv()
		profile, envRegion = p.EnvProfile(env), p.EnvRegion(env)
	}
	cfg, err := quiet.AWSConfig(ctx, profile, envRegion)
	if err != nil {
		cancel()
		return nil, nil, "", nil, false
	}
	return ctx, cognito.NewReader(cfg), cfg.Region, cancel, true
}

// userPools completes the user pools of the region, each with its name.
func (c *completer) userPools(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	ctx, r, region, cancel, ok := c.aws(cmd)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer cancel()
	pools, err := r.ListPools(ctx, region)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	out := make([]cobra.Completion, len(pools))
	for i, p := range pools {
		out[i] = cobra.CompletionWithDesc(p.ID, p.Name)
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}

// chosenPool is the user pool a client or identity pool completes for:
// --user-pool-id when the command has it and it is given, else the pool
// the current environment records.
func (c *completer) chosenPool(cmd *cobra.Command) string {
	if fl := cmd.Flags().Lookup("user-pool-id"); fl != nil && fl.Value.String() != "" {
		return fl.Value.String()
	}
	if p := c.project(); p != nil {
		if _, e, ok := p.EnvImportedAuth(p.CurrentEnv()); ok {
			return e.UserPoolID
		}
	}
	return ""
}

// appClients completes the app clients of the chosen user pool, each with
// its name and whether it has a secret (a web client must not).
func (c *completer) appClients(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	pool := c.chosenPool(cmd)
	if ids.UserPoolID(pool) != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, r, _, cancel, ok := c.aws(cmd)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer cancel()
	clients, err := r.Clients(ctx, pool)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	out := make([]cobra.Completion, len(clients))
	for i, cl := range clients {
		desc := cl.Name
		if cl.HasSecret {
			desc += " (has a client secret)"
		}
		out[i] = cobra.CompletionWithDesc(cl.ID, desc)
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}

// identityPools completes the identity pools that list the chosen user
// pool (in its region), or every identity pool of the region when no user
// pool is known yet.
func (c *completer) identityPools(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	ctx, r, region, cancel, ok := c.aws(cmd)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer cancel()
	var (
		found []cognito.IdentityPool
		err   error
	)
	if pool := c.chosenPool(cmd); ids.UserPoolID(pool) == nil {
		if poolRegion, rerr := ids.UserPoolRegion(pool); rerr == nil {
			region = poolRegion
		}
		found, err = r.LinkedIdentityPools(ctx, region, pool)
	} else {
		found, err = r.IdentityPools(ctx, region)
	}
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	out := make([]cobra.Completion, len(found))
	for i, ip := range found {
		out[i] = cobra.CompletionWithDesc(ip.ID, ip.Name)
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}
