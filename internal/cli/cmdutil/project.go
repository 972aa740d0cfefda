package cmdutil

import (
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// OpenProject finds the project around the working directory, locks it,
// completes a save that was interrupted and loads it. The caller must call
// release when done.
func (f *Factory) OpenProject() (p *project.Project, release func(), err error) {
	return f.openProject(project.Open)
}

// OpenProjectReadOnly is OpenProject for commands that only read (status,
// env list, generate config to stdout): a shared lock, or none in a
// read-only checkout, so they work there and beside each other.
func (f *Factory) OpenProjectReadOnly() (p *project.Project, release func(), err error) {
	return f.openProject(project.OpenReadOnly)
}

func (f *Factory) openProject(open func(string) (*project.Project, func() error, error)) (*project.Project, func(), error) {
	root, err := project.Find(f.Dir)
	if err != nil {
		return nil, nil, &exit.Error{Code: exit.Usage, Err: err, Fix: "run `ampgo init` first, or run ampgo inside the project folder"}
	}
	p, unlock, err := open(root)
	if err != nil {
		return nil, nil, err
	}
	return p, func() { _ = unlock() }, nil
}
