package deferredcallbacktest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a real-time probe watches a waiting executor.
const ProbeWindow = 100 * time.Millisecond

// Patience is how long a real-time check waits for something that should happen at
// once (a call returning, an action added with after 0 starting).
const Patience = 2 * time.Second

// Flood is how many actions the blocking rule adds while an action runs.
const Flood = 10_000

// Settle is how long a real-time check waits to see that something does not happen.
const Settle = 50 * time.Millisecond

// waiting checks, in real time, that an idle executor and one waiting for an action due
// in an hour block: no CPU, no time.Sleep loop; and that Close then returns at once.
func waiting(t *testing.T, pkg string, w *harness.Watchdog, newExecutor func() Executor) {
	t.Helper()
	w.Notef("an idle executor (real time)")
	var e Executor
	if msg := harness.Call(pkg, "New", func() { e = newExecutor() }); msg != "" {
		t.Fatal(msg)
	}
	if msg := harness.ObserveWait(pkg, ProbeWindow).Verdict("an idle executor", "its first action"); msg != "" {
		closeWithin(pkg, e)
		t.Fatal(msg)
	}
	w.Notef("an executor waits for an action due in an hour (real time)")
	ran := make(chan struct{}, 1)
	var err error
	if msg := harness.Call(pkg, "AddAction", func() { err = e.AddAction(time.Hour, func() { ran <- struct{}{} }) }); msg != "" {
		t.Fatal(msg)
	}
	if err != nil {
		t.Fatalf("AddAction(1h, ...) on a new executor returned %q; want nil", err)
	}
	if msg := harness.ObserveWait(pkg, ProbeWindow).Verdict("the executor", "an action due in an hour"); msg != "" {
		closeWithin(pkg, e)
		t.Fatal(msg)
	}
	w.Progress()
	if msg := closeWithin(pkg, e); msg != "" {
		t.Fatalf("%s\n  Close was called while an action due in an hour was pending; it must wake the executor's goroutine, drop the action and return", msg)
	}
	select {
	case <-ran:
		t.Fatalf("early: an action added with after 1h ran within %v", ProbeWindow)
	default:
	}
}

// closeWithin calls Close and returns "" when it returns within Patience, or a verdict.
func closeWithin(pkg string, e Executor) string {
	done := make(chan string, 1)
	go func() { done <- harness.Call(pkg, "Close", e.Close) }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(Patience):
		return fmt.Sprintf("deadlock: Close did not return within %v\n  your goroutines:\n%s", Patience, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
	}
}

