package cmdutil

import (
	"errors"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/prompt"
)

// Confirm asks question, with Yes as the answer Enter gives, unless --yes
// was given. Without a terminal it fails with exit 2 naming --yes; a "no"
// ends the command with nothing changed.
func Confirm(f *Factory, question string) error {
	return confirm(f, question, true)
}

// ConfirmDestructive is Confirm for a question whose yes deletes or unlinks
// something (remove auth, storage, function, env remove): Enter answers No,
// so a reflexive Enter keeps everything (issue 11). --yes still confirms,
// and without a terminal it is the same usage error as Confirm.
func ConfirmDestructive(f *Factory, question string) error {
	return confirm(f, question, false)
}

func confirm(f *Factory, question string, def bool) error {
	if f.Yes {
		return nil
	}
	ok, err := f.Prompter().Confirm(question, def)
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
