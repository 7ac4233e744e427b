package h2otest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many H2Os the stress rule runs in real time.
const StressRuns = 100

// A stamped atom is what one atom of a stress run wrote, each field only from its own
// goroutine: monotonic clock readings, invisible to the race detector.
type stamped struct {
	kind                    byte
	name                    string
	arrived, started, ended time.Time
	verdict                 string
	releases                int
}

// stress runs H2Os in real time, each with 2k hydrogens and k oxygens on their own
// goroutines, started in random order, and adds no synchronization of its own between
// them: each atom records clock readings in memory only it writes. The race detector
// then sees exactly the learner's synchronization, and the readings, put in order, must
// show molecules of two hydrogens and an oxygen, one after another, each released after
// its atoms arrived.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newH2O func() H2O) {
	t.Helper()
	for run := range StressRuns {
		k := 1 + rand.IntN(10)
		w.Notef("stress run %d of %d: %d hydrogens and %d oxygens in real time", run+1, StressRuns, 2*k, k)
		var h H2O
		if msg := harness.Call(pkg, "New", func() { h = newH2O() }); msg != "" {
			t.Fatal(msg)
		}
		var kinds []byte
		for range k {
			kinds = append(kinds, 'H', 'H', 'O')
		}
		rand.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
		atoms := make([]stamped, len(kinds))
		for i, n := range names(string(kinds)) {
			atoms[i] = stamped{kind: kinds[i], name: n}
		}
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for i := range atoms {
			a := &atoms[i]
			m, method := h.Hydrogen, "Hydrogen"
			if a.kind == 'O' {
				m, method = h.Oxygen, "Oxygen"
			}
			wg.Go(func() {
				<-gate
				a.arrived = time.Now()
				a.verdict = harness.Call(pkg, method, func() {
					m(func() {
						a.releases++
						a.started = time.Now()
						a.ended = time.Now()
					})
				})
			})
		}
		close(gate)
		wg.Wait()
		w.Progress()
		for _, a := range atoms {
			if a.verdict != "" {
				t.Fatal(a.verdict)
			}
		}
		if msg := stressVerdict(atoms); msg != "" {
			t.Fatalf("%s\n  schedule: stress run %d, %d hydrogens and %d oxygens on their own goroutines, real time", msg, run+1, 2*k, k)
		}
	}
}

// stressVerdict checks the clock readings of one run.
func stressVerdict(atoms []stamped) string {
	for _, a := range atoms {
		if a.releases != 1 {
			return fmt.Sprintf("released %d times: %s returned after calling its release %d times, want once", a.releases, a.name, a.releases)
		}
	}
	byStart := slices.Clone(atoms)
	slices.SortStableFunc(byStart, func(a, b stamped) int { return a.started.Compare(b.started) })
	show := func() string {
		var parts []string
		for m := 0; 3*m < len(byStart); m++ {
			var ns []string
			for _, a := range byStart[3*m : 3*m+3] {
				ns = append(ns, a.name)
			}
			parts = append(parts, fmt.Sprint(ns))
		}
		return fmt.Sprint(parts)
	}
	for m := 0; 3*m < len(byStart); m++ {
		group := byStart[3*m : 3*m+3]
		h := 0
		var last stamped
		for _, a := range group {
			if a.kind == 'H' {
				h++
			}
			if a.arrived.After(last.arrived) {
				last = a
			}
		}
		if h != 2 {
			return fmt.Sprintf("not a water molecule: molecule %d got %d hydrogens and %d oxygens; each molecule is two hydrogens and one oxygen\n  releases in order: %s", m+1, h, 3-h, show())
		}
		for _, a := range group {
			if a.started.Before(last.arrived) {
				return fmt.Sprintf("released too early: %s was released before %s, an atom of its molecule (molecule %d), had arrived\n  releases in order: %s", a.name, last.name, m+1, show())
			}
		}
		if m == 0 {
			continue
		}
		for _, a := range group {
			for _, b := range byStart[3*m-3 : 3*m] {
				if a.started.Before(b.ended) {
					return fmt.Sprintf("molecules overlap: the release of %s (molecule %d) started before the release of %s (molecule %d) returned; every release of one molecule returns before any release of the next starts\n  releases in order: %s", a.name, m+1, b.name, m, show())
				}
			}
		}
	}
	return ""
}
