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
// by its ctx. A blocked goroutine uses no CPU, is not found in time.Sleep, and once Await
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
			if err != nil || arrival != 0 {
				cancel()
				t.Fatalf("wrong result: the second Await of New(2) returned (%d, %s), want (0, nil)", arrival, errText(err, sub.errBroken))
			}
		}
		select {
		case r := <-done:
			cancel()
			if r.msg != "" {
				t.Fatal(r.msg)
			}
			if got := errText(r.err, sub.errBroken); got != want || (want == errNil && r.arrival != 1) {
				t.Fatalf("wrong result: the first Await of New(2) returned (%d, %s) after %s, want (1, nil) or context.Canceled", r.arrival, got, whatHappened(byCtx))
			}
		case <-time.After(harness.Deadline):
			cancel()
			t.Fatalf("deadlock: Await never returned after %s (waited %v)", whatHappened(byCtx), harness.Deadline)
		}
		if msg := rep.Verdict("Await", what); msg != "" {
			t.Fatal(msg)
		}
		if left := leftBehind(sub.pkg, before); left != "" {
			t.Fatalf("goroutine leak: Await returned after %s, but left goroutines of yours behind; Await must leave nothing behind\n%s", whatHappened(byCtx), left)
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
