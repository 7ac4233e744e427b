package fizzbuzztest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many FizzBuzzes the stress rule runs in real time.
const StressRuns = 100

// stress runs FizzBuzzes in real time, each method on its own goroutine started in
// random order, and adds no synchronization of its own between them: each call records
// only a monotonic clock reading (and Number's argument) in a slice owned by its
// method's goroutine (invisible to the race detector). The race detector then sees
// exactly the learner's synchronization.
func stress(t *testing.T, pkg string, w *watchdogs, newFizzBuzz func(int) FizzBuzz) {
	t.Helper()
	type stamp struct {
		v  int
		at time.Time
	}
	for run := range StressRuns {
		n := 1 + rand.IntN(MaxN)
		w.Notef("stress run %d of %d: New(%d) in real time, one goroutine per method", run+1, StressRuns, n)
		var f FizzBuzz
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { f = newFizzBuzz(n) }); msg != "" {
			t.Fatal(msg)
		}
		var stamps [4][]stamp
		var verdicts [4]string
		var returned [4]int
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for _, i := range rand.Perm(4) {
			m := method(i)
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				verdicts[m] = harness.Call(pkg, m.String(), func() {
					methodOf(f, m)(func(v int) { stamps[m] = append(stamps[m], stamp{v, time.Now()}) })
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
			t.Fatalf("%s\n  schedule: stress run %d, New(%d), Fizz, Buzz, FizzBuzz and Number on their own goroutines, real time", msg, run+1, n)
		}
	}
}
