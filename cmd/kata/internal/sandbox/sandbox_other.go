//go:build !linux

package sandbox

import (
	"errors"
	"os/exec"
	"runtime"
)

var errUnsupported = errors.New("namespaces are Linux only; this is " + runtime.GOOS)

// Check reports why a program cannot be sandboxed here: always, on this system.
func (s *Spec) Check() error { return errUnsupported }

// Wrap fails on this system.
func (s *Spec) Wrap(cmd *exec.Cmd) error { return errUnsupported }
