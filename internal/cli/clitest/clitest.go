// Package clitest holds what the tests of the command packages share: a
// Factory on buffers, a prompter that answers from a script, and a way to
// run one command in process (flags → options, no AWS).
package clitest

import (
	"bytes"
	"errors"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/prompt"
)

// Prompter answers questions in order from Answers and records their
// titles in Asked. Confirm takes "yes" as yes; Input runs the validator on
// the answer. A question beyond the script is an error.
type Prompter struct {
	Answers []string
	Asked   []string
}

func (s *Prompter) next(title string) (string, error) {
	s.Asked = append(s.Asked, title)
	if len(s.Answers) == 0 {
		return "", errors.New("unexpected question: " + title)
	}
	a := s.Answers[0]
	s.Answers = s.Answers[1:]
	return a, nil
}

// Select returns the next answer.
func (s *Prompter) Select(title string, _ []prompt.Option, _ bool) (string, error) {
	return s.next(title)
}

// Confirm reports whether the next answer is "yes".
func (s *Prompter) Confirm(title string, _ bool) (bool, error) {
	v, err := s.next(title)
	return v == "yes", err
}

// Input returns the next answer, checked by validate.
func (s *Prompter) Input(title, _ string, validate func(string) error) (string, error) {
	v, err := s.next(title)
	if err == nil && validate != nil {
		err = validate(v)
	}
	return v, err
}

// Interactive is true: this prompter stands for a terminal.
func (s *Prompter) Interactive() bool { return true }

// Factory returns a Factory working in dir whose stdout and stderr are the
// returned buffers. With pr nil there is no terminal (the prompter never
// waits); otherwise pr answers as the terminal. Callers that use a terminal
// should t.Setenv("CI", "") first: CI=true turns prompting off.
func Factory(dir string, pr prompt.Prompter) (f *cmdutil.Factory, out, errOut *bytes.Buffer) {
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	f = &cmdutil.Factory{In: &bytes.Buffer{}, Out: out, ErrOut: errOut, Dir: dir, Output: "text",
		IsTerminal: func() bool { return pr != nil }, NewPrompter: func() prompt.Prompter { return pr }}
	return f, out, errOut
}

// Run executes cmd with args in process, as the root command would: flag
// errors are usage errors (exit 2), and cobra prints neither usage nor the
// error (main does that).
func Run(cmd *cobra.Command, args ...string) error {
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetFlagErrorFunc(cmdutil.FlagError)
	cmd.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	return cmd.Execute()
}
