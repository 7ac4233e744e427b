package barriertest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// Registrations is how many rounds the registrations rule plays on one Barrier, and
// RetainedPerRound the bytes per round it lets a Barrier (and the contexts it was given)
// keep: a channel, a list entry or a context.AfterFunc left behind by each Await costs
// far more than that.
const (
	Registrations    = 5000
	RetainedPerRound = 16
)

// registrations plays thousands of rounds on one Barrier of 2, in a bubble: first Awaits
// that end by their ctx, each followed by Reset; then generations completed by two
// Awaits that both use one long-lived ctx. Neither the Barrier nor that ctx may grow with
// the number of rounds.
func registrations(t *testing.T, sub subject) {
	t.Helper()
	cases := []struct {
		name string
		run  func(b Barrier, ctx context.Context, i int) string
	}{
		{"Awaits that ended by their ctx, each followed by Reset", func(b Barrier, _ context.Context, i int) string {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			_, err := b.Await(ctx)
			if got := errText(err, sub.errBroken); got != errDeadline {
				return fmt.Sprintf("wrong result: an Await alone at a Barrier of 2 whose ctx timed out returned %s, want %s", got, errDeadline)
			}
			b.Reset()
			return ""
		}},
		{"generations of two Awaits, all with the same long-lived ctx", func(b Barrier, ctx context.Context, _ int) string {
			other := make(chan error, 1)
			go func() {
				_, err := b.Await(ctx)
				other <- err
			}()
			time.Sleep(time.Nanosecond) // after the other Await has blocked
			_, err := b.Await(ctx)
			if err2 := <-other; err == nil {
				err = err2
			}
			if err != nil {
				return fmt.Sprintf("wrong result: an Await of a generation of two returned %s, want nil", errText(err, sub.errBroken))
			}
			return ""
		}},
	}
	for _, c := range cases {
		sub.w.Notef("registrations: %d rounds of %s", Registrations, c.name)
		var b Barrier
		var msg string
		var base, after uint64
		stuck := harness.Bubble(t, sub.pkg, func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if m := harness.Call(sub.pkg, "New(2)", func() { b = sub.newBarrier(2) }); m != "" {
				msg = m
				return
			}
			base = heap()
			for i := range Registrations {
				if m := harness.Call(sub.pkg, "Await", func() { msg = c.run(b, ctx, i) }); m != "" {
					msg = m
				}
				if msg != "" {
					return
				}
				if i%256 == 0 {
					sub.w.Progress()
				}
			}
			after = heap()
			runtime.KeepAlive(b)
			runtime.KeepAlive(ctx)
		})
		switch {
		case msg != "":
			t.Fatal(msg)
		case stuck != nil && stuck.Leak:
			t.Fatalf("goroutine leak: after %d rounds of %s, goroutines of yours were left blocked\n%s", Registrations, c.name, stuck.Goroutines)
		case stuck != nil:
			t.Fatalf("deadlock: during %d rounds of %s, every goroutine was blocked\n%s", Registrations, c.name, stuck.Goroutines)
		}
		if after > base && after-base > Registrations*RetainedPerRound {
			t.Fatalf("registration leak: after %d rounds of %s, the Barrier and its ctx hold %d more bytes (%d per round); an Await that returns must remove whatever it registered (a waiter's channel or list entry, a context.AfterFunc: call its stop function)",
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
