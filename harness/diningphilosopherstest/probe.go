package diningphilosopherstest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
)

// ProbeWindow is how long a probe watches philosophers wait for a fork.
const ProbeWindow = 100 * time.Millisecond

// ProbeGrace is how long, in real time, a probe waits for a call that should return at
// once before it leaves the case to the schedules.
const ProbeGrace = 2 * time.Second

// probe checks, in real time, how philosophers 0 and 2 wait while philosopher 1 eats with
// the forks they need: a blocked goroutine uses no CPU and is not found in time.Sleep. It
// judges only the waiting: a Table that does not make them wait, or never lets them
// eat, is left to the schedules, which say exactly what went wrong.
//
// Goroutines of the learner's that are still blocked when it gives up are added to
// leftovers, so that the schedules do not take them for their own.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newTable func() Table, leftovers judgeclock.Leftovers) {
	t.Helper()
	w.Notef("philosophers 0 and 2 wait while philosopher 1 eats (real time)")
	var tab Table
	if msg := harness.Call(pkg, "New", func() { tab = newTable() }); msg != "" {
		t.Fatal(msg)
	}
	eating := make(chan struct{})
	gate := make(chan struct{})
	done := make(chan string, 3)
	noop := func() {}
	call := func(p int, eat func()) {
		go func() {
			done <- harness.Call(pkg, "WantsToEat", func() { tab.WantsToEat(p, noop, noop, eat, noop, noop) })
		}()
	}
	call(1, func() {
		close(eating)
		<-gate
	})
	select {
	case <-eating:
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
		return // philosopher 1 did not eat: the schedules say why
	case <-time.After(ProbeGrace):
		close(gate)
		leftovers.Add(harness.Of(pkg, harness.Goroutines()))
		return
	}
	call(0, noop)
	call(2, noop)
	rep := harness.ObserveWait(pkg, ProbeWindow)
	close(gate)
	for range 3 {
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(ProbeGrace):
			leftovers.Add(harness.Of(pkg, harness.Goroutines()))
			return // stuck: the schedules find out where
		}
	}
	w.Progress()
	if msg := rep.Verdict("philosopher 0 or 2", "forks 1 and 2, with which philosopher 1 ate"); msg != "" {
		t.Fatal(msg)
	}
}
