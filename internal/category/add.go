package category

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// importedAuth returns the project's imported auth, or nil.
func importedAuth(p *project.Project) *project.ImportedAuth {
	if a, ok := p.ImportedAuth(); ok {
		return a
	}
	return nil
}

// checkName adds a problem when name is not a valid resource name.
func checkName(ps *problems, kind, name string) {
	if !NameRE.MatchString(name) {
		ps.add(exit.Usage, fmt.Sprintf("invalid %s name %q: use 1 to 30 letters and digits, starting with a letter", kind, name),
			"pass another --name, for example --name "+kind+"1")
	}
}

// CheckCanAddStorage reports, before any question is asked, whether the
// project's imported auth can carry storage at all (and guest access, when
// guest is set): an exit-3 error saying what to import or enable, or nil.
func CheckCanAddStorage(p *project.Project, guest bool) error {
	var ps problems
	checkStorageAuth(&ps, importedAuth(p), guest)
	return ps.err("add storage")
}

// AddStorage validates s against the project (name, bucket prefix, access,
// and the imported auth: an identity pool, and unauthenticated identities
// for guest access) and records it. Every problem is reported at once;
// nothing is recorded unless all pass. The caller saves the project.
func AddStorage(p *project.Project, s project.Storage) error {
	var ps problems
	checkName(&ps, "storage", s.Name)
	if !BucketPrefixRE.MatchString(s.BucketPrefix) || strings.Contains(s.BucketPrefix, "--") {
		ps.add(exit.Usage, fmt.Sprintf("invalid bucket prefix %q: use 3 to 42 lower-case letters, digits and single hyphens", s.BucketPrefix),
			"pass another --bucket-prefix, for example --bucket-prefix "+DefaultBucketPrefix(p.Config().ProjectName, "files"))
	}
	if len(s.AuthAccess) == 0 {
		ps.add(exit.Usage, "signed-in users need at least one operation", "pass --auth-access, for example --auth-access create,read,delete")
	}
	s.AuthAccess, s.GuestAccess = Normalize(s.AuthAccess, StorageOps), Normalize(s.GuestAccess, StorageOps)
	checkStorageAuth(&ps, importedAuth(p), len(s.GuestAccess) > 0)
	if err := ps.err("add storage " + s.Name); err != nil {
		return err
	}
	return p.AddStorage(s)
}

// AddFunction validates f (name, runtime, and an imported user pool when it
// gets auth access; f.Auth is filled in from the project) and records it
// with a hello handler in src/. The caller saves the project.
func AddFunction(p *project.Project, f project.Function) error {
	return addFunction(p, f, false)
}

// AddAPIFunction is AddFunction for the function behind a new REST API:
// its hello handler answers API Gateway with CORS headers.
func AddAPIFunction(p *project.Project, f project.Function) error {
	return addFunction(p, f, true)
}

func addFunction(p *project.Project, f project.Function, api bool) error {
	var ps problems
	checkName(&ps, "function", f.Name)
	if !ValidRuntime(f.Runtime) {
		ps.add(exit.Usage, fmt.Sprintf("unsupported runtime %q", f.Runtime),
			"pass --runtime with one of "+strings.Join(Runtimes, ", "))
	}
	f.AuthAccess = Normalize(f.AuthAccess, FunctionAuthOps)
	f.Auth = ""
	if len(f.AuthAccess) > 0 {
		a := importedAuth(p)
		if a == nil || a.Env.UserPoolID == "" {
			ps.add(exit.Requirements, "auth access needs an imported user pool, and this project has none",
				"import one first with `ampgo import auth`, or leave out --auth-access")
		} else {
			f.Auth = a.Name
		}
	}
	if err := ps.err("add function " + f.Name); err != nil {
		return err
	}
	if f.Handler == "" {
		f.Handler = Handler
	}
	src, err := helloSource(f.Name, f.Runtime, f.Auth, api)
	if err != nil {
		return err
	}
	return p.AddFunction(f, src)
}
