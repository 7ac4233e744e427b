// Package h2otest checks implementations of the h2o kata.
package h2otest

import (
	"fmt"
	"runtime"
	"testing"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// H2O is the API of the kata.
type H2O interface {
	Hydrogen(releaseHydrogen func())
	Oxygen(releaseOxygen func())
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// Check hammers newH2O's H2Os, rule by rule: "molecule", one molecule in each arrival
// order; "waiting", real-time probes of how atoms wait for their partners (spinning,
// sleep-polling); "schedules", hand-written and generated arrival sequences in synctest
// bubbles (groups of two hydrogens and one oxygen, molecules one after another, no
// release before the molecule's atoms have arrived, no atom left waiting when its
// molecule could form, deadlocks, leaks, sleeping, H2Os independent); "stress",
// real-time runs in which the harness adds no synchronization of its own, so that the
// race detector sees the learner's alone.
func Check[H H2O](t *testing.T, newH2O func() H) {
	t.Helper()
	pkg := harness.PackageOf(newH2O)
	w := harness.StartWatchdog(t, pkg)
	mk := func() H2O { return newH2O() }

	harness.Rules(t,
		harness.Rule{Name: "molecule", Check: func(t *testing.T) {
			for _, c := range firstMolecules {
				w.Notef("schedule: %s", c.s)
				if msg, tl := judge(t, pkg, w, mk, c.s); msg != "" {
					t.Fatal(harness.Draw(tl.Attach(msg)))
				}
			}
		}},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			// One P: a schedule's yields then decide the interleaving, so that a seed
			// replays the same run.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			for _, c := range classics {
				w.Notef("schedule: %s", c.name)
				if msg, tl := judge(t, pkg, w, mk, c.s); msg != "" {
					t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("%s\n  (hand-written schedule: %s)", msg, c.name))))
				}
			}
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg, tl := judge(t, pkg, w, mk, s); msg != "" {
					rt.Fatal(tl.Attach(msg))
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
	)
}
