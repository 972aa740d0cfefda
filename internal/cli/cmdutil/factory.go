// Package cmdutil holds what every ampgo command shares: streams, global
// flags, the prompter, the AWS config, the project lock and flag errors.
// Commands parse flags, ask for what is missing and call product packages;
// they make no AWS call themselves and know no file format.
package cmdutil

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"golang.org/x/term"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/progress"
	"github.com/ampgo/ampgo/internal/prompt"
)

// Factory holds what every command shares: streams, global flags, the
// prompter and a lazily built AWS config.
type Factory struct {
	In     io.Reader
	Out    io.Writer // results only
	ErrOut io.Writer // prompts, progress, warnings, hints
	Dir    string    // working directory

	// Global flags.
	Profile string
	Region  string
	Yes     bool
	Output  string
	Debug   bool
	// CallTimeout is --call-timeout; AMPGO_CALL_TIMEOUT when not given.
	CallTimeout CallTimeout

	// IsTerminal reports whether ampgo may prompt.
	IsTerminal func() bool
	// ErrIsTerminal reports whether stderr is a terminal, where long AWS
	// waits are shown; nil means no.
	ErrIsTerminal func() bool
	// OutIsTerminal reports whether stdout is a terminal: results that
	// arrive one by one are streamed there, and sorted when piped; nil
	// means no.
	OutIsTerminal func() bool
	// NewPrompter builds the terminal prompter.
	NewPrompter func() prompt.Prompter
}

// NewFactory returns a Factory on the process's streams.
func NewFactory() *Factory {
	dir, _ := os.Getwd()
	return &Factory{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Dir: dir,
		IsTerminal: func() bool {
			return term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stderr.Fd()))
		},
		ErrIsTerminal: func() bool { return term.IsTerminal(int(os.Stderr.Fd())) },
		OutIsTerminal: func() bool { return term.IsTerminal(int(os.Stdout.Fd())) },
		NewPrompter:   func() prompt.Prompter { return prompt.NewHuh() },
	}
}

// CanPrompt reports whether questions may be asked: a terminal on stdin and
// stderr, and neither --yes nor CI=true.
func (f *Factory) CanPrompt() bool {
	return !f.Yes && !f.Headless()
}

// Headless reports a run without a terminal on stdin and stderr, or in CI
// (CI=true), whatever --yes says: there what would be a warning on a
// terminal fails instead (an incomplete client config, exit 3).
func (f *Factory) Headless() bool {
	return os.Getenv("CI") == "true" || f.IsTerminal == nil || !f.IsTerminal()
}

// Prompter returns the terminal prompter when ampgo may ask, else one that
// never waits.
func (f *Factory) Prompter() prompt.Prompter {
	if f.CanPrompt() {
		return f.NewPrompter()
	}
	return prompt.None{}
}

// AWSConfig builds the AWS config from the global flags; region falls back
// to the given default (usually the environment's region).
func (f *Factory) AWSConfig(ctx context.Context, profile, defaultRegion string) (aws.Config, error) {
	o := awsx.Options{Profile: f.Profile, Region: f.Region}
	if o.Profile == "" {
		o.Profile = profile
	}
	if o.Region == "" {
		o.Region = defaultRegion
	}
	if f.Debug {
		o.Debug = f.ErrOut
	}
	if f.ErrIsTerminal != nil && f.ErrIsTerminal() {
		o.Waiting, o.WaitingQuiet = f.ErrOut, progress.Active
	}
	timeout, err := f.CallTimeout.Resolve()
	if err != nil {
		return aws.Config{}, err
	}
	o.CallTimeout = timeout
	return awsx.Config(ctx, o)
}

// callTimeoutEnv is read when --call-timeout is not given.
const callTimeoutEnv = "AMPGO_CALL_TIMEOUT"

// CallTimeout is the --call-timeout flag (a pflag.Value): the limit for one
// attempt of an AWS call. A bad value on the command line is a flag error;
// a bad AMPGO_CALL_TIMEOUT is a usage error from Resolve, before any call.
type CallTimeout struct {
	d   time.Duration
	set bool
}

// String returns the value, or the default when the flag was not given.
func (c *CallTimeout) String() string {
	if !c.set {
		return awsx.DefaultCallTimeout.String()
	}
	return c.d.String()
}

// Set parses a flag value such as 30s or 2m.
func (c *CallTimeout) Set(s string) error {
	d, err := parseCallTimeout(s)
	if err != nil {
		return err
	}
	c.d, c.set = d, true
	return nil
}

// Type names the value in --help.
func (c *CallTimeout) Type() string { return "duration" }

// Resolve returns the flag's value, else AMPGO_CALL_TIMEOUT, else the
// default; an invalid AMPGO_CALL_TIMEOUT is a usage error (exit 2).
func (c *CallTimeout) Resolve() (time.Duration, error) {
	if c.set {
		return c.d, nil
	}
	v := os.Getenv(callTimeoutEnv)
	if v == "" {
		return awsx.DefaultCallTimeout, nil
	}
	d, err := parseCallTimeout(v)
	if err != nil {
		return 0, exit.UsageErrorf("set "+callTimeoutEnv+" to a positive duration such as 30s or 2m, or unset it",
			"invalid %s %q: %v", callTimeoutEnv, v, err)
	}
	return d, nil
}

func parseCallTimeout(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("not a duration (use e.g. 30s or 2m)")
	}
	if d <= 0 {
		return 0, fmt.Errorf("must be more than 0")
	}
	return d, nil
}