// blocking checks, in real time (where a goroutine waiting in sync.Mutex.Lock cannot
// stop the clock), that AddAction never waits for a running action, from another
// goroutine or from inside an action, and that Close waits for the running action,
// drops the pending ones, is idempotent and makes AddAction return ErrClosed.
func blocking(t *testing.T, pkg string, w *harness.Watchdog, newExecutor func() Executor, errClosed error) {
	t.Helper()
	var e Executor
	if msg := harness.Call(pkg, "New", func() { e = newExecutor() }); msg != "" {
		t.Fatal(msg)
	}
	started := make(chan string, 16)
	action := func(name string, then func()) func() {
		return func() {
			started <- name
			if then != nil {
				then()
			}
		}
	}
	add := func(name string, then func()) string {
		var err error
		if msg := harness.Call(pkg, "AddAction", func() { err = e.AddAction(0, action(name, then)) }); msg != "" {
			return msg
		}
		if err != nil {
			return fmt.Sprintf("AddAction(0, %s) returned %q before Close was called; want nil", name, err)
		}
		return ""
	}
	yours := func() string { return harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())) }
	scenario := ""
	step := func(s string) {
		scenario = s
		w.Notef("%s (real time)", s)
	}
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\n  the check (in real time): %s", append(args, scenario)...)
	}
	expect := func(name, why string) {
		t.Helper()
		select {
		case got := <-started:
			if got != name {
				fail("action %s started, want %s: %s", got, name, why)
			}
		case <-time.After(Patience):
			fail("late: action %s did not start within %v: %s\n  your goroutines:\n%s", name, Patience, why, yours())
		}
		w.Progress()
	}
	quiet := func(why string) {
		t.Helper()
		select {
		case got := <-started:
			fail("action %s started %s", got, why)
		case <-time.After(Settle):
		}
	}

	step("action A (added with after 0) runs until the judge releases it; meanwhile another goroutine calls AddAction(0, B)")
	releaseA := make(chan struct{})
	if msg := add("A", func() { <-releaseA }); msg != "" {
		fail("%s", msg)
	}
	expect("A", "it was added with after 0 to an idle executor")
	added := make(chan string, 1)
	go func() { added <- add("B", nil) }()
	select {
	case msg := <-added:
		if msg != "" {
			close(releaseA)
			fail("%s", msg)
		}
	case <-time.After(Patience):
		list := yours()
		close(releaseA)
		fail("AddAction waited for a running action: called from another goroutine while action A ran, it had not returned after %v; AddAction must never wait for a running action (do not hold a lock, or wait for the executor's goroutine, while an action runs)\n  your goroutines:\n%s", Patience, list)
	}
	quiet("while action A was still running; actions must run one at a time")
	step(fmt.Sprintf("action A still runs; another goroutine calls AddAction(1h, ...) %d times", Flood))
	flooded := make(chan string, 1)
	go func() {
		for range Flood {
			var err error
			if msg := harness.Call(pkg, "AddAction", func() { err = e.AddAction(time.Hour, func() {}) }); msg != "" {
				flooded <- msg
				return
			}
			if err != nil {
				flooded <- fmt.Sprintf("AddAction(1h, ...) returned %q before Close was called; want nil", err)
				return
			}
		}
		flooded <- ""
	}()
	select {
	case msg := <-flooded:
		if msg != "" {
			close(releaseA)
			fail("%s", msg)
		}
	case <-time.After(Patience):
		list := yours()
		close(releaseA)
		fail("AddAction waited for a running action: %d calls from another goroutine while action A ran had not all returned after %v; AddAction must never wait, however many actions are pending (a buffered channel fills up)\n  your goroutines:\n%s", Flood, Patience, list)
	}
	w.Progress()
	close(releaseA)
	expect("B", "it was due while A ran, and A has returned")

	step("action C (added with after 0) calls AddAction(0, D) from inside")
	inner := make(chan string, 1)
	if msg := add("C", func() { inner <- add("D", nil) }); msg != "" {
		fail("%s", msg)
	}
	expect("C", "it was added with after 0 to an idle executor")
	select {
	case msg := <-inner:
		if msg != "" {
			fail("%s", msg)
		}
	case <-time.After(Patience):
		fail("deadlock: AddAction called from inside action C had not returned after %v; AddAction must work from inside an action (do not hold a lock, or wait for the executor's goroutine, while an action runs)\n  your goroutines:\n%s", Patience, yours())
	}
	expect("D", "action C added it with after 0 and returned")

	step("action E (added with after 0) runs until the judge releases it; AddAction(0, F) queues F behind it; two goroutines call Close; then E is released")
	releaseE := make(chan struct{})
	if msg := add("E", func() { <-releaseE }); msg != "" {
		fail("%s", msg)
	}
	expect("E", "it was added with after 0 to an idle executor")
	if msg := add("F", nil); msg != "" {
		close(releaseE)
		fail("%s", msg)
	}
	closed := make(chan string, 2)
	for range 2 {
		go func() { closed <- harness.Call(pkg, "Close", e.Close) }()
	}
	select {
	case msg := <-closed:
		close(releaseE)
		if msg == "" {
			msg = "Close returned while action E was still running; Close must wait for the running action to return"
		}
		fail("%s", msg)
	case <-time.After(Settle):
	}
	close(releaseE)
	for range 2 {
		select {
		case msg := <-closed:
			if msg != "" {
				fail("%s", msg)
			}
		case <-time.After(Patience):
			fail("deadlock: Close (called twice at once while action E ran) had not returned %v after E returned\n  your goroutines:\n%s", Patience, yours())
		}
	}
	w.Progress()
	quiet("after Close was called (F was pending behind E); pending actions are dropped and no action may start after Close is called")

	step("after Close: Close again, then AddAction(0, G)")
	if msg := closeWithin(pkg, e); msg != "" {
		fail("the second Close: %s", msg)
	}
	var err error
	if msg := harness.Call(pkg, "AddAction", func() { err = e.AddAction(0, action("G", nil)) }); msg != "" {
		fail("%s", msg)
	}
	if !errors.Is(err, errClosed) {
		fail("AddAction after Close returned %v; want ErrClosed", err)
	}
	quiet("although AddAction was called after Close")
}
