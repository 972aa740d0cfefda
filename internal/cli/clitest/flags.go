package clitest

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/exit"
)

// FlagCase is one command line and what it must give: the options runF
// receives, or a usage error (exit 2) before runF.
type FlagCase[O any] struct {
	Name     string
	Args     []string
	Stdin    string // what the command reads on stdin
	Want     O      // the options runF receives (the Factory is not compared)
	WantErr  string // a usage error with this text; runF must not be called
	WantHint string // in the usage error's fix
}

// CheckFlags tests flags → options, gh style: each case builds the command
// with a runF that keeps the options and runs it in process on a Factory
// in an empty folder, so no project and no AWS are there to reach. A usage
// error must come before runF, that is before the project is opened or AWS
// is called. prefix is put before the arguments (a subcommand's name when
// build returns its parent; cobra runs a command from its root).
func CheckFlags[O any](t *testing.T, cases []FlagCase[O], build func(*cmdutil.Factory, func(*O) error) *cobra.Command, prefix ...string) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			f, _, _ := Factory(t.TempDir(), nil)
			f.In = strings.NewReader(c.Stdin)
			var got *O
			err := Run(build(f, func(o *O) error { got = o; return nil }), slices.Concat(prefix, c.Args)...)
			if c.WantErr != "" {
				if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), c.WantErr) || !strings.Contains(exit.Hint(err), c.WantHint) {
					t.Fatalf("error %v (exit %d, fix %q), want a usage error with %q and fix %q", err, exit.Code(err), exit.Hint(err), c.WantErr, c.WantHint)
				}
				if got != nil {
					t.Error("runF was called after a usage error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("runF was not called")
			}
			// Options structs are unexported, with unexported fields,
			// some embedded: compare them all.
			all := cmp.Exporter(func(reflect.Type) bool { return true })
			if diff := cmp.Diff(c.Want, *got, all, cmpopts.IgnoreTypes(&cmdutil.Factory{})); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}
