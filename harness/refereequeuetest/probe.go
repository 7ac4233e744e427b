package refereequeuetest

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches the learner's goroutines wait.
const ProbeWindow = 100 * time.Millisecond

// EnqueueGrace is how long, in real time, a probe lets Enqueue take while the only
// referee is busy before it calls Enqueue stuck. A correct Enqueue takes microseconds.
const EnqueueGrace = time.Second

// probe checks, in real time, how an idle referee waits for a user and how queued
// users wait for a busy referee: a blocked goroutine uses no CPU and is not found in
// time.Sleep, and Enqueue returns while the referee is busy. It runs first, outside
// bubbles: in a bubble a spinning goroutine, or one parked in sync.Mutex.Lock while a
// verification holds the lock, stops fake time, and only the watchdog could end the run.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newQueue newQueueFunc) {
	t.Helper()

	w.Notef("an idle referee waits for a user (real time)")
	var q queue
	if msg := harness.Call(pkg, "New", func() { q = newQueue(1, func(int, int) {}) }); msg != "" {
		t.Fatal(msg)
	}
	rep := harness.ObserveWait(pkg, ProbeWindow)
	closeWithin(t, pkg, w, q, "with no users")
	if msg := rep.Verdict("the idle referee", "a user"); msg != "" {
		t.Fatal(msg)
	}

	w.Notef("queued users wait for a busy referee (real time)")
	gate := make(chan struct{})
	started := make(chan int, 1)
	if msg := harness.Call(pkg, "New", func() {
		q = newQueue(1, func(_, user int) {
			select {
			case started <- user:
			default:
			}
			<-gate
		})
	}); msg != "" {
		t.Fatal(msg)
	}
	// enqueue calls Enqueue for users on a goroutine of its own; the channel reports
	// the first panic, or "" once every call has returned.
	var returned atomic.Int32 // Enqueue calls that returned
	enqueue := func(users ...int) <-chan string {
		done := make(chan string, 1)
		go func() {
			for _, user := range users {
				if msg := harness.Call(pkg, fmt.Sprintf("Enqueue(User{ID: %d})", user), func() { _ = q.Enqueue(user) }); msg != "" {
					done <- msg
					return
				}
				returned.Add(1)
			}
			done <- ""
		}()
		return done
	}
	fail := func(format string, args ...any) {
		t.Helper()
		close(gate)
		t.Fatalf(format, args...)
	}
	// returns waits a moment for Enqueue calls that must return while the referee is
	// busy.
	returns := func(done <-chan string, verifying int, rep *harness.WaitReport) {
		t.Helper()
		select {
		case msg := <-done:
			if msg != "" {
				fail("%s", msg)
			}
		case <-time.After(EnqueueGrace):
			if rep != nil {
				if msg := rep.Verdict("Enqueue", "the busy referee"); msg != "" {
					fail("%s", msg)
				}
			}
			fail("Enqueue(User{ID: %d}) did not return while the only referee was verifying user %d (waited %v in real time): Enqueue must add the user to the queue and return at once, never waiting for a referee (is verify called with a lock held, or inside Enqueue?)\n  your goroutines:\n%s",
				returned.Load()+1, verifying, EnqueueGrace, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
	}

	// User 1 keeps the only referee busy ...
	first := enqueue(1)
	verifying, firstReturned := 0, false
	deadline := time.After(harness.Deadline)
	for verifying == 0 {
		select {
		case verifying = <-started:
		case msg := <-first:
			if msg != "" {
				fail("%s", msg)
			}
			firstReturned, first = true, nil
		case <-deadline:
			fail("deadlock: verify was never called, %v after a user was enqueued on a Queue with one idle referee", harness.Deadline)
		}
	}
	if !firstReturned {
		returns(first, verifying, nil)
	}
	// ... while users 2 and 3 are enqueued, and wait.
	rest := enqueue(2, 3)
	w.Progress()
	rep = harness.ObserveWait(pkg, ProbeWindow)
	returns(rest, verifying, &rep)
	close(gate)
	closeWithin(t, pkg, w, q, "after three users")
	if msg := rep.Verdict("the queued users", "the busy referee"); msg != "" {
		t.Fatal(msg)
	}
}

// closeWithin calls q.Close and fails t when it panics or does not return within
// harness.Deadline.
func closeWithin(t *testing.T, pkg string, w *harness.Watchdog, q queue, when string) {
	t.Helper()
	w.Progress()
	done := make(chan string, 1)
	go func() { done <- harness.Call(pkg, "Close", q.Close) }()
	select {
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(harness.Deadline):
		t.Fatalf("deadlock: Close never returned (%v after it was called, %s, in real time)", harness.Deadline, when)
	}
	w.Progress()
}
