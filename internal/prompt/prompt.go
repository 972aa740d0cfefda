// Package prompt asks the user questions on stderr. Only this package imports
// huh. Commands hold a Prompter; without a terminal they get one that never
// waits and instead returns ErrNoTerminal, which the command turns into a
// usage error naming the missing flag.
package prompt

import (
	"errors"

	"github.com/ampgo/ampgo/internal/exit"
)

// ErrNoTerminal is returned by the non-interactive Prompter.
var ErrNoTerminal = errors.New("no terminal to ask on")

// ErrCancelled is returned when the user aborts a prompt (Ctrl-C, Esc).
var ErrCancelled = errors.New("cancelled")

// Option is one choice of a Select.
type Option struct {
	Label string
	Value string
}

// Choice is a Select with what a terminal can show besides the options.
type Choice struct {
	Title   string
	Options []Option
	Filter  bool   // type-to-filter
	Noun    string // what the options are ("user pool"), for "no user pool matches 'xyz'"
}

// Chooser is implemented by prompters that show a Choice in full (Huh).
type Chooser interface {
	Choose(c Choice) (string, error)
}

// Choose asks c with p: in full when p is a Chooser, otherwise as a plain
// Select (test prompters, which need nothing more).
func Choose(p Prompter, c Choice) (string, error) {
	if ch, ok := p.(Chooser); ok {
		return ch.Choose(c)
	}
	return p.Select(c.Title, c.Options, c.Filter)
}

// Prompter asks questions. Every implementation writes prompts to stderr only.
type Prompter interface {
	// Select asks for one of options. filter turns on type-to-filter.
	Select(title string, options []Option, filter bool) (string, error)
	// Confirm asks a yes/no question.
	Confirm(title string, def bool) (bool, error)
	// Input asks for a line of text; an empty answer is def (the terminal
	// shows def as a placeholder that typing replaces).
	Input(title, def string, validate func(string) error) (string, error)
	// Interactive reports whether this prompter can ask at all.
	Interactive() bool
}

// None is the Prompter used without a terminal: it never waits for input.
type None struct{}

// Select always fails with ErrNoTerminal.
func (None) Select(string, []Option, bool) (string, error) { return "", ErrNoTerminal }

// Confirm always fails with ErrNoTerminal.
func (None) Confirm(string, bool) (bool, error) { return false, ErrNoTerminal }

// Input always fails with ErrNoTerminal.
func (None) Input(string, string, func(string) error) (string, error) { return "", ErrNoTerminal }

// Interactive is false.
func (None) Interactive() bool { return false }

// AsExitError turns a prompt error into the error a command returns: no
// terminal becomes a usage error naming flag (exit 2), a cancelled prompt
// becomes exit 130, anything else is returned as is.
func AsExitError(err error, flag string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNoTerminal):
		return exit.UsageErrorf("pass "+flag, "missing %s: no terminal to ask on", flag)
	case errors.Is(err, ErrCancelled):
		return &exit.Error{Code: exit.Interrupted, Err: errors.New("cancelled: nothing changed")}
	}
	return err
}
