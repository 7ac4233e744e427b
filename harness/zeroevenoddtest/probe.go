package zeroevenoddtest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Even and Odd wait for the first 0 and how Zero waits
// for Odd's 1: a blocked goroutine uses no CPU and is not found in time.Sleep. It judges
// only the waiting: a method that does not wait at all, or never returns, is left to the
// schedules, which say exactly what went wrong.
func probe(t *testing.T, pkg string, w *watchdogs, newZEO func(int) ZeroEvenOdd) {
	t.Helper()
	for _, c := range []struct {
		first        []method
		last         method
		waiter, what string
	}{
		{[]method{even, odd}, zero, "Even and Odd", "the first 0"},
		{[]method{zero, even}, odd, "Zero", "Odd's 1"},
	} {
		w.Notef("New(2): %s wait for %s (real time)", c.waiter, c.what)
		var z ZeroEvenOdd
		if msg := harness.Call(pkg, "New(2)", func() { z = newZEO(2) }); msg != "" {
			t.Fatal(msg)
		}
		rec := newRecord(2)
		done := make(chan string, 3)
		start := func(m method) {
			go func() { done <- harness.Call(pkg, m.String(), func() { methodOf(z, m)(rec.printer(m, 0, 0)) }) }()
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
		for range 3 {
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
