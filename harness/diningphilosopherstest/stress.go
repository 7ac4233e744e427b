package diningphilosopherstest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many Tables the stress rule runs in real time.
const StressRuns = 100

// StressLimit is how long, in real time, a stress run may take before it is called stuck.
const StressLimit = 3 * time.Second

// A meal is what one call's callbacks saw: the monotonic clock reading of each callback
// and how often each was called. Only the goroutine of the call writes it.
type meal struct {
	phil  int
	at    [5]time.Time
	count [5]int
}

const (
	pickL = iota
	pickR
	eatCB
	putL
	putR
)

var callbackNames = [5]string{"pickLeftFork", "pickRightFork", "eat", "putLeftFork", "putRightFork"}

// stress runs Tables in real time: one goroutine per philosopher (and sometimes a second
// one for some philosophers), each calling WantsToEat in a loop. The harness adds no
// synchronization of its own between them: each callback records a clock reading in
// memory owned by its call, invisible to the race detector, which then sees exactly the
// learner's synchronization. Afterwards the readings show whether a fork was ever held
// twice at once: a pick is recorded after the fork is taken and a put before it is let
// go, so overlapping readings are a real overlap.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newTable func() Table) {
	t.Helper()
	for run := range StressRuns {
		goroutines := Philosophers + rand.IntN(3)
		rounds := 1 + rand.IntN(20)
		what := fmt.Sprintf("stress run %d of %d: %d goroutines (one per philosopher, extra ones for philosophers 0 and 1) call WantsToEat %d times each, real time", run+1, StressRuns, goroutines, rounds)
		w.Notef("%s", what)
		var tab Table
		if msg := harness.Call(pkg, "New", func() { tab = newTable() }); msg != "" {
			t.Fatal(msg)
		}
		meals := make([][]meal, goroutines)
		verdicts := make([]string, goroutines)
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				p := g % Philosophers
				mine := make([]meal, rounds)
				for i := range mine {
					m := &mine[i]
					m.phil = p
					cb := func(k int) func() {
						return func() {
							m.at[k] = time.Now()
							m.count[k]++
						}
					}
					if v := harness.Call(pkg, fmt.Sprintf("WantsToEat(%d, ...)", p), func() {
						tab.WantsToEat(p, cb(pickL), cb(pickR), cb(eatCB), cb(putL), cb(putR))
					}); v != "" {
						verdicts[g] = v
						break
					}
				}
				meals[g] = mine
			}()
		}
		close(gate)
		finished := make(chan struct{})
		go func() {
			wg.Wait()
			close(finished)
		}()
		select {
		case <-finished:
		case <-time.After(StressLimit):
			t.Fatalf("deadlock: calls of WantsToEat had not all returned after %v (real time)\n  %s\n  your goroutines:\n%s",
				StressLimit, what, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
		for _, v := range verdicts {
			if v != "" {
				t.Fatal(v)
			}
		}
		if msg := judgeMeals(slices.Concat(meals...)); msg != "" {
			t.Fatalf("%s\n  %s", msg, what)
		}
	}
}

// judgeMeals checks the callbacks of each call, and that no fork was held by two calls at
// once.
func judgeMeals(meals []meal) string {
	type hold struct {
		from, to time.Time
		phil     int
	}
	var holds [Philosophers][]hold
	for _, m := range meals {
		for k, n := range m.count {
			if n != 1 {
				return fmt.Sprintf("callback count: philosopher %d's call made %d calls of %s; each callback is called exactly once per call", m.phil, n, callbackNames[k])
			}
		}
		for _, k := range []int{pickL, pickR} {
			if m.at[eatCB].Before(m.at[k]) {
				return fmt.Sprintf("wrong order: philosopher %d ate before %s; eat runs only while both forks are held", m.phil, callbackNames[k])
			}
		}
		for _, k := range []int{putL, putR} {
			if m.at[k].Before(m.at[eatCB]) {
				return fmt.Sprintf("wrong order: philosopher %d called %s before eating; a call picks up both forks, eats, then puts both down", m.phil, callbackNames[k])
			}
		}
		holds[left(m.phil)] = append(holds[left(m.phil)], hold{m.at[pickL], m.at[putL], m.phil})
		holds[right(m.phil)] = append(holds[right(m.phil)], hold{m.at[pickR], m.at[putR], m.phil})
	}
	for f, hs := range holds {
		slices.SortFunc(hs, func(a, b hold) int { return a.from.Compare(b.from) })
		for i := 1; i < len(hs); i++ {
			if a, b := hs[i-1], hs[i]; b.from.Before(a.to) {
				return fmt.Sprintf("fork held twice: philosopher %d picked up fork %d while philosopher %d still held it (real time, %v before it was put down); a fork is held by one philosopher at a time",
					b.phil, f, a.phil, a.to.Sub(b.from))
			}
		}
	}
	return ""
}
