package pooltest

import (
	"context"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches the learner's goroutines wait.
const ProbeWindow = 100 * time.Millisecond

// SubmitGrace is how long, in real time, a probe lets Submit take while the only worker
// is busy before it calls Submit stuck. A correct Submit takes microseconds.
const SubmitGrace = time.Second

// probe checks, in real time, how idle workers wait for a task, how a queued task, Get
// and Close wait for a running task: a blocked goroutine uses no CPU and is not found in
// time.Sleep; and Submit returns while the only worker is busy. It runs first, outside
// bubbles: in a bubble a spinning goroutine, or one parked in sync.Mutex.Lock while a
// task holds the lock, stops fake time, and only the watchdog could end the run.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newPool newPoolFunc) {
	t.Helper()
	// within runs fn on a goroutine and waits up to limit for it: it fails t with a
	// panic's verdict, or with stuck(limit) when fn does not return in time.
	within := func(what string, limit time.Duration, fn func(), stuck func() string) {
		t.Helper()
		w.Progress()
		done := make(chan string, 1)
		go func() { done <- harness.Call(pkg, what, fn) }()
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(limit):
			t.Fatal(stuck())
		}
		w.Progress()
	}
	closeWithin := func(p pool, when string) {
		t.Helper()
		within("Close", harness.Deadline, p.Close, func() string {
			return "deadlock: Close never returned (" + harness.Deadline.String() + " after it was called, " + when + ", in real time)"
		})
	}
	newPool1 := func(workers int) pool {
		t.Helper()
		var p pool
		within("New", harness.Deadline, func() { p = newPool(workers) }, func() string { return "deadlock: New did not return" })
		return p
	}

	w.Notef("idle workers wait for a task (real time)")
	p := newPool1(2)
	rep := harness.ObserveWait(pkg, ProbeWindow)
	closeWithin(p, "with no tasks")
	if msg := rep.Verdict("an idle worker", "a task"); msg != "" {
		t.Fatal(msg)
	}

	// gated starts a pool of one worker running task 1 until gate is closed.
	gated := func() (pool, future, chan struct{}) {
		t.Helper()
		p := newPool1(1)
		gate, started := make(chan struct{}), make(chan struct{})
		var f future
		within("Submit (task 1)", harness.Deadline, func() {
			f = p.Submit(func() (int, error) { close(started); <-gate; return value(1), nil })
		}, func() string {
			return "Submit (task 1) did not return on a Pool with one idle worker (waited " + harness.Deadline.String() + " in real time): Submit must queue the task and return at once"
		})
		select {
		case <-started:
		case <-time.After(harness.Deadline):
			t.Fatalf("deadlock: task 1 never started, %v after it was submitted to a Pool with one idle worker", harness.Deadline)
		}
		return p, f, gate
	}

	w.Notef("a queued task and Get wait for the running task (real time)")
	p, f1, gate := gated()
	var f2 future
	within("Submit (task 2)", SubmitGrace, func() { f2 = p.Submit(func() (int, error) { return value(2), nil }) }, func() string {
		close(gate)
		return "Submit (task 2) did not return while the only worker was running task 1 (waited " + SubmitGrace.String() + " in real time): Submit must queue the task and return at once, never waiting for a worker (is the task run with a lock held, or is the queue an unbuffered channel?)\n  your goroutines:\n" + harness.Describe(pkg, harness.Of(pkg, harness.Goroutines()))
	})
	gets := make(chan string, 2)
	for _, f := range []future{f1, f2} {
		go func() {
			gets <- harness.Call(pkg, "Get", func() { _, _ = f.Get(context.Background()) })
		}()
	}
	rep = harness.ObserveWait(pkg, ProbeWindow)
	close(gate)
	for range 2 {
		select {
		case msg := <-gets:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(harness.Deadline):
			t.Fatalf("deadlock: Get never returned (%v after the only task it could wait for finished, in real time)", harness.Deadline)
		}
	}
	closeWithin(p, "after two tasks")
	if msg := rep.Verdict("Get", "the running task"); msg != "" {
		t.Fatal(msg)
	}

	w.Notef("Close waits for the running task (real time)")
	p, _, gate = gated()
	closed := make(chan string, 1)
	go func() { closed <- harness.Call(pkg, "Close", p.Close) }()
	rep = harness.ObserveWait(pkg, ProbeWindow)
	close(gate)
	select {
	case msg := <-closed:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(harness.Deadline):
		t.Fatalf("deadlock: Close never returned (%v after the running task finished, in real time)", harness.Deadline)
	}
	if msg := rep.Verdict("Close", "the running task"); msg != "" {
		t.Fatal(msg)
	}
}
