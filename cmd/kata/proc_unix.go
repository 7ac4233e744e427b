//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// exeSuffix ends the name of an executable.
const exeSuffix = ""

// startInGroup starts cmd as the leader of a new process group, so that it and every
// process it starts can be killed together.
func startInGroup(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	return cmd.Start()
}

// killProcessGroup kills cmd's process group.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
