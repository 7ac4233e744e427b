// Package waiters holds goroutines that wait well and badly, for the tests of the harness.
package waiters

import (
	"sync/atomic"
	"time"
)

// Block waits for stop by blocking on it.
func Block(stop <-chan struct{}) { <-stop }

// Spin waits for stop by spinning on an atomic flag.
func Spin(stop *atomic.Bool) {
	for !stop.Load() {
	}
}

// Poll waits for stop by sleeping a millisecond between looks.
func Poll(stop *atomic.Bool) {
	for !stop.Load() {
		time.Sleep(time.Millisecond)
	}
}
