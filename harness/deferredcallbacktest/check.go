// Package deferredcallbacktest checks implementations of the deferredcallback kata.
package deferredcallbacktest

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// Executor is the API of the kata.
type Executor interface {
	AddAction(after time.Duration, action func()) error
	Close()
}

// Schedules is how many generated schedules Check runs.
const Schedules = 500

// Check hammers newExecutor's Executors, rule by rule: "waiting", real-time probes of
// an idle executor and one with a far action (spinning, sleep-polling); "seed", the
// README's example in fake time; "wakeup", an action added while the executor sleeps
// toward a later one; "blocking", real-time checks that AddAction never waits for a
// running action (from another goroutine or from inside an action) and that Close
// waits for it; "independent", two Executors in use at once, one closed before the
// other; "schedules", generated scenes of one Executor or two at once in synctest
// bubbles, each Executor compared with a sequential model: exact start instants,
// order, one goroutine started by its New, one action at a time, ErrClosed, Close,
// deadlocks and leaks. A scene of two Executors that fails, while each Executor's part
// alone behaves, is reported as state shared between Executors. errClosed is the
// kata's ErrClosed.
func Check[E Executor](t *testing.T, newExecutor func() E, errClosed error) {
	t.Helper()
	pkg := harness.PackageOf(newExecutor)
	w := harness.StartWatchdog(t, pkg)
	mk := func() Executor { return newExecutor() }
	fixed := func(name string, sc scene) func(t *testing.T) {
		return func(t *testing.T) {
			w.Notef("the %s example:%s", name, sc)
			if msg := judge(t, pkg, w, mk, sc, errClosed); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}
	}
	harness.Rules(t,
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { waiting(t, pkg, w, mk) }},
		harness.Rule{Name: "seed", Check: fixed("seed", scene{seed()})},
		harness.Rule{Name: "wakeup", Check: fixed("wakeup", scene{wakeup()})},
		harness.Rule{Name: "blocking", Check: func(t *testing.T) { blocking(t, pkg, w, mk, errClosed) }},
		harness.Rule{Name: "independent", Check: fixed("independent", independent())},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				sc := drawScene(rt)
				rt.Logf("schedule:%s", sc)
				w.Notef("schedule:%s", sc)
				if msg := judge(t, pkg, w, mk, sc, errClosed); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
	)
}
