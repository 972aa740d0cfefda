package cli_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cli"
	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/exit"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// TestHelpGolden pins the help users read: the root help with its exit-code
// table, one command's help with the line pointing to the topic, and the
// topic itself. Compared as bytes: this is what a terminal shows.
func TestHelpGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"help_root.golden", []string{"--help"}},
		{"help_status.golden", []string{"status", "--help"}},
		{"help_env_list.golden", []string{"help", "env", "list"}},
		{"help_exit_codes.golden", []string{"help", "exit-codes"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			f, _, _ := clitest.Factory(t.TempDir(), nil)
			root := cli.NewRoot(f, "1.2.3")
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&out)
			root.SetArgs(tt.args)
			if err := root.Execute(); err != nil {
				t.Fatalf("ampgo %s: %v", strings.Join(tt.args, " "), err)
			}
			golden(t, tt.golden, out.Bytes())
		})
	}
}

// TestHelpExitCodesFromOneTable: every code of exit.Codes, and its meaning,
// is in the root help and the topic; no command's help lacks the pointer.
func TestHelpExitCodesFromOneTable(t *testing.T) {
	f, _, _ := clitest.Factory(t.TempDir(), nil)
	root := cli.NewRoot(f, "1.2.3")
	rootHelp := helpOf(t, "--help")
	topic := helpOf(t, "help", "exit-codes")
	for _, c := range exit.Codes {
		word := strings.Fields(c.Meaning)[0]
		for name, text := range map[string]string{"root help": rootHelp, "help exit-codes": topic} {
			if !strings.Contains(text, "\n  "+strconv.Itoa(c.Code)+" ") || !strings.Contains(text, word) {
				t.Errorf("%s lacks exit code %d (%q)", name, c.Code, c.Meaning)
			}
		}
	}
	for _, cmd := range root.Commands() {
		for _, sub := range append(cmd.Commands(), cmd) {
			if !sub.Runnable() {
				continue
			}
			if u := sub.UsageString(); !strings.Contains(u, "Exit codes: see `ampgo help exit-codes`.") {
				t.Errorf("%s help does not point to the exit codes:\n%s", sub.CommandPath(), u)
			}
		}
	}
}

func helpOf(t *testing.T, args ...string) string {
	t.Helper()
	f, _, _ := clitest.Factory(t.TempDir(), nil)
	root := cli.NewRoot(f, "1.2.3")
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
