package boundedqueuetest

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

// registrations makes thousands of calls on one Queue, in a bubble: calls that end by
// their ctx, then calls released by the other side that all use one long-lived ctx.
// Neither the Queue nor that ctx may grow with the number of calls, and no goroutine of
// the learner's may be left while the ctx lives.
func registrations(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	cases := []struct {
		name    string
		prefill int
		run     func(q Queue, ctx context.Context, i int) (string, string)
	}{
		{"Puts on a full Queue that ended by their ctx", 1, func(q Queue, _ context.Context, i int) (string, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			return errText(q.Put(ctx, 2)), errDeadline
		}},
		{"Takes on an empty Queue that ended by their ctx", 0, func(q Queue, _ context.Context, i int) (string, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			v, err := q.Take(ctx)
			return fmt.Sprintf("%d, %s", v, errText(err)), "0, " + errDeadline
		}},
		{"Takes on an empty Queue released by a Put, each with the same long-lived ctx", 0, func(q Queue, ctx context.Context, i int) (string, string) {
			go func() {
				time.Sleep(time.Nanosecond) // after Take has blocked
				q.Put(context.Background(), i+1)
			}()
			v, err := q.Take(ctx)
			return fmt.Sprintf("%d, %s", v, errText(err)), fmt.Sprintf("%d, nil", i+1)
		}},
		{"Puts on a full Queue released by a Take, each with the same long-lived ctx", 1, func(q Queue, ctx context.Context, i int) (string, string) {
			go func() {
				time.Sleep(time.Nanosecond) // after Put has blocked
				q.Take(context.Background())
			}()
			return errText(q.Put(ctx, i+2)), errNil
		}},
	}
	for _, c := range cases {
		w.Notef("registrations: %d %s", Registrations, c.name)
		var msg, left string
		var base, after uint64
		stuck := harness.Bubble(t, pkg, func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var q Queue
			if m := harness.Call(pkg, "New(1)", func() { q = newQueue(1) }); m != "" {
				msg = m
				return
			}
			for i := range c.prefill {
				q.Put(context.Background(), i+1)
			}
			mine := len(harness.Of(pkg, harness.Goroutines()))
			base = heap()
			for i := range Registrations {
				var got, want string
				if m := harness.Call(pkg, "a call", func() { got, want = c.run(q, ctx, i) }); m != "" {
					msg = m
					return
				}
				if got != want {
					msg = fmt.Sprintf("wrong result: returned %s, want %s (%s)", got, want, c.name)
					return
				}
				if i%256 == 0 {
					w.Progress()
				}
			}
			time.Sleep(time.Millisecond) // the releasing goroutines return
			after = heap()
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
			t.Fatalf("goroutine leak: after %d %s, with the ctx still alive, %s", Registrations, c.name, left)
		case stuck != nil && stuck.Leak:
			t.Fatalf("goroutine leak: after %d %s, goroutines of yours were left blocked\n%s", Registrations, c.name, stuck.Goroutines)
		case stuck != nil:
			t.Fatalf("deadlock: during %d %s, every goroutine was blocked\n%s", Registrations, c.name, stuck.Goroutines)
		}
		if after > base && after-base > Registrations*RetainedPerCall {
			t.Fatalf("registration leak: after %d %s, the Queue and its ctx hold %d more bytes (%d per call); a call that returns must remove whatever it registered (a waiter's channel or list entry, a context.AfterFunc: call its stop function)",
				Registrations, c.name, after-base, (after-base)/Registrations)
		}
	}
}

// heap returns the bytes of live heap objects, after a full collection.
func heap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
