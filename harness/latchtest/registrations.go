package latchtest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// Registrations is how many Waits the registrations rule makes on one Latch, and
// RetainedPerWait the bytes per Wait it lets a Latch (and the contexts it was given)
// keep: a channel, a list entry or a context.AfterFunc left behind by each Wait costs
// far more than that.
const (
	Registrations   = 10000
	RetainedPerWait = 16
)

// registrations makes thousands of Waits on one Latch, in a bubble: first Waits that end
// by their ctx while the count stays 1, then Waits released by CountDown that all use one
// long-lived ctx. Neither the Latch nor that ctx may grow with the number of Waits.
func registrations(t *testing.T, pkg string, w *harness.Watchdog, newLatch func(int) Latch) {
	t.Helper()
	cases := []struct {
		name string
		run  func(l Latch, ctx context.Context, i int) (error, string)
		n    int
	}{
		{"Waits that ended by their ctx, on a Latch whose count stayed 1", func(l Latch, _ context.Context, i int) (error, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			return l.Wait(ctx), errDeadline
		}, 1},
		{"Waits released by CountDown, each with the same long-lived ctx", func(l Latch, ctx context.Context, _ int) (error, string) {
			l.TrySetCount(1)
			go func() {
				time.Sleep(time.Nanosecond) // after Wait has blocked
				l.CountDown()
			}()
			return l.Wait(ctx), errNil
		}, 0},
	}
	for _, c := range cases {
		w.Notef("registrations: %d %s", Registrations, c.name)
		var l Latch
		var msg string
		var base, after uint64
		stuck := harness.Bubble(t, pkg, func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if m := harness.Call(pkg, fmt.Sprintf("New(%d)", c.n), func() { l = newLatch(c.n) }); m != "" {
				msg = m
				return
			}
			base = heap()
			for i := range Registrations {
				var err error
				var want string
				if m := harness.Call(pkg, "Wait", func() { err, want = c.run(l, ctx, i) }); m != "" {
					msg = m
					return
				}
				if got := errText(err); got != want {
					msg = fmt.Sprintf("Wait returned %s, want %s (%s)", got, want, c.name)
					return
				}
				if i%256 == 0 {
					w.Progress()
				}
			}
			after = heap()
			runtime.KeepAlive(l)
			runtime.KeepAlive(ctx)
		})
		switch {
		case msg != "":
			t.Fatal(msg)
		case stuck != nil && stuck.Leak:
			t.Fatalf("goroutine leak: after %d %s, goroutines of yours were left blocked\n%s", Registrations, c.name, stuck.Goroutines)
		case stuck != nil:
			t.Fatalf("deadlock: during %d %s, every goroutine was blocked\n%s", Registrations, c.name, stuck.Goroutines)
		}
		if after > base && after-base > Registrations*RetainedPerWait {
			t.Fatalf("registration leak: after %d %s, the Latch and its ctx hold %d more bytes (%d per Wait); a Wait that returns must remove whatever it registered (a waiter's channel or list entry, a context.AfterFunc: call its stop function)",
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
