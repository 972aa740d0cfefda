package prompt

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"golang.org/x/term"
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
	return h.Choose(Choice{Title: title, Options: options, Filter: filter})
}

// Choose asks for one option of c. A filter that leaves no option says so
// ("no user pool matches 'xyz'") instead of showing an empty list.
func (h *Huh) Choose(c Choice) (string, error) {
	var value string
	opts := make([]huh.Option[string], 0, len(c.Options))
	for _, o := range c.Options {
		opts = append(opts, huh.NewOption(o.Label, o.Value))
	}
	height := len(c.Options) + 2
	if height > visibleRows+2 {
		height = visibleRows + 2
	}
	// The theme, a width and the height go on before Options. Without a
	// theme huh derives its default one anew for every option it draws;
	// without a width and a height each setter (and every message until the
	// terminal's size arrives) draws every option to measure the list:
	// about 50 ms of CPU before a list of 1,000 pools first shows (issue 16,
	// first paint). The width is the terminal's, which the form sets again
	// from its size message.
	sel := huh.NewSelect[string]()
	sel.WithTheme(charmTheme)
	sel.WithWidth(h.width())
	sel = sel.Height(height).Title(c.Title).Options(opts...).Value(&value)
	var field huh.Field = sel
	if c.Filter {
		// In filter mode huh shows the filter input where the title was, so
		// the question moves into the description to stay visible.
		sel = sel.Filtering(true).Description(c.Title + " (type to filter, ↑/↓ to move, enter to choose)")
		field = &noMatch{Select: sel, noun: c.Noun}
	}
	if err := h.run(field); err != nil {
		return "", err
	}
	h.recap(c.Title, labelOf(c.Options, value))
	return value, nil
}

// Confirm asks a yes/no question.
func (h *Huh) Confirm(title string, def bool) (bool, error) {
	value := def
	if err := h.run(huh.NewConfirm().Title(title).Value(&value)); err != nil {
		return value, err
	}
	answer := "no"
	if value {
		answer = "yes"
	}
	h.recap(title, answer)
	return value, nil
}

// Input asks for a line of text. def is shown as a placeholder, not as
// text: typing replaces it rather than appending to it (issue 16), and an
// empty answer takes def. validate sees the answer as it will be returned.
func (h *Huh) Input(title, def string, validate func(string) error) (string, error) {
	var value string
	field := huh.NewInput().Title(title).Value(&value)
	if accessible() {
		// Accessible mode draws no placeholder: name the default in the question.
		if def != "" {
			field = field.Title(fmt.Sprintf("%s [%s]", title, def))
		}
	} else {
		field = field.Placeholder(def)
	}
	if validate != nil {
		field = field.Validate(func(s string) error { return validate(orDefault(s, def)) })
	}
	if err := h.run(field); err != nil {
		return "", err
	}
	value = orDefault(value, def)
	h.recap(title, value)
	return value, nil
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// width is the terminal's width, or 80 when Out is not a terminal.
func (h *Huh) width() int {
	if f, ok := h.Out.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

// Interactive is true.
func (h *Huh) Interactive() bool { return true }

// recap prints the answered question as one line: huh clears a question
// once it is answered, and the answers would otherwise vanish (issue 16).
// Accessible mode leaves the typed answer on screen, so it needs none.
func (h *Huh) recap(title, answer string) {
	if accessible() {
		return
	}
	if answer == "" {
		answer = "(empty)"
	}
	sep := ": "
	if strings.HasSuffix(title, "?") || strings.HasSuffix(title, ":") {
		sep = " "
	}
	fmt.Fprintf(h.Out, "✔ %s%s%s\n", title, sep, answer)
}

func labelOf(options []Option, value string) string {
	for _, o := range options {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// accessible mirrors huh.NewForm: TERM=dumb turns on accessible mode, which
// asks line by line in the terminal's cooked mode.
func accessible() bool { return os.Getenv("TERM") == "dumb" }

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
	// WithProgramOptions replaces huh's tea options, so it goes before
	// WithOutput and WithInput, which add theirs. bubbletea draws a frame
	// only on its frame ticker, so the first paint of a question waits one
	// frame: at 120 frames a second (its most) that is 8 ms, not 17 ms
	// (issue 16, first paint).
	form := huh.NewForm(huh.NewGroup(field)).WithProgramOptions(tea.WithFPS(120)).
		WithTheme(charmTheme).WithOutput(h.Out).WithInput(h.In).WithShowHelp(false)
	if accessible() {
		return runAccessible(form)
	}
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return ErrCancelled
		}
		return err
	}
	return nil
}

// runAccessible runs form and ends it on Ctrl-C. In accessible mode the
// terminal stays in cooked mode, so Ctrl-C is a SIGINT, not a key: main's
// signal context catches it, and huh, blocked reading a line (it takes no
// context there), would go on asking until the last question (issue 16).
// The reading goroutine is left behind: the command ends at once with
// ErrCancelled (exit 130) and nothing is written.
func runAccessible(form *huh.Form) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	done := make(chan error, 1)
	go func() { done <- form.Run() }()
	select {
	case err := <-done:
		if errors.Is(err, huh.ErrUserAborted) {
			return ErrCancelled
		}
		return err
	case <-sig:
		return ErrCancelled
	}
}
