package workqueuetest

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

// probe checks, in real time, how Get and Join block: a Get on an empty Queue released by
// a Put and by its ctx, a Join with one unfinished task released by TaskDone and by its
// ctx. A blocked goroutine uses no CPU, is not found in time.Sleep, and once the call has
// returned no goroutine of the learner's is left (checked while the ctx is still alive).
func probe(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) {
	t.Helper()
	for _, pr := range []struct {
		join, byCtx bool
	}{{false, false}, {true, false}, {false, true}, {true, true}} {
		method, other, state := "Get", "Put(7)", "an empty Queue"
		if pr.join {
			method, other, state = "Join", "TaskDone", "a Queue with one unfinished task"
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
		if msg := harness.Call(pkg, "New()", func() { q = newQueue() }); msg != "" {
			t.Fatal(msg)
		}
		if pr.join {
			if msg := harness.Call(pkg, "Put, Get", func() {
				q.Put(1)
				q.Get(context.Background())
			}); msg != "" {
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
			if pr.join {
				r.msg = harness.Call(pkg, "Join", func() { r.err = q.Join(ctx) })
			} else {
				r.msg = harness.Call(pkg, "Get", func() { r.v, r.err = q.Get(ctx) })
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
		if pr.byCtx {
			cancel()
		} else if msg := harness.Call(pkg, other, func() {
			if pr.join {
				q.TaskDone()
			} else {
				q.Put(7)
			}
		}); msg != "" {
			cancel()
			t.Fatal(msg)
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
		want := errNil
		switch {
		case pr.byCtx && !pr.join:
			want = "0, " + errCanceled
		case pr.byCtx:
			want = errCanceled
		case !pr.join:
			want = "7, nil"
		}
		got := errText(r.err)
		if !pr.join {
			got = fmt.Sprintf("%d, %s", r.v, errText(r.err))
		}
		if got != want {
			cancel()
			t.Fatalf("wrong result: %s on %s returned %s after %s, want %s", method, state, got, queuejudge.Happened(pr.byCtx, other), want)
		}
		if msg := rep.Verdict(method, map[bool]string{true: "TaskDone", false: "an item"}[pr.join]); msg != "" {
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
