package testenv

import "syscall"

// setParentDeathSignal makes the kernel kill moto when the test binary dies
// without running Stop (go test -timeout panics, SIGKILL), so no orphan
// server keeps a port open.
func setParentDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
