package rwlocktest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches a blocked call before releasing it.
const ProbeWindow = 100 * time.Millisecond

// A probeCase holds the lock one way, makes a call from another goroutine that must
// wait, and releases the lock from the judge's goroutine.
type probeCase struct {
	hold, waiter, release string // "RLock", "Lock", ...; release is called by the judge
}

var probeCases = []probeCase{
	{hold: "RLock", waiter: "Lock", release: "RUnlock"},
	{hold: "Lock", waiter: "RLock", release: "Unlock"},
	{hold: "Lock", waiter: "Lock", release: "Unlock"},
}

// probe checks, in real time, how a Lock or RLock waits: a blocked goroutine uses no CPU
// and is not found in time.Sleep; the call returns once the judge's goroutine releases
// the lock, and the judge then unlocks what the waiter locked, from its own goroutine (a
// lock is not tied to a goroutine). Afterwards no goroutine of the learner's is left.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newRWMutex func() RWMutex) {
	t.Helper()
	for _, pc := range probeCases {
		w.Notef("%s waits while another goroutine holds the lock with %s (real time)", pc.waiter, pc.hold)
		before := map[string]bool{}
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			before[g.ID] = true
		}
		var rw RWMutex
		if msg := harness.Call(pkg, "New", func() { rw = newRWMutex() }); msg != "" {
			t.Fatal(msg)
		}
		method := func(name string) func() {
			return map[string]func(){"RLock": rw.RLock, "RUnlock": rw.RUnlock, "Lock": rw.Lock, "Unlock": rw.Unlock}[name]
		}
		if msg := harness.Call(pkg, pc.hold, method(pc.hold)); msg != "" {
			t.Fatal(msg)
		}
		done := make(chan string, 1)
		go func() { done <- harness.Call(pkg, pc.waiter, method(pc.waiter)) }()
		rep := harness.ObserveWait(pkg, ProbeWindow)
		w.Progress()
		select {
		case msg := <-done:
			if msg == "" {
				msg = fmt.Sprintf("%s returned while another goroutine held the lock with %s; it must wait until %s", pc.waiter, pc.hold, pc.release)
			}
			t.Fatal(msg)
		default:
		}
		if msg := harness.Call(pkg, pc.release, method(pc.release)); msg != "" {
			t.Fatal(msg)
		}
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(harness.Deadline):
			t.Fatalf("deadlock: %s never returned after %s released the lock (waited %v)\n%s", pc.waiter, pc.release, harness.Deadline, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		if msg := rep.Verdict(pc.waiter, pc.release); msg != "" {
			t.Fatal(msg)
		}
		undo := map[string]string{"RLock": "RUnlock", "Lock": "Unlock"}[pc.waiter]
		if msg := harness.Call(pkg, undo, method(undo)); msg != "" {
			t.Fatalf("%s\n  (%s from another goroutine than the one that called %s: allowed, as with sync.RWMutex)", msg, undo, pc.waiter)
		}
		if left := leftBehind(pkg, before); left != "" {
			t.Fatalf("goroutine leak: the lock was released, but goroutines of yours were left behind; an RWMutex starts no goroutine of its own\n%s", left)
		}
	}
}

// leftBehind lists the goroutines of package pkg that were not there before, once they
// have had a moment to finish.
func leftBehind(pkg string, before map[string]bool) string {
	var left []harness.Goroutine
	for end := time.Now().Add(500 * time.Millisecond); ; time.Sleep(10 * time.Millisecond) {
		left = left[:0]
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			if !before[g.ID] {
				left = append(left, g)
			}
		}
		if len(left) == 0 {
			return ""
		}
		if time.Now().After(end) {
			return harness.Describe(pkg, left)
		}
	}
}
