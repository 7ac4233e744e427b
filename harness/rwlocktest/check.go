// Package rwlocktest checks implementations of the rwlock kata.
package rwlocktest

import (
	"runtime"
	"testing"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// RWMutex is the API of the kata.
type RWMutex interface {
	RLock()
	RUnlock()
	Lock()
	Unlock()
}

// Schedules is how many generated schedules Check runs.
const Schedules = 400

// Forbidden is what the kata forbids: the standard library's read-write lock.
var Forbidden = harness.Forbidden{Package: "sync", Name: "RWMutex", Why: "this kata asks you to build one"}

// Check hammers newRWMutex's locks, rule by rule:
//
//   - "shortcuts": the learner's files must not use sync.RWMutex.
//   - "sequential": one goroutine calls every method, and the panics of Unlock and
//     RUnlock on a lock not held, in a synctest bubble.
//   - "waiting": real-time probes of a blocked Lock and RLock (no spinning, no
//     sleep-polling), each released by a call from another goroutine.
//   - "schedules": hand-written and generated schedules of readers and writers, played
//     step by step in synctest bubbles and compared with the order of sync.RWMutex: who
//     gets in at each step, who waits, and that nobody gets in late (fake time never
//     passes). Catches writer and reader starvation, lost wakeups, readers that do not
//     share, writers that do not exclude, deadlocks, leaked goroutines, state shared
//     between locks.
//   - "stress": real-time readers and writers with no synchronization of the harness
//     between them, so that the race detector sees the learner's alone.
func Check[L RWMutex](t *testing.T, newRWMutex func() L) {
	t.Helper()
	pkg := harness.PackageOf(newRWMutex)
	w := harness.StartWatchdog(t, pkg)
	mk := func() RWMutex { return newRWMutex() }

	harness.Rules(t,
		harness.ForbidRule(pkg, Forbidden),
		harness.Rule{Name: "sequential", Check: func(t *testing.T) {
			if msg := sequential(t, pkg, w, mk); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			// One P: between two steps the judge yields until every goroutine has run
			// as far as it can (see settle).
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			for _, c := range classics {
				w.Notef("schedule: %s", c.name)
				if msg := judge(t, pkg, w, mk, c.s); msg != "" {
					t.Fatal(harness.Draw(timeline.Append(msg, "\n  (hand-written schedule: "+c.name+")")))
				}
			}
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule:%s", s)
				w.Notef("schedule:%s", s)
				if msg := judge(t, pkg, w, mk, s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
	)
}
