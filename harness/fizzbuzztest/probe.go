package fizzbuzztest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Fizz, Buzz and FizzBuzz wait for Number's first calls
// and how Number waits for Fizz's: a blocked goroutine uses no CPU and is not found in
// time.Sleep. It judges only the waiting: a method that does not wait at all, or never
// returns, is left to the schedules, which say exactly what went wrong.
func probe(t *testing.T, pkg string, w *watchdogs, newFizzBuzz func(int) FizzBuzz) {
	t.Helper()
	for _, c := range []struct {
		n            int
		first        []method
		last         method
		waiter, what string
	}{
		{15, []method{fizz, buzz, fizzbuzz}, number, "Fizz, Buzz and FizzBuzz", "Number's 1 and 2"},
		{5, []method{number, buzz}, fizz, "Number", "Fizz's fizz for 3"},
	} {
		w.Notef("New(%d): %s wait for %s (real time)", c.n, c.waiter, c.what)
		var f FizzBuzz
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", c.n), func() { f = newFizzBuzz(c.n) }); msg != "" {
			t.Fatal(msg)
		}
		rec := newRecord(c.n)
		done := make(chan string, len(c.first)+1)
		start := func(m method) {
			go func() { done <- harness.Call(pkg, m.String(), func() { methodOf(f, m)(rec.printer(m, 0, 0)) }) }()
		}
		for _, m := range c.first {
			start(m)
		}
		rep := harness.ObserveWait(pkg, ProbeWindow)
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
			return // it did not wait: the schedules say how that goes wrong
		default:
		}
		start(c.last)
		for range len(c.first) + 1 {
			select {
			case msg := <-done:
				if msg != "" {
					t.Fatal(msg)
				}
			case <-time.After(time.Second):
				return // stuck: the schedules find out where
			}
		}
		if msg := rep.Verdict(c.waiter, c.what); msg != "" {
			t.Fatal(msg)
		}
		w.Progress()
	}
}
