package cli

import (
	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/authcmd"
	"github.com/ampgo/ampgo/internal/cli/categorycmd"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cli/envcmd"
	"github.com/ampgo/ampgo/internal/cli/projectcmd"
	"github.com/ampgo/ampgo/internal/progress"
)

// NewRoot builds the root command with every subcommand.
func NewRoot(f *cmdutil.Factory, version string) *cobra.Command {
	root := &cobra.Command{
		Use:           "ampgo",
		Short:         "Bring existing Amazon Cognito user pools and identity pools into an Amplify project",
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		// The global flags are checked once, here, for every command; no
		// subcommand sets its own PersistentPreRunE (cobra would run only
		// the nearest one).
		PersistentPreRunE: func(*cobra.Command, []string) error { return cmdutil.CheckGlobalFlags(f) },
	}
	pf := root.PersistentFlags()
	pf.StringVar(&f.Profile, "profile", "", "AWS profile to use (default: the environment's profile, then AWS_PROFILE)")
	pf.StringVar(&f.Region, "region", "", "AWS region (default: the environment's region, then AWS_REGION)")
	pf.BoolVarP(&f.Yes, "yes", "y", false, "accept defaults and never ask")
	pf.StringVar(&f.Output, "output", "text", "output format where a command prints data: text or json")
	pf.BoolVar(&f.Debug, "debug", false, "print debugging details")
	// --quiet turns f.ErrIsTerminal off: it is what decides whether the
	// spinners (internal/progress) and awsx's waiting line are drawn, and
	// nothing else reads it. TERM=dumb turns them off the same way.
	var quiet bool
	pf.BoolVar(&quiet, "quiet", false, "draw no spinner or waiting line on stderr (they appear only on a terminal)")
	errIsTerminal := f.ErrIsTerminal
	f.ErrIsTerminal = func() bool { return !quiet && progress.Enabled(errIsTerminal) }
	pf.Var(&f.CallTimeout, "call-timeout", "time limit for one attempt of an AWS call, retried up to 6 times (or AMPGO_CALL_TIMEOUT)")
	root.SetFlagErrorFunc(cmdutil.FlagError)
	root.AddCommand(
		projectcmd.NewCmdInit(f, nil),
		projectcmd.NewCmdStatus(f, nil),
		projectcmd.NewCmdPush(f, nil),
		projectcmd.NewCmdGenerate(f, nil),
		projectcmd.NewCmdCodegen(f, nil),
		authcmd.NewCmdImport(f, nil),
		authcmd.NewCmdAuth(f),
		authcmd.NewCmdDoctor(f, nil),
		categorycmd.NewCmdAdd(f, authcmd.NewCmdAddAuth(f, nil)),
		categorycmd.NewCmdUpdate(f, authcmd.NewCmdUpdateAuth(f, nil)),
		categorycmd.NewCmdRemove(f, authcmd.NewCmdRemove(f, nil)),
		envcmd.NewCmdEnv(f),
	)
	cmdutil.SetHelp(root)
	cmdutil.RejectUnknownCommands(root)
	registerCompletions(root, f)
	return root
}
