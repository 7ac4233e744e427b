package latchtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches a blocked Wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Wait blocks: released by CountDown, then ended by its
// ctx. A blocked goroutine uses no CPU, is not found in time.Sleep, and once Wait has
// returned no goroutine of the learner's is left.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newLatch func(int) Latch) {
	t.Helper()
	for _, byCtx := range []bool{false, true} {
		what, want := "CountDown", errNil
		if byCtx {
			what, want = "its ctx", errCanceled
		}
		w.Notef("Wait blocks until %s (real time)", what)
		before := map[string]bool{}
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			before[g.ID] = true
		}
		var l Latch
		if msg := harness.Call(pkg, "New(2)", func() { l = newLatch(2) }); msg != "" {
			t.Fatal(msg)
		}
		if msg := harness.Call(pkg, "CountDown", l.CountDown); msg != "" {
			t.Fatal(msg)
		}
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			msg string
			err error
		}
		done := make(chan result, 1)
		go func() {
			var r result
			r.msg = harness.Call(pkg, "Wait", func() { r.err = l.Wait(ctx) })
			done <- r
		}()
		rep := harness.ObserveWait(pkg, ProbeWindow)
		w.Progress()
		select {
		case r := <-done:
			cancel()
			if r.msg == "" {
				r.msg = fmt.Sprintf("Wait returned %s while the count was 1 and its ctx was not done; it must wait", errText(r.err))
			}
			t.Fatal(r.msg)
		default:
		}
		if byCtx {
			cancel()
		} else if msg := harness.Call(pkg, "CountDown", l.CountDown); msg != "" {
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
				t.Fatalf("Wait returned %s after %s, want %s", got, whatHappened(byCtx), want)
			}
		case <-time.After(harness.Deadline):
			cancel()
			t.Fatalf("deadlock: Wait never returned after %s (waited %v)", whatHappened(byCtx), harness.Deadline)
		}
		if msg := rep.Verdict("Wait", what); msg != "" {
			t.Fatal(msg)
		}
		if left := leftBehind(pkg, before); left != "" {
			t.Fatalf("goroutine leak: Wait returned after %s, but left goroutines of yours behind; Wait must leave nothing behind\n%s", whatHappened(byCtx), left)
		}
	}
}

func whatHappened(byCtx bool) string {
	if byCtx {
		return "its ctx was canceled"
	}
	return "CountDown brought the count to zero"
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
