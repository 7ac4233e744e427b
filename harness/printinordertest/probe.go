package printinordertest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Second waits for First and Third for Second: a
// blocked goroutine uses no CPU and is not found in time.Sleep. It judges only the
// waiting: a method that does not wait at all, or never returns, is left to the
// schedules, which say exactly what went wrong.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newFoo func() Foo) {
	t.Helper()
	for waiter := 1; waiter <= 2; waiter++ {
		w.Notef("%s waits for %s (real time)", steps[waiter], steps[waiter-1])
		f := newFoo()
		rec := &record{}
		note := func(st int) func() { return func() { rec.print(st, "") } }
		for st := range waiter - 1 {
			method(f, st)(note(st))
		}
		done := make(chan string, 1)
		go func() {
			done <- harness.Call(pkg, steps[waiter], func() { method(f, waiter)(note(waiter)) })
		}()
		rep := harness.ObserveWait(pkg, ProbeWindow)
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
			return // it did not wait: the schedules say how that goes wrong
		default:
		}
		if msg := harness.Call(pkg, steps[waiter-1], func() { method(f, waiter-1)(note(waiter - 1)) }); msg != "" {
			t.Fatal(msg)
		}
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(time.Second):
			return // stuck: the schedules find out where
		}
		if msg := rep.Verdict(steps[waiter], steps[waiter-1]); msg != "" {
			t.Fatal(msg)
		}
	}
}
