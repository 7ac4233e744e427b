package boundedqueuetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// ProbeWindow is how long a probe watches a blocked call before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Put and Take block: a Put on a full Queue released by a
// Take and by its ctx, a Take on an empty Queue released by a Put and by its ctx. A
// blocked goroutine uses no CPU, is not found in time.Sleep, and once the call has
// returned no goroutine of the learner's is left (checked while the ctx is still alive).
func probe(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	for _, pr := range []struct {
		waiter, byCtx bool // waiter: Put (true) or Take; byCtx: released by its ctx
	}{{true, false}, {false, false}, {true, true}, {false, true}} {
		method, other, state := "Take", "Put(7)", "an empty Queue"
		if pr.waiter {
			method, other, state = "Put(2)", "Take", "a full Queue (capacity 1, holding 1)"
		}
		what := other
		if pr.byCtx {
			what = "its ctx"
		}
		w.Notef("%s on %s blocks until %s (real time)", method, state, what)
		before := map[string]bool{}
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			before[g.ID] = true
		}
		var q Queue
		if msg := harness.Call(pkg, "New(1)", func() { q = newQueue(1) }); msg != "" {
			t.Fatal(msg)
		}
		if pr.waiter {
			if msg := harness.Call(pkg, "Put(1)", func() { q.Put(context.Background(), 1) }); msg != "" {
				t.Fatal(msg)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			msg string
			v   int
			err error
		}
		done := make(chan result, 1)
		go func() {
			var r result
			if pr.waiter {
				r.msg = harness.Call(pkg, "Put", func() { r.err = q.Put(ctx, 2) })
			} else {
				r.msg = harness.Call(pkg, "Take", func() { r.v, r.err = q.Take(ctx) })
			}
			done <- r
		}()
		rep := harness.ObserveWait(pkg, ProbeWindow)
		w.Progress()
		select {
		case r := <-done:
			cancel()
			if r.msg == "" {
				r.msg = fmt.Sprintf("%s on %s returned %s while its ctx was not done; it must wait", method, state, errText(r.err))
			}
			t.Fatal(r.msg)
		default:
		}
		var got int
		var gotErr error
		release := func() {
			if pr.waiter {
				got, gotErr = q.Take(context.Background())
			} else {
				gotErr = q.Put(context.Background(), 7)
			}
		}
		if pr.byCtx {
			cancel()
		} else if msg := harness.Call(pkg, other, release); msg != "" {
			cancel()
			t.Fatal(msg)
		}
		if !pr.byCtx && (gotErr != nil || (pr.waiter && got != 1)) {
			cancel()
			t.Fatalf("wrong result: %s on %s while %s waited returned %d, %s", other, state, method, got, errText(gotErr))
		}
		var r result
		select {
		case r = <-done:
		case <-time.After(harness.Deadline):
			cancel()
			t.Fatalf("deadlock: %s on %s never returned after %s (waited %v)", method, state, queuejudge.Happened(pr.byCtx, other), harness.Deadline)
		}
		if r.msg != "" {
			cancel()
			t.Fatal(r.msg)
		}
		want := "nil"
		switch {
		case pr.byCtx && pr.waiter:
			want = errCanceled
		case pr.byCtx:
			want = "0, " + errCanceled
		case !pr.waiter:
			want = "7, nil"
		}
		gotText := errText(r.err)
		if !pr.waiter {
			gotText = fmt.Sprintf("%d, %s", r.v, errText(r.err))
		}
		if gotText != want {
			cancel()
			t.Fatalf("wrong result: %s on %s returned %s after %s, want %s", method, state, gotText, queuejudge.Happened(pr.byCtx, other), want)
		}
		if msg := rep.Verdict(method, map[bool]string{true: "room", false: "an item"}[pr.waiter]); msg != "" {
			cancel()
			t.Fatal(msg)
		}
		left := queuejudge.LeftBehind(pkg, before)
		cancel()
		if left != "" {
			t.Fatalf("goroutine leak: %s returned after %s, but left goroutines of yours behind (its ctx was still alive); a call must leave nothing behind when it returns\n%s", method, queuejudge.Happened(pr.byCtx, other), left)
		}
	}
}
