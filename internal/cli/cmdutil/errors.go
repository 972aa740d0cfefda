package cmdutil

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ampgo/ampgo/internal/exit"
)

// FlagError turns a cobra flag parsing error into a usage error (exit 2).
// A mistyped long flag gets the nearest flag of the command as a
// suggestion, the way cobra suggests mistyped commands.
func FlagError(cmd *cobra.Command, err error) error {
	hint := "see `" + cmd.CommandPath() + " --help`"
	var ne *pflag.NotExistError
	if errors.As(err, &ne) && ne.GetSpecifiedShortnames() == "" {
		if s := suggestFlag(cmd, ne.GetSpecifiedName()); s != "" {
			hint = "did you mean --" + s + "? " + hint
		}
	}
	return exit.UsageErrorf(hint, "%s", err.Error())
}

// suggestFlag returns the visible flag of cmd (its own or inherited) nearest
// to typed: by prefix, or within a Levenshtein distance of 2, as cobra's
// SuggestionsFor does for commands; the nearest wins, then the first in
// name order. "" when none is near.
func suggestFlag(cmd *cobra.Command, typed string) string {
	const maxDistance = 2
	orig, typed := typed, strings.ToLower(typed)
	best, bestDist := "", maxDistance+1
	consider := func(f *pflag.Flag) {
		if f.Hidden || f.Name == orig {
			return
		}
		d := levenshtein(typed, strings.ToLower(f.Name))
		if strings.HasPrefix(strings.ToLower(f.Name), typed) && d > maxDistance {
			d = maxDistance
		}
		if d < bestDist || d == bestDist && best != "" && f.Name < best {
			best, bestDist = f.Name, d
		}
	}
	cmd.LocalFlags().VisitAll(consider)
	cmd.InheritedFlags().VisitAll(consider)
	if bestDist > maxDistance {
		return ""
	}
	return best
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// NoArgs rejects positional arguments with a usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return exit.UsageErrorf("see `"+cmd.CommandPath()+" --help`", "unexpected argument %q", args[0])
	}
	return nil
}

// ErrDeclined is returned when the user answers no to a confirmation.
var ErrDeclined = &exit.Error{Code: exit.OK, Err: errors.New("nothing changed")}
