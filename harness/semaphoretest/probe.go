package semaphoretest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches a blocked Acquire before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Acquire blocks: released by Release (with a ctx that
// never ends), then ended by its ctx. A blocked goroutine uses no CPU, is not found in
// time.Sleep, and once Acquire has returned no goroutine of the learner's is left (a
// goroutine that watches a ctx that never ends is a leak).
func probe(t *testing.T, pkg string, w *harness.Watchdog, newWeighted func(int64) Weighted) {
	t.Helper()
	for _, byCtx := range []bool{false, true} {
		what, want := "Release(1)", errNil
		if byCtx {
			what, want = "its ctx", errCanceled
		}
		w.Notef("Acquire blocks until %s (real time)", what)
		before := map[string]bool{}
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			before[g.ID] = true
		}
		var s Weighted
		if msg := harness.Call(pkg, "New(1)", func() { s = newWeighted(1) }); msg != "" {
			t.Fatal(msg)
		}
		var ok bool
		if msg := harness.Call(pkg, "TryAcquire(1)", func() { ok = s.TryAcquire(1) }); msg != "" {
			t.Fatal(msg)
		}
		if !ok {
			t.Fatal("TryAcquire(1) on New(1) returned false, want true: the token is free and nobody waits")
		}
		ctx, cancel := context.WithCancel(context.Background())
		if !byCtx {
			ctx = context.Background() // never ends: nothing may be left watching it
		}
		type result struct {
			msg string
			err error
		}
		done := make(chan result, 1)
		go func() {
			var r result
			r.msg = harness.Call(pkg, "Acquire", func() { r.err = s.Acquire(ctx, 1) })
			done <- r
		}()
		rep := harness.ObserveWait(pkg, ProbeWindow)
		w.Progress()
		select {
		case r := <-done:
			cancel()
			if r.msg == "" {
				r.msg = fmt.Sprintf("Acquire(ctx, 1) on New(1) returned %s while the token was held and its ctx was not done; it must wait", errText(r.err))
			}
			t.Fatal(r.msg)
		default:
		}
		if byCtx {
			cancel()
		} else if msg := harness.Call(pkg, "Release(1)", func() { s.Release(1) }); msg != "" {
			cancel()
			t.Fatal(msg)
		}
		select {
		case r := <-done:
			cancel()
			if r.msg != "" {
				t.Fatal(r.msg)
			}
			if got := errText(r.err); got != want {
				t.Fatalf("Acquire returned %s after %s, want %s", got, happened(byCtx), want)
			}
		case <-time.After(harness.Deadline):
			cancel()
			t.Fatalf("deadlock: Acquire never returned after %s (waited %v)", happened(byCtx), harness.Deadline)
		}
		if msg := rep.Verdict("Acquire", what); msg != "" {
			t.Fatal(msg)
		}
		if msg := harness.Call(pkg, "Release(1)", func() { s.Release(1) }); msg != "" {
			t.Fatal(msg)
		}
		if left := leftBehind(pkg, before); left != "" {
			t.Fatalf("goroutine leak: Acquire returned after %s, but left goroutines of yours behind; Acquire must leave nothing behind (not even one waiting for a ctx that never ends)\n%s", happened(byCtx), left)
		}
	}
}

func happened(byCtx bool) string {
	if byCtx {
		return "its ctx was canceled"
	}
	return "Release(1) freed the token"
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
