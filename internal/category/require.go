package category

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// problems collects everything wrong with a request, so the user sees every
// problem at once (DESIGN.md §1 promise 2). Requirement problems (the
// Cognito resources) win over usage problems for the exit code.
type problems struct {
	code  int
	msgs  []string
	fixes []string
}

func (ps *problems) add(code int, msg, fix string) {
	if code > ps.code {
		ps.code = code
	}
	ps.msgs = append(ps.msgs, msg)
	ps.fixes = append(ps.fixes, fix)
}

// err returns nil when nothing was added, else one exit error.
func (ps *problems) err(what string) error {
	switch len(ps.msgs) {
	case 0:
		return nil
	case 1:
		return &exit.Error{Code: ps.code, Err: fmt.Errorf("%s: %s", what, ps.msgs[0]), Fix: ps.fixes[0]}
	}
	var msg, fix strings.Builder
	for i := range ps.msgs {
		fmt.Fprintf(&msg, "\n  - %s", ps.msgs[i])
		fmt.Fprintf(&fix, "\n  - %s", ps.fixes[i])
	}
	return &exit.Error{Code: ps.code, Err: errors.New(what + ":" + msg.String()), Fix: fix.String()}
}

const importHint = "`ampgo import auth --identity-pool-id <id>` with an identity pool that lists your user pool"

// checkStorageAuth adds what the imported auth lacks for storage with (or
// without) guest access.
func checkStorageAuth(ps *problems, a *project.ImportedAuth, guest bool) {
	checkRolesAuth(ps, a, guest, "storage")
}

// checkRolesAuth adds what the imported auth lacks for a resource (what)
// that grants access through the identity pool's roles: an identity pool
// with both roles, and unauthenticated identities for guests (reference
// §6). a is nil when no auth is imported.
func checkRolesAuth(ps *problems, a *project.ImportedAuth, guest bool, what string) {
	if a == nil {
		ps.add(exit.Requirements, what+" needs imported auth with an identity pool, and this project has none",
			"import it first: "+importHint)
		return
	}
	if a.Managed != nil && a.Env.IdentityPoolID == "" {
		// Managed, not pushed yet: push creates the identity pool and roles first.
		if guest && !a.Managed.GuestAccess {
			ps.add(exit.Requirements, fmt.Sprintf("auth %q is managed by ampgo without guest access, which guest access to %s needs", a.Name, what),
				"leave out guest access, or turn it on with `ampgo update auth --guest-access`")
		}
		return
	}
	if a.Env.IdentityPoolID == "" || a.Parameters.AuthSelections == project.UserPoolOnly {
		ps.add(exit.Requirements, fmt.Sprintf("auth %q was imported without an identity pool (%s); %s grants access through the identity pool's roles", a.Name, project.UserPoolOnly, what),
			"unlink it with `ampgo remove auth`, then "+importHint)
		return
	}
	if a.Env.AuthRoleName == "" || a.Env.UnauthRoleName == "" {
		ps.add(exit.Requirements, fmt.Sprintf("identity pool %s of auth %q has no recorded authenticated and unauthenticated role names", a.Env.IdentityPoolID, a.Name),
			"re-import it to record its roles: `ampgo remove auth`, then "+importHint)
		return
	}
	if guest && (a.Env.AllowUnauthenticatedIdentities == nil || !*a.Env.AllowUnauthenticatedIdentities) {
		ps.add(exit.Requirements, fmt.Sprintf("identity pool %s (%s) does not allow unauthenticated identities, which guest access needs",
			a.Env.IdentityPoolName, a.Env.IdentityPoolID),
			fmt.Sprintf("leave out guest access, or enable guest access on the identity pool (Cognito console > Identity pools > %s > User access > Guest access > Activate) and refresh ampgo's record with `ampgo remove auth` and `ampgo import auth`",
				a.Env.IdentityPoolName))
	}
}

// checkUserPoolAuth adds what the imported auth lacks for a resource (what)
// that takes the user pool's tokens.
func checkUserPoolAuth(ps *problems, a *project.ImportedAuth, what string) {
	if a == nil || (a.Env.UserPoolID == "" && a.Managed == nil) {
		ps.add(exit.Requirements, what+" needs an imported user pool, and this project has none",
			"import one first with `ampgo import auth`")
	}
}

// CheckStorage reports what keeps the storage resources from deploying on
// the imported auth of the current environment (an exit-3 error), or nil.
// Push runs it for every environment, since each env imports its own pool.
func CheckStorage(a *project.ImportedAuth, storages []project.Storage) error {
	var ps problems
	guest := false
	for _, s := range storages {
		guest = guest || len(s.GuestAccess) > 0
	}
	if len(storages) > 0 {
		checkStorageAuth(&ps, a, guest)
	}
	names := make([]string, len(storages))
	for i, s := range storages {
		names[i] = s.Name
	}
	for i := range ps.fixes {
		ps.fixes[i] += "; or remove the storage first (`ampgo remove storage --name " + strings.Join(names, "`, `ampgo remove storage --name ") + "`)"
	}
	return ps.err("deploy storage " + strings.Join(names, ", "))
}

// CheckFunctions reports functions whose auth access has no imported user
// pool in the current environment (an exit-3 error), or nil.
func CheckFunctions(a *project.ImportedAuth, functions []project.Function) error {
	var ps problems
	for _, f := range functions {
		if f.Auth == "" {
			continue
		}
		if a == nil || a.Name != f.Auth || (a.Env.UserPoolID == "" && a.Managed == nil) {
			ps.add(exit.Requirements, fmt.Sprintf("function %s has access to auth %q, which is not imported in this environment", f.Name, f.Auth),
				"import it with `ampgo import auth`, or remove the function with `ampgo remove function --name "+f.Name+"`")
		}
	}
	return ps.err("deploy functions")
}
