package cmdutil_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

func TestCheckGlobalFlags(t *testing.T) {
	tests := []struct {
		name           string
		output, region string
		wantCode       int
		want           string // in the error
	}{
		{name: "text", output: "text", wantCode: exit.OK},
		{name: "json and a region", output: "json", region: "eu-west-1", wantCode: exit.OK},
		{name: "yaml", output: "yaml", wantCode: exit.Usage, want: `invalid --output "yaml": want text or json`},
		{name: "upper case JSON", output: "JSON", wantCode: exit.Usage, want: `invalid --output "JSON"`},
		{name: "empty output", output: "", wantCode: exit.Usage, want: `invalid --output ""`},
		{name: "path as region", output: "text", region: "../../x", wantCode: exit.Usage, want: `invalid --region`},
		{name: "upper-case region", output: "text", region: "US-EAST-1", wantCode: exit.Usage, want: `invalid --region`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &cmdutil.Factory{Output: tt.output, Region: tt.region}
			err := cmdutil.CheckGlobalFlags(f)
			if exit.Code(err) != tt.wantCode || (tt.want != "" && !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("CheckGlobalFlags = %v (exit %d), want exit %d with %q", err, exit.Code(err), tt.wantCode, tt.want)
			}
			if err != nil && exit.Hint(err) == "" {
				t.Errorf("no fix for %v", err)
			}
		})
	}
}

func TestCheckIDs(t *testing.T) {
	pool := func(v string) cmdutil.ID { return cmdutil.ID{Name: "--user-pool-id", Value: v, Check: ids.UserPoolID} }
	client := func(v string) cmdutil.ID { return cmdutil.ID{Name: "--web-client-id", Value: v, Check: ids.ClientID} }
	tests := []struct {
		name    string
		ids     []cmdutil.ID
		want    []string // each in the one error; nil: no error
		notWant string
	}{
		{name: "none given", ids: []cmdutil.ID{pool(""), client("")}},
		{name: "well formed", ids: []cmdutil.ID{pool("eu-west-1_AbC123xYz"), client("4abcdefghij1234567890klmno")}},
		{name: "one malformed", ids: []cmdutil.ID{pool("local_abc"), client("")}, want: []string{`invalid --user-pool-id`, `"local_abc"`}, notWant: "--web-client-id"},
		{name: "every malformed one at once", ids: []cmdutil.ID{pool("_abc"), client("no spaces")},
			want: []string{`invalid --user-pool-id`, `invalid --web-client-id`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := cmdutil.CheckIDs(tt.ids...)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("CheckIDs = %v, want nil", err)
				}
				return
			}
			if exit.Code(err) != exit.Usage || !strings.Contains(exit.Hint(err), "list-user-pools") {
				t.Fatalf("CheckIDs = %v (exit %d, fix %q), want a usage error with the list commands", err, exit.Code(err), exit.Hint(err))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if tt.notWant != "" && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("error %q names %q, which was not given", err, tt.notWant)
			}
		})
	}
}

// tree is ampgo's shape in small: a root, a group (env) with a command
// (list), and a command (status).
func tree() *cobra.Command {
	root := &cobra.Command{Use: "ampgo"}
	env := &cobra.Command{Use: "env"}
	env.AddCommand(&cobra.Command{Use: "list", RunE: func(*cobra.Command, []string) error { return nil }})
	root.AddCommand(env, &cobra.Command{Use: "status", RunE: func(*cobra.Command, []string) error { return nil }})
	cmdutil.RejectUnknownCommands(root)
	return root
}

func TestRejectUnknownCommands(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // in the error and its fix
	}{
		{name: "known command", args: []string{"env", "list"}, wantCode: exit.OK},
		{name: "group alone prints its help", args: []string{"env"}, wantCode: exit.OK},
		{name: "unknown under a group", args: []string{"env", "frob"}, wantCode: exit.Usage, want: `unknown command "frob" for "ampgo env"`},
		{name: "typo gets a suggestion", args: []string{"env", "lst"}, wantCode: exit.Usage, want: "did you mean `ampgo env list`?"},
		{name: "unknown at the root", args: []string{"frob"}, wantCode: exit.Usage, want: `unknown command "frob" for "ampgo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := clitest.Run(tree(), tt.args...)
			if exit.Code(err) != tt.wantCode || (tt.want != "" && !strings.Contains(err.Error()+" "+exit.Hint(err), tt.want)) {
				t.Errorf("ampgo %s = %v (exit %d, fix %q), want exit %d with %q", strings.Join(tt.args, " "), err, exit.Code(err), exit.Hint(err), tt.wantCode, tt.want)
			}
		})
	}
}

func TestNoArgsAndFlagError(t *testing.T) {
	cmd := &cobra.Command{Use: "status", Args: cmdutil.NoArgs, RunE: func(*cobra.Command, []string) error { return nil }}
	cmd.Flags().Bool("offline", false, "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "extra argument", args: []string{"frob"}, want: `unexpected argument "frob"`},
		{name: "unknown flag", args: []string{"--frob"}, want: "unknown flag: --frob"},
		{name: "bad flag value", args: []string{"--offline=maybe"}, want: `invalid argument "maybe"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := clitest.Run(cmd, tt.args...)
			if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), tt.want) || exit.Hint(err) != "see `status --help`" {
				t.Errorf("error %v (exit %d, fix %q), want a usage error with %q", err, exit.Code(err), exit.Hint(err), tt.want)
			}
		})
	}
}

func TestFlagErrorSuggestsFlag(t *testing.T) {
	root := &cobra.Command{Use: "ampgo"}
	root.PersistentFlags().String("output", "text", "")
	root.PersistentFlags().String("region", "", "")
	push := &cobra.Command{Use: "push", Args: cmdutil.NoArgs, RunE: func(*cobra.Command, []string) error { return nil }}
	push.Flags().Bool("dry-run", false, "")
	push.Flags().Bool("debug-stack", false, "")
	push.Flags().Bool("secret", false, "")
	if err := push.Flags().MarkHidden("secret"); err != nil {
		t.Fatal(err)
	}
	root.AddCommand(push)
	tests := []struct {
		name string
		args []string
		want string // the fix starts with it; "" means no suggestion
	}{
		{name: "one letter missing", args: []string{"push", "--dryrun"}, want: "did you mean --dry-run?"},
		{name: "two letters swapped", args: []string{"push", "--dyr-run"}, want: "did you mean --dry-run?"},
		{name: "prefix", args: []string{"push", "--dry"}, want: "did you mean --dry-run?"},
		{name: "upper case", args: []string{"push", "--DRY-RUN"}, want: "did you mean --dry-run?"},
		{name: "inherited flag", args: []string{"push", "--regoin", "x"}, want: "did you mean --region?"},
		{name: "nothing near", args: []string{"push", "--xyzzy"}},
		{name: "hidden flag not suggested", args: []string{"push", "--secrets"}},
		{name: "unknown shorthand", args: []string{"push", "-q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := clitest.Run(root, tt.args...)
			hint := exit.Hint(err)
			if exit.Code(err) != exit.Usage || !strings.HasSuffix(hint, "see `ampgo push --help`") {
				t.Fatalf("error %v (exit %d, fix %q), want a usage error pointing to the help", err, exit.Code(err), hint)
			}
			if tt.want == "" && strings.Contains(hint, "did you mean") || !strings.HasPrefix(hint, tt.want) {
				t.Errorf("fix %q, want it to start with %q", hint, tt.want)
			}
		})
	}
}
