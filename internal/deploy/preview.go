package deploy

import (
	"context"
	"io"
	"strings"
	"unicode"

	"github.com/ampgo/ampgo/internal/project"
)

// Preview plans the current environment's stack as push would (the same
// prepare and the same plan, read calls only) and returns nil when there
// is nothing to deploy: no storage or function and no stack. Status uses
// it, so it always agrees with `push --dry-run`.
func Preview(ctx context.Context, p *project.Project, cloud *Cloud, log io.Writer) (*Plan, error) {
	d, err := prepare(ctx, p, cloud, log)
	if err != nil || d == nil {
		return nil, err
	}
	return &d.plan, nil
}

// StatusRows replaces the storage and function rows of rows (what the
// local files say) with what pl plans in the environment's stack: Create,
// Update or Delete when a resource of theirs is added, changed or removed,
// No Change otherwise, plus a Delete row for each one the stack holds that
// the project no longer has. pl nil: the environment has no stack and the
// project no storage or function. Storage and functions ampgo did not add
// keep their rows.
func StatusRows(p *project.Project, rows []project.ResourceStatus, pl *Plan) ([]project.ResourceStatus, error) {
	storages, _, err := p.StorageResources()
	if err != nil {
		return nil, err
	}
	functions, _, err := p.Functions()
	if err != nil {
		return nil, err
	}
	local := map[string][]string{}
	for _, s := range storages {
		local[project.CategoryStorage] = append(local[project.CategoryStorage], s.Name)
	}
	for _, f := range functions {
		local[project.CategoryFunction] = append(local[project.CategoryFunction], f.Name)
	}
	managed := func(cat, name string) bool {
		for _, n := range local[cat] {
			if n == name {
				return true
			}
		}
		return false
	}
	var out []project.ResourceStatus
	known := map[string]string{} // category + "/" + logical name -> resource name
	for _, r := range rows {
		if managed(r.Category, r.ResourceName) {
			continue
		}
		if r.Category == project.CategoryStorage || r.Category == project.CategoryFunction {
			known[r.Category+"/"+logicalName(r.ResourceName)] = r.ResourceName
			if r.Operation == project.OpDelete {
				continue // the stack, not the local files, says whether it is deleted
			}
		}
		out = append(out, r)
	}
	ops := map[string][]string{} // category + "/" + logical name -> ops
	if pl != nil {
		for _, rc := range pl.Resources {
			if cat, key, ok := ownerOf(rc.LogicalID, local); ok {
				ops[cat+"/"+key] = append(ops[cat+"/"+key], rc.Op)
			}
		}
	}
	for _, cat := range []string{project.CategoryFunction, project.CategoryStorage} {
		for _, name := range local[cat] {
			key := cat + "/" + logicalName(name)
			op := rowOp(ops[key])
			delete(ops, key)
			out = append(out, project.ResourceStatus{Category: cat, ResourceName: name, Operation: op, ProviderPlugin: project.ProviderPlugin})
		}
	}
	for key, o := range ops {
		cat, lname, _ := strings.Cut(key, "/")
		name, ok := known[key]
		if !ok {
			name = lowerFirst(lname)
		}
		out = append(out, project.ResourceStatus{Category: cat, ResourceName: name, Operation: rowOp(o), ProviderPlugin: project.ProviderPlugin})
	}
	sortRows(out)
	return out, nil
}

// rowOp is a resource's operation from the operations on its stack
// resources.
func rowOp(ops []string) string {
	if len(ops) == 0 {
		return project.OpNoChange
	}
	all := func(op string) bool {
		for _, o := range ops {
			if o != op {
				return false
			}
		}
		return true
	}
	switch {
	case all(OpAdd):
		return project.OpCreate
	case all(OpRemove):
		return project.OpDelete
	}
	return project.OpUpdate
}

// Suffixes of the logical ids of a storage or function resource (see
// internal/category), longest first.
var idSuffixes = map[string][]string{
	project.CategoryStorage:  {"GuestPolicy", "AuthPolicy", "Bucket"},
	project.CategoryFunction: {"CognitoPolicy", "Role", ""},
}

var idPrefixes = map[string]string{project.CategoryStorage: "Storage", project.CategoryFunction: "Function"}

// ownerOf names the storage or function a logical id of ampgo's template
// belongs to (category and logical name), trying the project's names
// first. The deployment bucket belongs to no single function.
func ownerOf(id string, local map[string][]string) (cat, key string, ok bool) {
	for c, names := range local {
		for _, n := range names {
			for _, suf := range idSuffixes[c] {
				if id == idPrefixes[c]+logicalName(n)+suf {
					return c, logicalName(n), true
				}
			}
		}
	}
	for _, c := range []string{project.CategoryStorage, project.CategoryFunction} {
		rest, found := strings.CutPrefix(id, idPrefixes[c])
		if !found || rest == "" {
			continue
		}
		for _, suf := range idSuffixes[c] {
			if k, found := strings.CutSuffix(rest, suf); found && k != "" {
				return c, k, true
			}
		}
	}
	return "", "", false
}

// logicalName is category's: the name with its first letter upper-cased.
func logicalName(name string) string {
	r := []rune(name)
	if len(r) == 0 {
		return name
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// sortRows orders rows by category, then name, as project.Status does.
func sortRows(rows []project.ResourceStatus) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && (rows[j].Category < rows[j-1].Category ||
			rows[j].Category == rows[j-1].Category && rows[j].ResourceName < rows[j-1].ResourceName); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}
