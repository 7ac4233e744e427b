package turns

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// A Probe of New(N) calls the First methods, each on its own goroutine, lets them wait
// for ProbeWindow, then calls Last: "Waiter wait for What, then Last is called".
type Probe[M Method] struct {
	N            int
	First        []M
	Last         M
	Waiter, What string // "Even and Odd", "the first 0"
	// Early are the methods of First that may return before Last is called; when any
	// other returns, the probe ends and leaves it to the schedules.
	Early []M
}

// probe checks, in real time, how the methods of k.Probes wait: a blocked goroutine
// uses no CPU and is not found in time.Sleep. It judges the waiting, and a run that
// then stops with every goroutine of the learner's blocked (a lost wakeup shows up here
// at once); a method that does not wait at all is left to the schedules, which say
// exactly what went wrong.
func (j *judge[M, I]) probe(t *testing.T) {
	t.Helper()
	k, pkg, w := j.k, j.pkg, j.w
	for _, c := range k.Probes {
		sched := fmt.Sprintf("New(%d): %s wait for %s, then %s is called (real time)", c.N, c.Waiter, c.What, c.Last)
		w.Notef("%s", sched)
		var inst I
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", c.N), func() { inst = j.newI(c.N) }); msg != "" {
			t.Fatal(msg)
		}
		rec := k.newRecord(c.N)
		rec.tick = w.Progress
		type result struct {
			m   M
			msg string
		}
		done := make(chan result, len(c.First)+1)
		start := func(m M) {
			go func() {
				done <- result{m, harness.Call(pkg, m.String(), func() { j.methodOf(inst, m)(rec.printer(m, 0, 0)) })}
			}()
		}
		for _, m := range c.First {
			start(m)
		}
		rep := harness.ObserveWait(pkg, ProbeWindow)
		returned := map[M]bool{}
		for waiting := true; waiting; {
			select {
			case r := <-done:
				if r.msg != "" {
					t.Fatal(r.msg)
				}
				if !slices.Contains(c.Early, r.m) {
					return // it did not wait: the schedules say how that goes wrong
				}
				returned[r.m] = true
			default:
				waiting = false
			}
		}
		start(c.Last)
		for len(returned) < len(c.First)+1 {
			select {
			case r := <-done:
				if r.msg != "" {
					t.Fatal(r.msg)
				}
				returned[r.m] = true
				w.Progress()
			case <-time.After(time.Second):
				if msg := stalled(pkg, rec, returned, done, sched); msg != "" {
					t.Fatal(msg)
				}
				// Slow (a spinner slows everything down) or stuck in a way the
				// schedules tell better; what the window saw still counts.
				if msg := rep.Verdict(c.Waiter, c.What); msg != "" {
					t.Fatal(msg)
				}
				return
			}
		}
		if msg := rep.Verdict(c.Waiter, c.What); msg != "" {
			t.Fatal(msg)
		}
	}
}

// stalled watches a probe that has not finished for another second, and returns a
// deadlock verdict when nothing happened in that second (no call, no return) and no
// goroutine is running or runnable; otherwise "".
func stalled[M Method, R any](pkg string, rec *record[M], returned map[M]bool, done <-chan R, sched string) string {
	count := func() int {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return len(rec.printed)
	}
	before := count()
	select {
	case <-done:
		return "" // it moved on
	case <-time.After(time.Second):
	}
	if count() != before {
		return ""
	}
	// Any goroutine on a CPU or waiting for one (the learner's, or a probe goroutine not
	// yet in the learner's code) may still move on: then it is not a deadlock.
	all, me := harness.Goroutines(), fmt.Sprint(goid())
	for _, g := range all {
		if g.Busy() && g.ID != me {
			return ""
		}
	}
	gs := harness.Of(pkg, all)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if msg := rec.k.Sequence(rec.printed, rec.n, false); msg != "" {
		return msg + "\n  schedule: " + sched
	}
	var hung []string
	for _, m := range rec.k.Methods {
		if !returned[m] {
			hung = append(hung, m.String())
		}
	}
	return fmt.Sprintf("deadlock: %s never returned and every goroutine is blocked\n  printed so far: %s\n  schedule: %s\n  your goroutines:\n%s", strings.Join(hung, ", "), rec.k.show(rec.printed, len(rec.printed)), sched, harness.Describe(pkg, gs))
}
