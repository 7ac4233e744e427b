package foobartest

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many FooBars the stress rule runs in real time.
const StressRuns = 100

// stress runs FooBars in real time, Foo and Bar on their own goroutines started in random
// order, and adds no synchronization of its own between them: each print records only a
// monotonic clock reading in a slice owned by its side (invisible to the race detector).
// The race detector then sees exactly the learner's synchronization.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newFooBar func(int) FooBar) {
	t.Helper()
	for run := range StressRuns {
		n := 1 + rand.IntN(20)
		w.Notef("stress run %d of %d: New(%d) in real time", run+1, StressRuns, n)
		fb := newFooBar(n)
		var foos, bars []time.Time
		var fooVerdict, barVerdict string
		var wg sync.WaitGroup
		wg.Add(2)
		gate := make(chan struct{})
		sides := []func(){
			func() {
				defer wg.Done()
				<-gate
				fooVerdict = harness.Call(pkg, "Foo", func() { fb.Foo(func() { foos = append(foos, time.Now()) }) })
			},
			func() {
				defer wg.Done()
				<-gate
				barVerdict = harness.Call(pkg, "Bar", func() { fb.Bar(func() { bars = append(bars, time.Now()) }) })
			},
		}
		rand.Shuffle(2, func(i, j int) { sides[i], sides[j] = sides[j], sides[i] })
		go sides[0]()
		go sides[1]()
		close(gate)
		wg.Wait()
		w.Progress()
		for _, v := range []string{fooVerdict, barVerdict} {
			if v != "" {
				t.Fatal(v)
			}
		}
		if msg := alternation(merge(foos, bars), n); msg != "" {
			t.Fatalf("%s\n  schedule: stress run %d, New(%d), Foo and Bar on their own goroutines, real time", msg, run+1, n)
		}
	}
}

// merge orders the prints of both sides by the time they were made.
func merge(foos, bars []time.Time) []string {
	type print struct {
		at   time.Time
		side string
	}
	var all []print
	for _, at := range foos {
		all = append(all, print{at, "foo"})
	}
	for _, at := range bars {
		all = append(all, print{at, "bar"})
	}
	slices.SortStableFunc(all, func(a, b print) int { return a.at.Compare(b.at) })
	out := make([]string, len(all))
	for i, p := range all {
		out[i] = p.side
	}
	return out
}
