package prompt

import (
	"errors"
	"io"
	"os"
	"sync"

	"charm.land/huh/v2"
)

// Huh is the terminal Prompter, built on charm.land/huh/v2.
type Huh struct {
	In  io.Reader
	Out io.Writer // stderr: stdout carries results only
}

// NewHuh returns a Prompter that reads stdin and draws on stderr.
func NewHuh() *Huh { return &Huh{In: os.Stdin, Out: os.Stderr} }

// visibleRows is how many options a Select shows at once; the list scrolls.
const visibleRows = 10

// Select asks for one option; with filter the list starts in type-to-filter
// mode (case-insensitive substring of the label), so typing part of a pool's
// name narrows the list at once.
func (h *Huh) Select(title string, options []Option, filter bool) (string, error) {
	var value string
	opts := make([]huh.Option[string], 0, len(options))
	for _, o := range options {
		opts = append(opts, huh.NewOption(o.Label, o.Value))
	}
	height := len(options) + 2
	if height > visibleRows+2 {
		height = visibleRows + 2
	}
	// The theme goes on before Options: Options renders every option to size
	// the list, and without a theme huh derives its default one anew for each.
	field := huh.NewSelect[string]()
	field.WithTheme(charmTheme)
	field = field.Title(title).Options(opts...).Value(&value).Height(height)
	if filter {
		// In filter mode huh shows the filter input where the title was, so
		// the question moves into the description to stay visible.
		field = field.Filtering(true).Description(title + " (type to filter, ↑/↓ to move, enter to choose)")
	}
	return value, h.run(field)
}

// Confirm asks a yes/no question.
func (h *Huh) Confirm(title string, def bool) (bool, error) {
	value := def
	return value, h.run(huh.NewConfirm().Title(title).Value(&value))
}

// Input asks for a line of text.
func (h *Huh) Input(title, def string, validate func(string) error) (string, error) {
	value := def
	field := huh.NewInput().Title(title).Value(&value)
	if validate != nil {
		field = field.Validate(validate)
	}
	return value, h.run(field)
}

// Interactive is true.
func (h *Huh) Interactive() bool { return true }

// charmTheme is huh's default theme, built once per background kind. huh
// otherwise builds it (dozens of styles) again for every option it draws:
// about 1 s of CPU before a list of 1,000 pools shows (docs/benchmarks.md).
var charmTheme = func() huh.Theme {
	var mu sync.Mutex
	cache := map[bool]*huh.Styles{}
	return huh.ThemeFunc(func(isDark bool) *huh.Styles {
		mu.Lock()
		defer mu.Unlock()
		if st, ok := cache[isDark]; ok {
			return st
		}
		st := huh.ThemeCharm(isDark)
		cache[isDark] = st
		return st
	})
}()

func (h *Huh) run(field huh.Field) error {
	form := huh.NewForm(huh.NewGroup(field)).WithTheme(charmTheme).WithOutput(h.Out).WithInput(h.In).WithShowHelp(false)
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return ErrCancelled
		}
		return err
	}
	return nil
}
