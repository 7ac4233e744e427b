//go:build windows

package main

import (
	"io"
	"os"
	"syscall"
)

var setConsoleMode = syscall.NewLazyDLL("kernel32.dll").NewProc("SetConsoleMode")

// enableVirtualTerminalProcessing is the console mode in which a console understands
// the escape sequences of colours and of redrawing a line (Windows 10 and later).
const enableVirtualTerminalProcessing = 0x0004

// isTerminal reports whether w is a console that takes escape sequences, and switches
// them on if needed. A console that cannot (before Windows 10), or an output that is no
// console (a pipe, a file, the terminals of Git Bash and Cygwin), gets plain lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	h := syscall.Handle(f.Fd())
	var mode uint32
	if syscall.GetConsoleMode(h, &mode) != nil {
		return false
	}
	if mode&enableVirtualTerminalProcessing != 0 {
		return true
	}
	set, _, _ := setConsoleMode.Call(uintptr(h), uintptr(mode|enableVirtualTerminalProcessing))
	return set != 0
}

// spinner is plain ASCII: the console's default fonts lack the Braille patterns used
// elsewhere.
var spinner = []string{"|", "/", "-", "\\"}
