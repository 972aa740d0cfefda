// Package cmdutil holds what every ampgo command shares: streams, global
// flags, the prompter, the AWS config, the project lock and flag errors.
// Commands parse flags, ask for what is missing and call product packages;
// they make no AWS call themselves and know no file format.
package cmdutil

import (
	"context"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"golang.org/x/term"

	"github.com/ampgo/ampgo/internal/awsx"
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

	// IsTerminal reports whether ampgo may prompt.
	IsTerminal func() bool
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
		NewPrompter: func() prompt.Prompter { return prompt.NewHuh() },
	}
}

// CanPrompt reports whether questions may be asked: a terminal on stdin and
// stderr, and neither --yes nor CI=true.
func (f *Factory) CanPrompt() bool {
	return !f.Yes && os.Getenv("CI") != "true" && f.IsTerminal()
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
	return awsx.Config(ctx, o)
}
