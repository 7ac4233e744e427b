package barriertest

import (
	"context"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches a blocked Await before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Await blocks: released by the last arrival, then ended
// by its ctx (then the barrier is Reset). A blocked goroutine uses no CPU, is not found in time.Sleep, and once Await
// has returned no goroutine of the learner's is left.
func probe(t *testing.T, sub subject) {
	t.Helper()
	for _, byCtx := range []bool{false, true} {
		what := "the second arrival"
		if byCtx {
			what = "its ctx"
		}
		sub.w.Notef("Await blocks until %s (real time)", what)
		before := map[string]bool{}
		for _, g := range harness.Of(sub.pkg, harness.Goroutines()) {
			before[g.ID] = true
		}
		var b Barrier
		if msg := harness.Call(sub.pkg, "New(2)", func() { b = sub.newBarrier(2) }); msg != "" {
			t.Fatal(msg)
		}
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			msg     string
			arrival int
			err     error
		}
		done := make(chan result, 1)
		go func() {
			var r result
			r.msg = harness.Call(sub.pkg, "Await", func() { r.arrival, r.err = b.Await(ctx) })
			done <- r
		}()
		rep := harness.ObserveWait(sub.pkg, ProbeWindow)
		sub.w.Progress()
		select {
		case r := <-done:
			cancel()
			if r.msg == "" {
				r.msg = "early: the first Await of New(2) returned " + errText(r.err, sub.errBroken) + " while it was alone and its ctx was not done; it must wait for the second arrival"
			}
			t.Fatal(r.msg)
		default:
		}
		var want string
		if byCtx {
			cancel()
			want = errCanceled
		} else {
			want = errNil
			var arrival int
			var err error
			if msg := harness.Call(sub.pkg, "Await", func() { arrival, err = b.Await(context.Background()) }); msg != "" {
				cancel()
				t.Fatal(msg)
			}
			switch {
			case err != nil:
				cancel()
				t.Fatalf("wrong result: the second Await of New(2) returned %s, want (0, nil): it is the last to arrive", errText(err, sub.errBroken))
			case arrival != 0:
				cancel()
				t.Fatalf("wrong arrival: the second Await of New(2) returned (%d, nil), want (0, nil): arrival is parties-1 for the first to arrive and 0 for the last", arrival)
			}
		}
		select {
		case r := <-done:
			cancel()
			if r.msg != "" {
				t.Fatal(r.msg)
			}
			switch got := errText(r.err, sub.errBroken); {
			case got != want && want == errNil:
				t.Fatalf("wrong result: the first Await of New(2) returned %s after %s, want (1, nil)", got, whatHappened(byCtx))
			case got != want:
				t.Fatalf("ctx ignored: the first Await of New(2) returned %s after %s, want %s", got, whatHappened(byCtx), want)
			case want == errNil && r.arrival != 1:
				t.Fatalf("wrong arrival: the first Await of New(2) returned (%d, nil), want (1, nil): arrival is parties-1 for the first to arrive and 0 for the last", r.arrival)
			}
		case <-time.After(harness.Deadline):
			cancel()
			if byCtx {
				t.Fatalf("ctx ignored: Await never returned after its ctx was canceled (waited %v); when its ctx ends, Await returns ctx.Err() at once", harness.Deadline)
			}
			t.Fatalf("deadlock: Await never returned after %s (waited %v)", whatHappened(byCtx), harness.Deadline)
		}
		// The canceled ctx broke the barrier: Reset it, so that a Barrier that wrongly
		// shares state with others breaks no later check (the schedules find that out).
		if msg := harness.Call(sub.pkg, "Reset", b.Reset); msg != "" {
			t.Fatal(msg)
		}
		if msg := rep.Verdict("Await", what); msg != "" {
			t.Fatal(msg)
		}
		if left := leftBehind(sub.pkg, before); left != "" {
			t.Fatalf("goroutine leak: Await returned after %s, but left goroutines of yours behind; Await must leave nothing behind\n%s", whatHappened(byCtx), left)
		}
	}
}

// independent checks, in real time, that an Await on one Barrier neither completes nor
// joins a generation of another: each of two Barriers of 2 gets one Await, which must
// time out. (State shared between Barriers would also be made outside the schedules'
// bubbles, where a waiter on it stops fake time, so it is checked here first.)
func independent(t *testing.T, sub subject) {
	t.Helper()
	sub.w.Notef("two Barriers of 2 get one Await each (real time)")
	var a, b Barrier
	if msg := harness.Call(sub.pkg, "New(2)", func() { a, b = sub.newBarrier(2), sub.newBarrier(2) }); msg != "" {
		t.Fatal(msg)
	}
	type result struct {
		msg     string
		arrival int
		err     error
	}
	results := make(chan result, 2)
	for _, x := range []Barrier{a, b} {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			var r result
			r.msg = harness.Call(sub.pkg, "Await", func() { r.arrival, r.err = x.Await(ctx) })
			results <- r
		}()
	}
	for range 2 {
		select {
		case r := <-results:
			if r.msg != "" {
				t.Fatal(r.msg)
			}
			if r.err == nil {
				t.Fatalf("separate Barriers must not share state: two Barriers of 2 got one Await each, and one returned (%d, nil): it was counted with the other Barrier's Await", r.arrival)
			}
		case <-time.After(harness.Deadline):
			t.Fatalf("ctx ignored: Await never returned after its ctx ended (waited %v); when its ctx ends, Await returns ctx.Err() at once", harness.Deadline)
		}
	}
	for _, x := range []Barrier{a, b} {
		if msg := harness.Call(sub.pkg, "Reset", x.Reset); msg != "" {
			t.Fatal(msg)
		}
	}
}

func whatHappened(byCtx bool) string {
	if byCtx {
		return "its ctx was canceled"
	}
	return "the second party arrived"
}

// leftBehind lists the goroutines of package pkg that were not there before, once they
// have had a second to finish (a goroutine started by context.AfterFunc may still be on
// its way out).
func leftBehind(pkg string, before map[string]bool) string {
	var left []harness.Goroutine
	for end := time.Now().Add(time.Second); ; time.Sleep(10 * time.Millisecond) {
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
