package semaphoretest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// The stress rule runs up to StressRuns runs of StressGoroutines goroutines making
// StressRounds rounds each on one New(3), in real time, and starts no new run once
// StressBudget has passed.
const (
	StressRuns       = 30
	StressGoroutines = 4
	StressRounds     = 150
	StressBudget     = 2 * time.Second
)

// stress uses a semaphore of 3 as a read-write lock, in real time, with no
// synchronization of the judge's between the goroutines: a reader takes 1 token
// (Acquire or TryAcquire) and compares two plain ints, a writer takes all 3 and
// increments both. The race detector then sees the learner's synchronization alone: a
// Release must happen before the Acquire that gets its tokens. A reader that sees the
// ints differ, or a count short of the writes made, shows that too many tokens were
// handed out.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newWeighted func(int64) Weighted) {
	t.Helper()
	begin := time.Now()
	ctx := context.Background()
	for run := 0; run < StressRuns && (run == 0 || time.Since(begin) < StressBudget); run++ {
		w.Notef("stress run %d of %d: %d goroutines share New(3) as a read-write lock (real time)", run+1, StressRuns, StressGoroutines)
		var s Weighted
		if msg := harness.Call(pkg, "New(3)", func() { s = newWeighted(3) }); msg != "" {
			t.Fatal(msg)
		}
		var data struct{ a, b int }
		msgs := make([]string, StressGoroutines)
		writes := make([]int, StressGoroutines)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		for g := range StressGoroutines {
			wg.Go(func() {
				<-gate
				for k := range StressRounds {
					n := int64(1)
					if k%5 == g%5 {
						n = 3
					}
					got := true
					if k%3 == 0 {
						if msgs[g] = harness.Call(pkg, "TryAcquire", func() { got = s.TryAcquire(n) }); msgs[g] != "" {
							return
						}
					} else {
						var err error
						if msgs[g] = harness.Call(pkg, "Acquire", func() { err = s.Acquire(ctx, n) }); msgs[g] != "" {
							return
						}
						if err != nil {
							msgs[g] = fmt.Sprintf("Acquire(context.Background(), %d) on New(3) returned %v; with a ctx that never ends it returns nil once it has the tokens", n, err)
							return
						}
					}
					if !got {
						continue
					}
					if n == 3 {
						data.a++
						yield()
						data.b++
						writes[g]++
					} else {
						a := data.a
						yield()
						if b := data.b; a != b {
							msgs[g] = fmt.Sprintf("too many tokens: a goroutine holding 1 token saw the data half written (%d then %d) by one holding all 3 of New(3)", a, b)
							return
						}
					}
					if msgs[g] = harness.Call(pkg, "Release", func() { s.Release(n) }); msgs[g] != "" {
						return
					}
				}
			})
		}
		close(gate)
		wg.Wait()
		w.Progress()
		total := 0
		for g, msg := range msgs {
			if msg != "" {
				t.Fatalf("%s\n  (stress run %d: %d goroutines, real time)", msg, run+1, StressGoroutines)
			}
			total += writes[g]
		}
		if data.a != total || data.b != total {
			t.Fatalf("too many tokens: goroutines made %d increments holding all 3 tokens of New(3), but the data counts %d and %d: two of them held all 3 at once\n  (stress run %d, real time)", total, data.a, data.b, run+1)
		}
	}
}

// yield gives other goroutines a chance, now and then, to run in the middle of a
// critical section.
func yield() {
	if rand.IntN(4) == 0 {
		runtime.Gosched()
	}
}
