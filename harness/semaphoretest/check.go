// Package semaphoretest checks implementations of the semaphore kata.
package semaphoretest

import (
	"context"
	"testing"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// Weighted is the API of the kata.
type Weighted interface {
	Acquire(ctx context.Context, n int64) error
	TryAcquire(n int64) bool
	Release(n int64)
}

// Schedules is how many generated schedules Check runs.
const Schedules = 400

// Forbidden is what the kata forbids: the semaphore of golang.org/x/sync (and the rest of
// that module).
var Forbidden = harness.Forbidden{Package: "golang.org/x/sync/...", Why: "this kata asks you to build one"}

// Check hammers newWeighted's semaphores, rule by rule:
//
//   - "shortcuts": the learner's files must not import golang.org/x/sync.
//   - "sequential": one goroutine calls every method, with contexts that are already
//     done, and checks each result (New's and Release's panics, TryAcquire, n = 0,
//     n > size, the two accepted answers of a done ctx, separate semaphores).
//   - "waiting": real-time probes of a blocked Acquire: no spinning, no sleep-polling,
//     released by Release and by its ctx, and nothing left behind.
//   - "schedules": hand-written and generated schedules in synctest bubbles (fake time,
//     exact to the nanosecond): goroutines call TryAcquire and Release at odd instants
//     while waiters Acquire with contexts that time out, hit deadlines or are canceled;
//     each result and each instant an Acquire returns is compared with a sequential
//     model. Catches waiters served out of turn, a canceled head waiter that strands the
//     others, tokens lost, a Release that wakes too few, late (polling) and early
//     returns, deadlocks, goroutine leaks and state shared between semaphores.
//   - "linearizable": in real time, goroutines make clashing non-blocking calls and
//     porcupine checks that some order of the calls explains every result.
//   - "stress": real-time goroutines use a semaphore of 3 as a read-write lock (1 token to
//     read, 3 to write) with no synchronization of the judge's between them, so that the
//     race detector sees the learner's alone.
func Check[S Weighted](t *testing.T, newWeighted func(size int64) S) {
	t.Helper()
	pkg := harness.PackageOf(newWeighted)
	w := harness.StartWatchdog(t, pkg)
	mk := func(size int64) Weighted { return newWeighted(size) }

	harness.Rules(t,
		harness.ForbidRule(pkg, Forbidden),
		harness.Rule{Name: "sequential", Check: func(t *testing.T) {
			if msg := sequential(t, pkg, w, mk); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			for _, c := range classics {
				w.Notef("schedule: %s", c.name)
				if msg := judge(t, pkg, mk, c.s); msg != "" {
					t.Fatal(harness.Draw(timeline.Append(msg, "\n  (hand-written schedule: "+c.name+")")))
				}
			}
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg := judge(t, pkg, mk, s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "linearizable", Check: func(t *testing.T) { linearizable(t, pkg, w, mk) }},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
	)
}
