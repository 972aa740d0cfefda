package project

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, for errors.Is. The typed errors below wrap them and carry
// the details and a Hint for the user.
var (
	// ErrNoProject means no project-config.json was found.
	ErrNoProject = errors.New("no ampgo project")
	// ErrProjectExists means Init found an amplify/ folder.
	ErrProjectExists = errors.New("project already exists")
	// ErrLocked means another ampgo command holds the project lock.
	ErrLocked = errors.New("project is locked")
	// ErrNoEnv means no current environment is set (fresh clone).
	ErrNoEnv = errors.New("no current environment")
	// ErrUnknownEnv means an environment is not in team-provider-info.json.
	ErrUnknownEnv = errors.New("unknown environment")
	// ErrEnvExists means an environment of that name already exists.
	ErrEnvExists = errors.New("environment already exists")
	// ErrAuthExists means the project already has a different auth resource.
	ErrAuthExists = errors.New("auth resource already exists")
	// ErrResourceNotFound means the named resource is not in the project.
	ErrResourceNotFound = errors.New("resource not found")
	// ErrHasDependents means other resources depend on the one being removed.
	ErrHasDependents = errors.New("resource has dependents")
)

// NoProjectError is returned by Find and Load when there is no project.
type NoProjectError struct {
	Start string // where the search started
}

// Error describes the problem.
func (e *NoProjectError) Error() string {
	return fmt.Sprintf("find project: no %s in %s or its parent folders", ProjectConfigFile, e.Start)
}

// Is makes errors.Is(err, ErrNoProject) true.
func (e *NoProjectError) Is(target error) bool { return target == ErrNoProject }

// Hint tells the user how to get a project.
func (e *NoProjectError) Hint() string {
	return "run `ampgo init` in your app's root folder, or cd into an existing project"
}

// ProjectExistsError is returned by Init when the folder already has amplify/.
type ProjectExistsError struct {
	Dir string // the amplify/ folder that exists
}

// Error describes the problem.
func (e *ProjectExistsError) Error() string {
	return fmt.Sprintf("init project: %s already exists", e.Dir)
}

// Is makes errors.Is(err, ErrProjectExists) true.
func (e *ProjectExistsError) Is(target error) bool { return target == ErrProjectExists }

// Hint tells the user what to do instead.
func (e *ProjectExistsError) Hint() string {
	return "this folder already has a project: run other ampgo commands in it (`ampgo env add` for a new environment), or init in another folder"
}

// EnvError is about the current or a named environment.
type EnvError struct {
	Env   string   // the environment asked for; "" when none is set
	Known []string // environments in team-provider-info.json
	Err   error    // ErrNoEnv, ErrUnknownEnv or ErrEnvExists
}

// Error describes the problem.
func (e *EnvError) Error() string {
	switch e.Err {
	case ErrNoEnv:
		return fmt.Sprintf("read current environment: none is set in %s", LocalEnvInfoFile)
	case ErrEnvExists:
		return fmt.Sprintf("add environment %s: it already exists", e.Env)
	default:
		return fmt.Sprintf("find environment %s: not in %s", e.Env, TeamProviderInfoFile)
	}
}

// Unwrap returns the sentinel.
func (e *EnvError) Unwrap() error { return e.Err }

// Hint tells the user which environments exist.
func (e *EnvError) Hint() string {
	if e.Err == ErrEnvExists {
		return fmt.Sprintf("choose another name, or switch to it with `ampgo env checkout %s`", e.Env)
	}
	if len(e.Known) == 0 {
		return "add one with `ampgo env add NAME`"
	}
	return fmt.Sprintf("run `ampgo env checkout %s` (environments: %s)", e.Known[0], strings.Join(e.Known, ", "))
}

// DependentsError is returned when a resource cannot be removed because
// others depend on it (reference §5 step 4).
type DependentsError struct {
	Category, Name string
	Dependents     []ResourceRef
}

// Error describes the problem.
func (e *DependentsError) Error() string {
	names := make([]string, len(e.Dependents))
	for i, d := range e.Dependents {
		names[i] = d.String()
	}
	return fmt.Sprintf("remove %s/%s: %s depend on it", e.Category, e.Name, strings.Join(names, ", "))
}

// Unwrap returns ErrHasDependents.
func (e *DependentsError) Unwrap() error { return ErrHasDependents }

// Hint tells the user to remove the dependency first.
func (e *DependentsError) Hint() string {
	return fmt.Sprintf("remove the dependency on %s/%s first (for example `ampgo remove %s` or update the function's access), then retry",
		e.Category, e.Name, e.Dependents[0].String())
}
