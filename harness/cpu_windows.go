//go:build windows

package harness

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and kernel time, from GetProcessTimes.
func cpuTime() time.Duration {
	h, err := syscall.GetCurrentProcess()
	if err != nil {
		return 0
	}
	var creation, exit, kernel, user syscall.Filetime
	if err := syscall.GetProcessTimes(h, &creation, &exit, &kernel, &user); err != nil {
		return 0
	}
	return filetimeDuration(kernel) + filetimeDuration(user)
}

// filetimeDuration converts a FILETIME that holds a duration (in 100 ns units) to a
// time.Duration. (Filetime.Nanoseconds is for instants: it subtracts the 1601 epoch.)
func filetimeDuration(ft syscall.Filetime) time.Duration {
	return time.Duration(int64(ft.HighDateTime)<<32|int64(ft.LowDateTime)) * 100
}
