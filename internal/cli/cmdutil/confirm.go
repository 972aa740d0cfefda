package cmdutil

import (
	"errors"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/prompt"
)

// Confirm asks question unless --yes was given. Without a terminal it
// fails with exit 2 naming --yes; a "no" ends the command with nothing changed.
func Confirm(f *Factory, question string) error {
	if f.Yes {
		return nil
	}
	ok, err := f.Prompter().Confirm(question, true)
	switch {
	case errors.Is(err, prompt.ErrNoTerminal):
		return exit.UsageErrorf("pass --yes to confirm without a terminal", "confirmation needed: %s", question)
	case err != nil:
		return prompt.AsExitError(err, "--yes")
	case !ok:
		return ErrDeclined
	}
	return nil
}
