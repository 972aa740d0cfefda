package cmdutil_test

import (
	"errors"
	"testing"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
)

// enter is a terminal where the user presses Enter: every confirmation
// gets its default answer.
type enter struct{ clitest.Prompter }

func (enter) Confirm(_ string, def bool) (bool, error) { return def, nil }

func TestConfirmDefaults(t *testing.T) {
	tests := []struct {
		name     string
		confirm  func(*cmdutil.Factory, string) error
		yes      bool
		terminal bool
		want     error // nil, cmdutil.ErrDeclined, or an exit code via wantCode
		wantCode int
	}{
		{name: "Confirm: Enter is yes", confirm: cmdutil.Confirm, terminal: true},
		{name: "ConfirmDestructive: Enter is no, nothing changed", confirm: cmdutil.ConfirmDestructive, terminal: true, want: cmdutil.ErrDeclined},
		{name: "ConfirmDestructive: --yes confirms", confirm: cmdutil.ConfirmDestructive, yes: true},
		{name: "ConfirmDestructive: --yes without a terminal", confirm: cmdutil.ConfirmDestructive, yes: true, terminal: false},
		{name: "ConfirmDestructive: no terminal is a usage error", confirm: cmdutil.ConfirmDestructive, wantCode: exit.Usage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", "")
			var f *cmdutil.Factory
			if tt.terminal {
				f, _, _ = clitest.Factory(t.TempDir(), &enter{})
			} else {
				f, _, _ = clitest.Factory(t.TempDir(), nil)
			}
			f.Yes = tt.yes
			err := tt.confirm(f, "Remove it?")
			if tt.wantCode != 0 {
				if exit.Code(err) != tt.wantCode {
					t.Fatalf("got %v (exit %d), want exit %d", err, exit.Code(err), tt.wantCode)
				}
				return
			}
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}
