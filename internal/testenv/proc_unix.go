//go:build unix

package testenv

import (
	"os/exec"
	"syscall"
)

// setProcAttr puts moto in its own process group, so Stop can signal the
// launcher together with anything it spawned (the python3 shim of pyenv,
// for instance, execs through a shell).
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setParentDeathSignal(cmd.SysProcAttr)
}

// terminate asks moto's process group to exit.
func terminate(pid int) { _ = syscall.Kill(-pid, syscall.SIGTERM) }

// kill ends moto's process group for good.
func kill(pid int) { _ = syscall.Kill(-pid, syscall.SIGKILL) }
