//go:build !unix && !windows

package harness

import "time"

// cpuTime is 0 where the system does not tell a process its CPU time (js/wasm, plan9,
// wasip1): the probes then go by the goroutines' states alone.
func cpuTime() time.Duration { return 0 }
