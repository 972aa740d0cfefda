package deploy

import (
	"context"
	"io"
	"strings"
	"unicode"

	"github.com/ampgo/ampgo/internal/category/cfn"
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
	res, _, err := managed(p)
	if err != nil {
		return nil, err
	}
	local := map[string][]string{}
	for _, s := range res.Storages {
		local[project.CategoryStorage] = append(local[project.CategoryStorage], s.Name)
	}
	for _, f := range res.Functions {
		local[project.CategoryFunction] = append(local[project.CategoryFunction], f.Name)
	}
	for _, a := range res.APIs {
		local[project.CategoryAPI] = append(local[project.CategoryAPI], a.Name)
	}
	for _, g := range res.GraphQL {
		local[project.CategoryAPI] = append(local[project.CategoryAPI], g.Name)
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
		if project.InStack(r.Category) {
			known[r.Category+"/"+logicalName(r.ResourceName)] = r.ResourceName
			if r.Operation == project.OpDelete {
				continue // the stack, not the local files, says whether it is deleted
			}
		}
		out = append(out, r)
	}
	ops := map[string][]string{} // category + "/" + logical name -> ops
	if pl != nil {
		// A GraphQL API's ids continue with model names, so a removed API's
		// name is known only from its AWS::AppSync::GraphQLApi resource.
		withGql := local
		for _, rc := range pl.Resources {
			if key, ok := strings.CutPrefix(rc.LogicalID, gqlPrefix); ok && rc.Type == cfn.TypeGraphQLAPI && key != "" {
				withGql = withName(withGql, project.CategoryAPI, key)
			}
		}
		for _, rc := range pl.Resources {
			if cat, key, ok := ownerOf(rc.LogicalID, withGql); ok {
				ops[cat+"/"+key] = append(ops[cat+"/"+key], rc.Op)
			}
		}
	}
	for _, cat := range project.StackCategories {
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
// internal/category), longest first. An API's ids continue with one of
// apiTokens (and then a path, a hash or a function's name).
var idSuffixes = map[string][]string{
	project.CategoryStorage:  {"GuestPolicy", "AuthPolicy", "Bucket"},
	project.CategoryFunction: {"CognitoPolicy", "Role", ""},
}

var apiTokens = []string{"Authorizer", "AuthPolicy", "Default", "Deployment", "GuestPolicy", "Path", "Permission", "Stage"}

var idPrefixes = map[string]string{project.CategoryStorage: "Storage", project.CategoryFunction: "Function", project.CategoryAPI: "Api"}

// ownerOf names the storage, function or API a logical id of ampgo's
// template belongs to (category and logical name), trying the project's
// names first, longest first. The deployment bucket belongs to no single
// function.
func ownerOf(id string, local map[string][]string) (cat, key string, ok bool) {
	best := ""
	for c, names := range local {
		for _, n := range names {
			if key := logicalName(n); len(key) > len(best) && belongsTo(id, c, key) {
				cat, best = c, key
			}
		}
	}
	if best != "" {
		return cat, best, true
	}
	for _, c := range project.StackCategories {
		rest, found := strings.CutPrefix(id, idPrefixes[c])
		if !found || rest == "" {
			continue
		}
		if c == project.CategoryAPI {
			for _, tok := range apiTokens {
				if i := strings.Index(rest, tok); i > 0 {
					return c, rest[:i], true
				}
			}
			return c, rest, true
		}
		for _, suf := range idSuffixes[c] {
			if k, found := strings.CutSuffix(rest, suf); found && k != "" {
				return c, k, true
			}
		}
	}
	return "", "", false
}

// gqlPrefix starts every logical id of a GraphQL API (see
// internal/category): "Gql" + the API's logical name + a part.
const gqlPrefix = "Gql"

// withName is local with one more name in category c (a copy: local is
// the caller's).
func withName(local map[string][]string, c, name string) map[string][]string {
	out := make(map[string][]string, len(local))
	for k, v := range local {
		out[k] = v
	}
	out[c] = append(append([]string(nil), local[c]...), name)
	return out
}

// belongsTo reports whether id is one of the logical ids of the resource
// with logical name key in category c.
func belongsTo(id, c, key string) bool {
	if c == project.CategoryAPI && strings.HasPrefix(id, gqlPrefix+key) {
		return true
	}
	rest, found := strings.CutPrefix(id, idPrefixes[c]+key)
	if !found {
		return false
	}
	if c == project.CategoryAPI {
		if rest == "" {
			return true
		}
		for _, tok := range apiTokens {
			if strings.HasPrefix(rest, tok) {
				return true
			}
		}
		return false
	}
	for _, suf := range idSuffixes[c] {
		if rest == suf {
			return true
		}
	}
	return false
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
