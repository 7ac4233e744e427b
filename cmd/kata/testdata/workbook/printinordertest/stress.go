package printinordertest

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many Foos the stress rule runs in real time.
const StressRuns = 200

// stress runs Foos in real time with one goroutine per method, started in random order,
// and adds no synchronization of its own between them: each print records only its own
// time (a monotonic clock reading, invisible to the race detector). The race detector
// then sees exactly the learner's synchronization, so an unsynchronized fast path is
// reported instead of being hidden by the harness's own locks.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newFoo func() Foo) {
	t.Helper()
	for run := range StressRuns {
		w.Notef("stress run %d of %d (real time, one goroutine per method)", run+1, StressRuns)
		f := newFoo()
		var at [3]time.Time
		var verdict [3]string
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for _, st := range rand.Perm(3) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				for range rand.IntN(3) {
					runtime.Gosched()
				}
				verdict[st] = harness.Call(pkg, steps[st], func() { method(f, st)(func() { at[st] = time.Now() }) })
			}()
		}
		close(gate)
		wg.Wait()
		w.Progress()
		for _, v := range verdict {
			if v != "" {
				t.Fatal(v)
			}
		}
		for st := 1; st < 3; st++ {
			if at[st].Before(at[st-1]) {
				t.Fatalf("%s printed before %s: got %v, want [first second third]\n  schedule: stress run %d, one goroutine per method, real time", steps[st], steps[st-1], order(at), run+1)
			}
		}
	}
}

func order(at [3]time.Time) []string {
	names := []string{"first", "second", "third"}
	out := make([]string, 0, 3)
	for len(out) < 3 {
		best := -1
		for i := range at {
			if !at[i].IsZero() && (best < 0 || at[i].Before(at[best])) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, names[best])
		at[best] = time.Time{}
	}
	return out
}
