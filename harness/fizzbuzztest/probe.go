package fizzbuzztest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Fizz, Buzz and FizzBuzz wait for Number's first calls
// and how Number waits for Fizz's: a blocked goroutine uses no CPU and is not found in
// time.Sleep. It judges the waiting, and a run that then stops with every goroutine of
// the learner's blocked (a lost wakeup shows up here at once); a method that does not
// wait at all is left to the schedules, which say exactly what went wrong.
func probe(t *testing.T, pkg string, w *watchdogs, newFizzBuzz func(int) FizzBuzz) {
	t.Helper()
	for _, c := range []struct {
		n            int
		first        []method
		last         method
		waiter, what string
	}{
		{15, []method{fizz, buzz, fizzbuzz}, number, "Fizz, Buzz and FizzBuzz", "Number's 1 and 2"},
		{5, []method{number, buzz, fizzbuzz}, fizz, "Number", "Fizz's fizz for 3"},
	} {
		sched := fmt.Sprintf("New(%d): %s wait for %s, then %s is called (real time)", c.n, c.waiter, c.what, c.last)
		w.Notef("%s", sched)
		var f FizzBuzz
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", c.n), func() { f = newFizzBuzz(c.n) }); msg != "" {
			t.Fatal(msg)
		}
		rec := newRecord(c.n)
		rec.tick = w.Progress
		type result struct {
			m   method
			msg string
		}
		done := make(chan result, len(c.first)+1)
		start := func(m method) {
			go func() {
				done <- result{m, harness.Call(pkg, m.String(), func() { methodOf(f, m)(rec.printer(m, 0, 0)) })}
			}()
		}
		for _, m := range c.first {
			start(m)
		}
		rep := harness.ObserveWait(pkg, ProbeWindow)
		returned := map[method]bool{}
		for waiting := true; waiting; {
			select {
			case r := <-done:
				if r.msg != "" {
					t.Fatal(r.msg)
				}
				if r.m != fizzbuzz {
					return // it did not wait: the schedules say how that goes wrong
				}
				returned[r.m] = true // FizzBuzz has no call with n = 5
			default:
				waiting = false
			}
		}
		start(c.last)
		for len(returned) < len(c.first)+1 {
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
				if msg := rep.Verdict(c.waiter, c.what); msg != "" {
					t.Fatal(msg)
				}
				return
			}
		}
		if msg := rep.Verdict(c.waiter, c.what); msg != "" {
			t.Fatal(msg)
		}
	}
}

// stalled watches a probe that has not finished for another second, and returns a
// deadlock verdict when nothing happened in that second (no call, no return) and no
// goroutine is running or runnable; otherwise "".
func stalled[R any](pkg string, rec *record, returned map[method]bool, done <-chan R, sched string) string {
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
	if msg := sequenceVerdict(rec.printed, rec.n, false); msg != "" {
		return msg + "\n  schedule: " + sched
	}
	var hung []string
	for _, m := range methods {
		if !returned[m] {
			hung = append(hung, m.String())
		}
	}
	return fmt.Sprintf("deadlock: %s never returned and every goroutine is blocked\n  printed so far: %s\n  schedule: %s\n  your goroutines:\n%s", strings.Join(hung, ", "), show(rec.printed, len(rec.printed)), sched, harness.Describe(pkg, gs))
}
