//go:build !unix

package testenv

import (
	"os"
	"os/exec"
)

// setProcAttr has nothing to set outside Unix.
func setProcAttr(*exec.Cmd) {}

// terminate ends moto; without process groups only the process itself.
func terminate(pid int) { kill(pid) }

// kill ends moto.
func kill(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
	}
}
