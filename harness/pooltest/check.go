// Package pooltest checks implementations of the pool kata.
package pooltest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// Pool is the kata's Pool, as the checker uses it.
type Pool interface{ Close() }

// Future is the kata's Future[int].
type Future interface {
	Get(ctx context.Context) (int, error)
	Done() <-chan struct{}
}

// Schedules is how many generated schedules Check runs.
const Schedules = 400

// Burst is how many tasks the "unbounded" rule submits at one instant while every
// worker is busy.
const Burst = 5000

// Check hammers the Pools of newPool, rule by rule: "waiting", real-time probes of how
// idle workers, queued tasks, Get and Close wait (spinning, sleep-polling, Submit that
// waits); "story", the kata's example in fake time, on one Pool and on two at once;
// "unbounded", Submit never waits, even with thousands of tasks queued; "schedules",
// generated schedules in synctest bubbles (submissions, run times, failing and
// panicking tasks, concurrent submitters and getters with and without timeouts, Close
// at any point, compared with an ideal first-come-first-served pool); "stress", real
// time with no synchronization of the harness between your goroutines, for the race
// detector; "misuse", New panics for workers < 1 and ErrClosed is the kata's error.
//
// submit is the kata's Submit[int]; errClosed its ErrClosed.
func Check[P Pool, F Future](t *testing.T, newPool func(workers int) P, submit func(P, func() (int, error)) F, errClosed error) {
	t.Helper()
	pkg := harness.PackageOf(newPool)
	w := harness.StartWatchdog(t, pkg)
	mk := func(workers int) pool { return adapter[P, F]{newPool(workers), submit} }
	judge := func(t *testing.T, plans []plan, context string) string {
		t.Helper()
		r, stuck := play(t, pkg, w, mk, plans)
		w.Progress()
		defer w.Progress()
		if msg := r.verdict(stuck, errClosed); msg != "" {
			return r.picture(stuck, errClosed).Attach(msg + "\n  " + context)
		}
		return ""
	}

	harness.Rules(t,
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "story", Check: func(t *testing.T) {
			for _, run := range []struct {
				what, rule string
				plans      []plan
			}{
				{"2 workers", "", []plan{story(2, 1)}},
				{"1 worker", "", []plan{story(1, 1)}},
				{"2 workers and 1 worker, on two Pools at once (tasks 1-5 and 6-10)",
					"separate Pools must not share state (each passed the story on its own): ",
					[]plan{story(2, 1), story(1, 6)}},
			} {
				what := "story: 5 tasks 1s apart, each takes 3s, the third panics, Close at 4s, " + run.what
				w.Notef("%s", what)
				if msg := judge(t, run.plans, what+"; schedule: "+describe(run.plans)); msg != "" {
					t.Fatal(harness.Draw(run.rule + msg))
				}
			}
		}},
		harness.Rule{Name: "unbounded", Check: func(t *testing.T) {
			const hold = time.Hour
			what := fmt.Sprintf("2 workers run tasks 1 and 2 for %v; meanwhile one goroutine submits tasks 3..%d at the same instant, then calls Close", hold, Burst+2)
			w.Notef("%s", what)
			if msg := judge(t, []plan{burst(2, Burst, hold)}, "schedule: "+what); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				plans := drawPlans(rt)
				s := describe(plans)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg := judge(t, plans, "schedule: "+s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk, errClosed) }},
		harness.Rule{Name: "misuse", Check: func(t *testing.T) { misuse(t, mk, errClosed) }},
	)
}

// adapter turns the learner's Pool and Submit into a pool.
type adapter[P Pool, F Future] struct {
	p      P
	submit func(P, func() (int, error)) F
}

func (a adapter[P, F]) Submit(task func() (int, error)) future { return a.submit(a.p, task) }
func (a adapter[P, F]) Close()                                 { a.p.Close() }

// misuse checks that New rejects workers < 1 with the kata's panic, and that ErrClosed
// is the kata's error.
func misuse(t *testing.T, newPool newPoolFunc, errClosed error) {
	t.Helper()
	const want = "pool: workers < 1"
	for _, n := range []int{0, -1} {
		var r any
		func() {
			defer func() { r = recover() }()
			newPool(n)
		}()
		if kata, ok := harness.NotImplemented(r); ok {
			t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
		}
		if r == nil {
			t.Fatalf("New(%d) returned; it must panic with %q when workers < 1", n, want)
		}
		msg := fmt.Sprint(r)
		if err, ok := r.(error); ok {
			msg = err.Error()
		}
		if msg != want {
			t.Fatalf("New(%d) panicked with %q; want %q", n, msg, want)
		}
	}
	if errClosed == nil || errClosed.Error() != "pool: closed" {
		t.Fatalf("ErrClosed is %v; want errors.New(\"pool: closed\")", errClosed)
	}
}
