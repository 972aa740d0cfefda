package cmdutil

import (
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// OpenProject finds the project around the working directory, locks it and
// loads it. The caller must call release when done.
func (f *Factory) OpenProject() (p *project.Project, release func(), err error) {
	root, err := project.Find(f.Dir)
	if err != nil {
		return nil, nil, &exit.Error{Code: exit.Usage, Err: err, Fix: "run `ampgo init` first, or run ampgo inside the project folder"}
	}
	unlock, err := project.Lock(root)
	if err != nil {
		return nil, nil, err
	}
	p, err = project.Load(root)
	if err != nil {
		_ = unlock()
		return nil, nil, err
	}
	return p, func() { _ = unlock() }, nil
}
