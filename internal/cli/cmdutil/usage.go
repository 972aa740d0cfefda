package cmdutil

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// Outputs are the values --output takes.
var Outputs = []string{"text", "json"}

// CheckGlobalFlags validates the global flags once, for every command,
// before it does anything (the root's PersistentPreRunE): --output is
// text or json, and --region, when given, is a region code. Both are
// usage errors (exit 2), so a malformed value never reaches AWS.
func CheckGlobalFlags(f *Factory) error {
	if f.Output != "text" && f.Output != "json" {
		return exit.UsageErrorf("pass --output text or --output json", "invalid --output %q: want %s", f.Output, strings.Join(Outputs, " or "))
	}
	if f.Region != "" {
		if err := ids.Region(f.Region); err != nil {
			return exit.UsageErrorf("pass a region code such as us-east-1 or eu-west-1 (`aws account list-regions` lists them)", "invalid --region: %v", err)
		}
	}
	return nil
}

// RejectUnknownCommands makes every command of the tree that only groups
// subcommands (ampgo, ampgo env, ampgo import…) fail with a usage error
// (exit 2) on an unknown subcommand, instead of cobra's exit-1 error (root)
// or its help text and exit 0 (the others). Without arguments such a
// command still prints its help.
func RejectUnknownCommands(cmd *cobra.Command) {
	for _, sub := range cmd.Commands() {
		RejectUnknownCommands(sub)
	}
	if !cmd.HasSubCommands() || cmd.Runnable() {
		return
	}
	cmd.Args = unknownCommand
	cmd.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := "see `" + cmd.CommandPath() + " --help` for its commands"
	if cmd.SuggestionsMinimumDistance <= 0 {
		// cobra sets this default only on the command it searches from
		// (the root); below it, typos got no suggestion.
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		hint = fmt.Sprintf("did you mean `%s %s`? %s", cmd.CommandPath(), s[0], hint)
	}
	return exit.UsageErrorf(hint, "unknown command %q for %q", args[0], cmd.CommandPath())
}

// ID is one id the user gave, named the way the user gave it (a flag, a
// JSON key, a variable), with the check of its kind.
type ID struct {
	Name  string // "--user-pool-id"
	Value string // "" when not given
	Check func(string) error
}

// CheckIDs fails with a usage error (exit 2) naming every malformed id at
// once; ids that were not given pass.
func CheckIDs(list ...ID) error {
	var problems []string
	for _, id := range list {
		if id.Value == "" {
			continue
		}
		if err := id.Check(id.Value); err != nil {
			problems = append(problems, fmt.Sprintf("invalid %s: %v", id.Name, err))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return exit.UsageErrorf("pass the ids as AWS shows them: Amazon Cognito console > User pools (or Identity pools), "+
		"`aws cognito-idp list-user-pools --max-results 60`, `aws cognito-idp list-user-pool-clients --user-pool-id <pool>`, "+
		"`aws cognito-identity list-identity-pools --max-results 60`", "%s", strings.Join(problems, "; "))
}

// SelectionIDs names the ids of a selection by their import flags.
func SelectionIDs(s cognito.Selection) []ID {
	return []ID{
		{"--user-pool-id", s.UserPoolID, ids.UserPoolID},
		{"--web-client-id", s.WebClientID, ids.ClientID},
		{"--native-client-id", s.NativeClientID, ids.ClientID},
		{"--identity-pool-id", s.IdentityPoolID, ids.IdentityPoolID},
	}
}
