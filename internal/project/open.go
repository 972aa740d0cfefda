package project

import "errors"

// Open takes the exclusive lock on the project at root, completes a save
// that was interrupted (Recover) and loads the project. It is how every
// command that changes the project starts; call release when done.
func Open(root string) (p *Project, release func() error, err error) {
	unlock, err := Lock(root)
	if err != nil {
		return nil, nil, err
	}
	if err := Recover(root); err != nil {
		_ = unlock()
		return nil, nil, err
	}
	if p, err = Load(root); err != nil {
		_ = unlock()
		return nil, nil, err
	}
	return p, unlock, nil
}

// OpenReadOnly is Open for a command that only reads (status, env list,
// generate config to stdout): it takes the shared lock, or none in a
// read-only checkout, so it works there and next to other readers. When an
// interrupted save left a journal or leftovers and the project is
// writable, it first takes the exclusive lock once to Recover; in a
// read-only checkout a journal makes Load fail with a hint, and leftovers
// without a journal are ignored (they are not project files).
func OpenReadOnly(root string) (p *Project, release func() error, err error) {
	need, err := NeedsRecovery(root)
	if err != nil {
		return nil, nil, err
	}
	if need {
		unlock, err := Lock(root)
		switch {
		case err == nil:
			rerr := Recover(root)
			_ = unlock()
			if rerr != nil {
				return nil, nil, rerr
			}
		case isReadOnly(err):
			// Cannot recover here; Load refuses a journal.
		default:
			return nil, nil, err
		}
	}
	unlock, err := LockShared(root)
	if err != nil {
		return nil, nil, err
	}
	if p, err = Load(root); err != nil {
		_ = unlock()
		return nil, nil, err
	}
	return p, unlock, nil
}

// isReadOnly reports whether a lock error means the project cannot be
// written (read-only checkout or file system).
func isReadOnly(err error) bool {
	var le *LockFileError
	if errors.As(err, &le) {
		return false
	}
	return readOnlyErr(err)
}
