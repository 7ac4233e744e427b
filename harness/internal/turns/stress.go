package turns

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many instances the stress rule runs in real time.
const StressRuns = 100

// stress runs instances in real time, each method on its own goroutine started in
// random order, and adds no synchronization of its own between them: each call records
// only its number and a monotonic clock reading in a slice owned by its method's
// goroutine (invisible to the race detector). The race detector then sees exactly the
// learner's synchronization.
func (j *judge[M, I]) stress(t *testing.T) {
	t.Helper()
	k, pkg, w := j.k, j.pkg, j.w
	type stamp struct {
		v  int
		at time.Time
	}
	for run := range StressRuns {
		n := 1 + rand.IntN(k.StressMaxN)
		w.Notef("stress run %d of %d: New(%d) in real time, one goroutine per method", run+1, StressRuns, n)
		var inst I
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { inst = j.newI(n) }); msg != "" {
			t.Fatal(msg)
		}
		stamps := make([][]stamp, len(k.Methods))
		verdicts := make([]string, len(k.Methods))
		returned := make([]int, len(k.Methods))
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for _, i := range rand.Perm(len(k.Methods)) {
			m := M(i)
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				verdicts[m] = harness.Call(pkg, m.String(), func() {
					j.methodOf(inst, m)(func(v int) { stamps[m] = append(stamps[m], stamp{v, time.Now()}) })
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
			c  Call[M]
			at time.Time
		}
		var all []timed
		for m, ss := range stamps {
			for _, s := range ss {
				all = append(all, timed{Call[M]{M(m), s.v}, s.at})
			}
		}
		slices.SortStableFunc(all, func(a, b timed) int { return a.at.Compare(b.at) })
		got := make([]Call[M], len(all))
		for i, c := range all {
			got[i] = c.c
		}
		msg := k.Sequence(got, n, true)
		if msg == "" {
			msg = k.Returns(got, returned)
		}
		if msg != "" {
			t.Fatalf("%s\n  schedule: stress run %d, New(%d), %s on their own goroutines, real time", msg, run+1, n, k.list())
		}
	}
}
