// Package categorycmd holds the commands of ampgo's auth-dependent
// categories: add, update and remove of storage, functions and REST APIs.
// They parse flags, ask for what is missing and call the category package;
// `ampgo push` deploys what they record.
package categorycmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/prompt"
)

// NewCmdAdd builds the `ampgo add` parent with the given commands (add
// auth) and storage, function and api.
func NewCmdAdd(f *cmdutil.Factory, more ...*cobra.Command) *cobra.Command {
	add := &cobra.Command{Use: "add", Short: "Add managed auth, storage, a function or an API"}
	add.AddCommand(more...)
	add.AddCommand(NewCmdAddStorage(f, nil), NewCmdAddFunction(f, nil), NewCmdAddAPI(f, nil))
	return add
}

// NewCmdUpdate builds the `ampgo update` parent with the given commands
// (update auth) and api.
func NewCmdUpdate(f *cmdutil.Factory, more ...*cobra.Command) *cobra.Command {
	up := &cobra.Command{Use: "update", Short: "Change a resource ampgo added"}
	up.AddCommand(more...)
	up.AddCommand(NewCmdUpdateAPI(f, nil))
	return up
}

// NewCmdRemove builds the `ampgo remove` parent with the given commands
// (remove auth) and storage and function.
func NewCmdRemove(f *cmdutil.Factory, more ...*cobra.Command) *cobra.Command {
	rm := &cobra.Command{Use: "remove", Short: "Remove resources from the project"}
	rm.AddCommand(more...)
	rm.AddCommand(NewCmdRemoveStorage(f, nil), NewCmdRemoveFunction(f, nil), NewCmdRemoveAPI(f, nil))
	return rm
}

// accessOptions are the choices of a storage access question: every
// non-empty combination of create/update, read and delete.
func accessOptions(withNone bool) []prompt.Option {
	combos := [][]string{
		{category.OpCreate, category.OpRead, category.OpDelete},
		{category.OpRead},
		{category.OpCreate, category.OpRead},
		{category.OpRead, category.OpDelete},
		{category.OpCreate},
		{category.OpCreate, category.OpDelete},
		{category.OpDelete},
	}
	var opts []prompt.Option
	if withNone {
		opts = append(opts, prompt.Option{Label: "no access", Value: "none"})
	}
	for _, c := range combos {
		label := strings.ReplaceAll(strings.Join(c, ", "), category.OpCreate, "create/update")
		opts = append(opts, prompt.Option{Label: label, Value: strings.Join(c, ",")})
	}
	return opts
}
