package harness

import (
	"reflect"
	"runtime"
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used so far, user and system.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func funcName(fn any) string {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func {
		panic("harness: PackageOf needs a function")
	}
	return runtime.FuncForPC(v.Pointer()).Name()
}
