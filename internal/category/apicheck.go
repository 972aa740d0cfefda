package category

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// CheckCanAddAPI reports, before any question is asked, whether the
// project's imported auth can authorize a REST API with authorizer (and
// guest access, when guest is set): an exit-3 error saying what to import
// or enable, or nil.
func CheckCanAddAPI(p *project.Project, authorizer string, guest bool) error {
	var ps problems
	checkAPIAuth(&ps, importedAuth(p), authorizer, guest)
	return ps.err("add api")
}

func checkAPIAuth(ps *problems, a *project.ImportedAuth, authorizer string, guest bool) {
	if authorizer == project.AuthorizerUserPool {
		checkUserPoolAuth(ps, a, "a REST API with the userpool authorizer")
		return
	}
	checkRolesAuth(ps, a, guest, "a REST API with IAM authorization")
}

// AddRestAPI validates a (name, paths, functions, access, and the imported
// auth its authorizer needs) and records it, with a.Auth set to the
// imported auth. Every problem is reported at once; nothing is recorded
// unless all pass. The caller saves the project.
func AddRestAPI(p *project.Project, a project.RestAPI) error {
	ia, err := checkRestAPI(p, &a, "add api "+a.Name)
	if err != nil {
		return err
	}
	a.Auth = ia.Name
	return p.AddRestAPI(a)
}

// UpdateRestAPI validates the changed a like AddRestAPI and records it.
func UpdateRestAPI(p *project.Project, a project.RestAPI) error {
	ia, err := checkRestAPI(p, &a, "update api "+a.Name)
	if err != nil {
		return err
	}
	a.Auth = ia.Name
	return p.UpdateRestAPI(a)
}

// checkRestAPI normalizes a's access lists and reports every problem.
func checkRestAPI(p *project.Project, a *project.RestAPI, what string) (*project.ImportedAuth, error) {
	var ps problems
	checkName(&ps, "api", a.Name)
	if a.Authorizer != project.AuthorizerIAM && a.Authorizer != project.AuthorizerUserPool {
		ps.add(exit.Usage, fmt.Sprintf("unknown authorizer %q", a.Authorizer), "pass --authorizer iam or --authorizer userpool")
	}
	functions, _, err := p.Functions()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range functions {
		names = append(names, f.Name)
	}
	guest := false
	for i := range a.Paths {
		path := &a.Paths[i]
		path.AuthAccess, path.GuestAccess = Normalize(path.AuthAccess, APIOps), Normalize(path.GuestAccess, APIOps)
		guest = guest || len(path.GuestAccess) > 0
		checkAPIPath(&ps, *a, *path, names)
	}
	if len(a.Paths) == 0 {
		ps.add(exit.Usage, "a REST API needs at least one path", "pass --path, for example --path /items")
	}
	checkPathLayout(&ps, a.Paths)
	ia := importedAuth(p)
	checkAPIAuth(&ps, ia, a.Authorizer, guest)
	if err := ps.err(what); err != nil {
		return nil, err
	}
	return ia, nil
}

func checkAPIPath(ps *problems, a project.RestAPI, path project.APIPath, functions []string) {
	if err := project.CheckAPIPath(path.Path); err != nil {
		ps.add(exit.Usage, err.Error(), "pass another --path, for example --path /items or --path /items/{id}")
	}
	if !slices.Contains(functions, path.Function) {
		ps.add(exit.Usage, fmt.Sprintf("path %s: function %q is not an ampgo function of this project", path.Path, path.Function),
			"add it first with `ampgo add function --name "+path.Function+"`, or leave out --function to create one")
	}
	if len(path.AuthAccess) == 0 {
		ps.add(exit.Usage, fmt.Sprintf("path %s: signed-in users need at least one operation", path.Path),
			"pass --auth-access, for example --auth-access create,read,update,delete")
	}
	if a.Authorizer != project.AuthorizerUserPool {
		return
	}
	// A Cognito authorizer admits a valid token or nothing: it cannot tell
	// methods apart, and a guest has no token.
	if len(path.AuthAccess) != len(APIOps) {
		ps.add(exit.Usage, fmt.Sprintf("path %s: with the userpool authorizer every signed-in user may call every method, so --auth-access must be create,read,update,delete", path.Path),
			"leave out --auth-access, check the method in the function (event.httpMethod), or use --authorizer iam")
	}
	if len(path.GuestAccess) > 0 {
		ps.add(exit.Usage, fmt.Sprintf("path %s: guests have no user pool token, so the userpool authorizer cannot admit them", path.Path),
			"leave out --guest-access, or use --authorizer iam (guests then call with the identity pool's unauthenticated role)")
	}
}

// checkPathLayout reports duplicate paths, paths whose logical ids would
// collide, and a {parameter} right under another path: every path gets a
// greedy {proxy+} child, and API Gateway allows one variable child per
// resource.
func checkPathLayout(ps *problems, paths []project.APIPath) {
	var all []string
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p.Path] {
			ps.add(exit.Usage, "path "+p.Path+" is given twice", "name each --path once")
		}
		seen[p.Path] = true
		all = append(all, p.Path)
	}
	if err := CheckPathKeys(all); err != nil {
		ps.add(exit.Usage, err.Error(), "rename one of the paths")
	}
	for _, p := range all {
		for _, q := range all {
			rest, under := strings.CutPrefix(q, p+"/")
			if under && strings.HasPrefix(rest, "{") {
				ps.add(exit.Usage, fmt.Sprintf("path %s is already served by %s/{proxy+}, which ampgo adds to %s", q, p, p),
					"leave out "+q+": the function of "+p+" gets its requests (event.pathParameters.proxy), or use a literal segment")
			}
		}
	}
}

// CheckAPIs reports what keeps the REST APIs from deploying on the
// imported auth of the current environment, or a function they need that
// the project no longer has (an exit-3 error), or nil.
func CheckAPIs(a *project.ImportedAuth, apis []project.RestAPI, functions []project.Function) error {
	var ps problems
	have := map[string]bool{}
	for _, f := range functions {
		have[f.Name] = true
	}
	for _, api := range apis {
		guest := false
		for _, p := range api.Paths {
			guest = guest || len(p.GuestAccess) > 0
			if !have[p.Function] {
				ps.add(exit.Requirements, fmt.Sprintf("api %s path %s needs function %q, which the project does not have", api.Name, p.Path, p.Function),
					fmt.Sprintf("add it with `ampgo add function --name %s`, or remove the path with `ampgo update api --name %s --remove-path %s`", p.Function, api.Name, p.Path))
			}
		}
		var sub problems
		checkAPIAuth(&sub, a, api.Authorizer, guest)
		for i := range sub.msgs {
			ps.add(sub.code, "api "+api.Name+": "+sub.msgs[i], sub.fixes[i]+"; or remove the API first (`ampgo remove api --name "+api.Name+"`)")
		}
	}
	return ps.err("deploy REST APIs")
}
