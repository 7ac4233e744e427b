package rwlocktest

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// The stress rule runs up to StressRuns runs, each with StressReaders readers and
// StressWriters writers making StressRounds lock-unlock rounds on one RWMutex, in real
// time, and starts no new run once StressBudget has passed.
const (
	StressRuns    = 30
	StressReaders = 3
	StressWriters = 2
	StressRounds  = 200
	StressBudget  = 2 * time.Second
)

// stress runs readers and writers in real time with no synchronization of the judge
// between them: the data the lock guards is two plain ints that writers increment and
// readers compare. The race detector then sees the learner's synchronization alone (a
// reader count updated without it is reported as a data race), a reader that sees the
// two ints differ ran while a writer held the lock, and a count short of the writes
// made shows two writers held the lock at once. Every fourth Unlock is made by another
// goroutine than the writer's (it is handed the job on a channel).
func stress(t *testing.T, pkg string, w *harness.Watchdog, newRWMutex func() RWMutex) {
	t.Helper()
	begin := time.Now()
	for run := 0; run < StressRuns && (run == 0 || time.Since(begin) < StressBudget); run++ {
		w.Notef("stress run %d of %d: %d readers and %d writers, %d rounds each (real time)", run+1, StressRuns, StressReaders, StressWriters, StressRounds)
		var rw RWMutex
		if msg := harness.Call(pkg, "New", func() { rw = newRWMutex() }); msg != "" {
			t.Fatal(msg)
		}
		var data struct{ a, b int }
		msgs := make([]string, StressReaders+StressWriters)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		for g := range StressReaders {
			wg.Go(func() {
				<-gate
				for range StressRounds {
					var a, b int
					if msgs[g] = harness.Call(pkg, "RLock", rw.RLock); msgs[g] != "" {
						return
					}
					a = data.a
					yield()
					b = data.b
					if msgs[g] = harness.Call(pkg, "RUnlock", rw.RUnlock); msgs[g] != "" {
						return
					}
					if a != b {
						msgs[g] = fmt.Sprintf("reader in with a writer: a reader saw the data half written (%d then %d): it held the read lock while a writer held the lock", a, b)
						return
					}
				}
			})
		}
		for g := StressReaders; g < len(msgs); g++ {
			wg.Go(func() {
				<-gate
				handOff := make(chan chan string)
				defer close(handOff)
				go func() { // unlocks for the writer, from a goroutine of its own
					for done := range handOff {
						done <- harness.Call(pkg, "Unlock", rw.Unlock)
					}
				}()
				for k := range StressRounds {
					if msgs[g] = harness.Call(pkg, "Lock", rw.Lock); msgs[g] != "" {
						return
					}
					data.a++
					yield()
					data.b++
					if k%4 == 3 {
						done := make(chan string)
						handOff <- done
						msgs[g] = <-done
					} else {
						msgs[g] = harness.Call(pkg, "Unlock", rw.Unlock)
					}
					if msgs[g] != "" {
						return
					}
				}
			})
		}
		close(gate)
		wg.Wait()
		w.Progress()
		for _, msg := range msgs {
			if msg != "" {
				t.Fatalf("%s\n  (stress run %d: %d readers and %d writers, real time)", msg, run+1, StressReaders, StressWriters)
			}
		}
		if want := StressWriters * StressRounds; data.a != want || data.b != want {
			t.Fatalf("two writers: %d writers made %d increments each under Lock, but the data counts %d and %d: two writers held the lock at once\n  (stress run %d, real time)", StressWriters, StressRounds, data.a, data.b, run+1)
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
