//go:build !unix && !windows

package main

import "os/exec"

// exeSuffix ends the name of an executable.
const exeSuffix = ""

// startInGroup starts cmd; there are no process groups here.
func startInGroup(cmd *exec.Cmd) error { return cmd.Start() }

// killProcessGroup kills cmd's process (its children may survive).
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
