package category

import (
	"fmt"
	"sort"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// Dependent is a resource that needs an auth resource, with what it takes
// from it and the command that ends the dependency.
type Dependent struct {
	Ref  project.ResourceRef
	Uses string
	Fix  string
}

// AuthDependents returns every resource that needs auth: each storage
// resource (storage grants access only through the imported identity
// pool's roles, with or without guest access, yet records no dependsOn,
// like the Amplify CLI's), each function with access to auth's user pool,
// and any other resource whose dependsOn names auth (recorded, from
// project.Dependents). Each resource appears once, sorted by category/name.
func AuthDependents(auth string, storages []project.Storage, functions []project.Function, recorded []project.ResourceRef) []Dependent {
	seen := map[string]bool{}
	var deps []Dependent
	add := func(d Dependent) {
		if !seen[d.Ref.String()] {
			seen[d.Ref.String()] = true
			deps = append(deps, d)
		}
	}
	for _, s := range storages {
		access := "authenticated"
		if len(s.GuestAccess) > 0 {
			access = "authenticated and guest"
		}
		add(Dependent{Ref: project.ResourceRef{Category: project.CategoryStorage, Name: s.Name, Service: project.ServiceS3},
			Uses: fmt.Sprintf("grants %s access through the roles of auth %q's identity pool", access, auth),
			Fix:  "remove it first: `ampgo remove storage --name " + s.Name + "`"})
	}
	for _, f := range functions {
		if f.Auth != auth {
			continue
		}
		add(Dependent{Ref: project.ResourceRef{Category: project.CategoryFunction, Name: f.Name, Service: project.ServiceLambda},
			Uses: fmt.Sprintf("has access to the user pool of auth %q", auth),
			Fix:  "remove it first: `ampgo remove function --name " + f.Name + "`"})
	}
	for _, r := range recorded {
		d := Dependent{Ref: r, Uses: fmt.Sprintf("names auth %q in its dependsOn (%s)", auth, project.BackendConfigPath(project.BackendDir)),
			Fix: fmt.Sprintf("remove %s from the project first, or its dependsOn entry for auth %q", r, auth)}
		switch {
		case r.Category == project.CategoryStorage, r.Category == project.CategoryFunction,
			r.Category == project.CategoryAPI && r.Service == project.ServiceAPIGateway:
			d.Fix = "remove it first: `ampgo remove " + r.Category + " --name " + r.Name + "`"
		}
		add(d)
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Ref.String() < deps[j].Ref.String() })
	return deps
}

// CheckRemoveAuth refuses to unlink auth while deps need it: an exit-3
// error (DESIGN.md §2: the project no longer meets the requirements of
// what it holds) naming each dependent and the command that frees it, or
// nil. Without it the breakage would show only at the next push.
func CheckRemoveAuth(auth string, deps []Dependent) error {
	var ps problems
	for _, d := range deps {
		ps.add(exit.Requirements, d.Ref.String()+" "+d.Uses, d.Fix)
	}
	return ps.err(fmt.Sprintf("unlink auth %q: %d resource(s) depend on it", auth, len(deps)))
}
