package zeroevenoddtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many ZeroEvenOdds the stress rule runs in real time.
const StressRuns = 100

// stress runs ZeroEvenOdds in real time, each method on its own goroutine started in
// random order, and adds no synchronization of its own between them: each print records
// only its number and a monotonic clock reading in a slice owned by its method's
// goroutine (invisible to the race detector). The race detector then sees exactly the
// learner's synchronization.
func stress(t *testing.T, pkg string, w *watchdogs, newZEO func(int) ZeroEvenOdd) {
	t.Helper()
	type stamp struct {
		v  int
		at time.Time
	}
	for run := range StressRuns {
		n := 1 + rand.IntN(20)
		w.Notef("stress run %d of %d: New(%d) in real time, one goroutine per method", run+1, StressRuns, n)
		var z ZeroEvenOdd
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { z = newZEO(n) }); msg != "" {
			t.Fatal(msg)
		}
		var stamps [3][]stamp
		var verdicts [3]string
		var returned [3]int
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for _, i := range rand.Perm(3) {
			m := method(i)
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				verdicts[m] = harness.Call(pkg, m.String(), func() {
					methodOf(z, m)(func(v int) { stamps[m] = append(stamps[m], stamp{v, time.Now()}) })
				})
				returned[m] = len(stamps[m])
			}()
		}
		close(gate)
		wg.Wait()
		w.Progress()
		for _, v := range verdicts {
			if v != "" {
				t.Fatal(v)
			}
		}
		type timed struct {
			call
			at time.Time
		}
		var all []timed
		for m, ss := range stamps {
			for _, s := range ss {
				all = append(all, timed{call{method(m), s.v}, s.at})
			}
		}
		slices.SortStableFunc(all, func(a, b timed) int { return a.at.Compare(b.at) })
		got := make([]call, len(all))
		for i, c := range all {
			got[i] = c.call
		}
		msg := sequenceVerdict(got, n, true)
		if msg == "" {
			rec := newRecord(n)
			rec.printed = got
			for m := range returned {
				rec.returned[m] = returned[m]
			}
			msg = returnVerdict(rec)
		}
		if msg != "" {
			t.Fatalf("%s\n  schedule: stress run %d, New(%d), Zero, Even and Odd on their own goroutines, real time", msg, run+1, n)
		}
	}
}
