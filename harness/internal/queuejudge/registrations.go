package queuejudge

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// Registrations is how many calls each case of the registrations rule makes on one
// Queue, and RetainedPerCall the bytes per call it lets a Queue (and the ctx it was
// given) keep: a waiter's channel or list entry, or a context.AfterFunc, left behind by
// each call costs far more than that.
const (
	Registrations   = 2000
	RetainedPerCall = 16
)

// A RegCase is one case of the registrations rule on a Queue of type Q.
type RegCase[Q any] struct {
	Name string
	// New makes the Queue (called as the learner's code named by the rule's newName).
	New func() Q
	// Prefill runs on the new Queue before the calls, outside the learner's-code guard.
	Prefill func(q Q)
	// Run makes call i with ctx, the long-lived ctx, and returns what it got and what it
	// wants.
	Run func(q Q, ctx context.Context, i int) (got, want string)
}

// RunRegistrations makes thousands of calls on one Queue per case, in a bubble. Neither
// the Queue nor the long-lived ctx may grow with the number of calls, and no goroutine of
// the learner's may be left while the ctx lives.
func RunRegistrations[Q any](t *testing.T, pkg string, w *harness.Watchdog, newName string, cases []RegCase[Q]) {
	t.Helper()
	for _, c := range cases {
		w.Notef("registrations: %d %s", Registrations, c.Name)
		var msg, left string
		var base, after uint64
		stuck := harness.Bubble(t, pkg, func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var q Q
			if m := harness.Call(pkg, newName, func() { q = c.New() }); m != "" {
				msg = m
				return
			}
			if c.Prefill != nil {
				c.Prefill(q)
			}
			mine := len(harness.Of(pkg, harness.Goroutines()))
			base = Heap()
			for i := range Registrations {
				var got, want string
				if m := harness.Call(pkg, "a call", func() { got, want = c.Run(q, ctx, i) }); m != "" {
					msg = m
					return
				}
				if got != want {
					msg = fmt.Sprintf("wrong result: returned %s, want %s (%s)", got, want, c.Name)
					return
				}
				if i%256 == 0 {
					w.Progress()
				}
			}
			time.Sleep(time.Millisecond) // the releasing goroutines return
			after = Heap()
			if gs := harness.Of(pkg, harness.Goroutines()); len(gs) > mine {
				left = fmt.Sprintf("%d goroutines, among them:\n%s", len(gs)-mine, harness.Describe(pkg, gs[:min(len(gs), 5)]))
			}
			runtime.KeepAlive(q)
			runtime.KeepAlive(ctx)
		})
		switch {
		case msg != "":
			t.Fatal(msg)
		case left != "":
			t.Fatalf("goroutine leak: after %d %s, with the ctx still alive, %s", Registrations, c.Name, left)
		case stuck != nil && stuck.Leak:
			t.Fatalf("goroutine leak: after %d %s, goroutines of yours were left blocked\n%s", Registrations, c.Name, stuck.Goroutines)
		case stuck != nil:
			t.Fatalf("deadlock: during %d %s, every goroutine was blocked\n%s", Registrations, c.Name, stuck.Goroutines)
		}
		if after > base && after-base > Registrations*RetainedPerCall {
			t.Fatalf("registration leak: after %d %s, the Queue and its ctx hold %d more bytes (%d per call); a call that returns must remove whatever it registered (a waiter's channel or list entry, a context.AfterFunc: call its stop function)",
				Registrations, c.Name, after-base, (after-base)/Registrations)
		}
	}
}

// Heap returns the bytes of live heap objects, after a full collection.
func Heap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
