package cmdutil

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/exit"
)

// ExitCodesTopic is the name of the help topic that lists the exit codes:
// `ampgo help exit-codes`.
const ExitCodesTopic = "exit-codes"

// helpWidth is where the exit-code table wraps: ampgo's output fits 100
// columns, help text fits 80 like cobra's own.
const helpWidth = 80

// ExitCodesText is exit.Codes as an indented table, wrapped at 80 columns.
func ExitCodesText() string {
	var b strings.Builder
	const indent = "  "
	const codeWidth = 5
	for _, c := range exit.Codes {
		head := fmt.Sprintf("%s%-*d", indent, codeWidth, c.Code)
		for i, line := range wrap(c.Meaning, helpWidth-len(head)) {
			if i > 0 {
				head = strings.Repeat(" ", len(head))
			}
			b.WriteString(head + line + "\n")
		}
	}
	return b.String()
}

// wrap splits text into lines of at most width runes, at spaces; a word
// longer than width gets a line of its own.
func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(text) {
		if cur.Len() > 0 && len([]rune(cur.String()))+1+len([]rune(w)) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// SetHelp adds the exit codes to root's help: the table at the end of the
// root help, one line pointing to `ampgo help exit-codes` at the end of every
// other command's (one usage template, inherited by the whole tree, so no
// command can miss it), and the exit-codes help topic itself.
func SetHelp(root *cobra.Command) {
	topic := root.Name() + " help " + ExitCodesTopic
	section := "{{if .HasParent}}\n\nExit codes: see `" + topic + "`.{{else}}\n\nExit codes:\n" +
		strings.TrimSuffix(ExitCodesText(), "\n") + "{{end}}"
	root.SetUsageTemplate(strings.TrimSuffix(root.UsageTemplate(), "\n") + section + "\n")
	root.AddCommand(&cobra.Command{
		// No Run: cobra lists it under "Additional help topics" and
		// `help exit-codes` prints Long alone.
		Use:   ExitCodesTopic,
		Short: "What each exit code of " + root.Name() + " means",
		Long: "Every " + root.Name() + " command ends with one of these exit codes; the same situation\n" +
			"gives the same code in every command. Errors go to stderr with a Fix: line.\n\n" + ExitCodesText(),
	})
}
