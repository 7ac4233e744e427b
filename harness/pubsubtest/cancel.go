package pubsubtest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// cancel checks, in a bubble, what ctx does to Next and Publish: a Next whose ctx is
// already done while a message is buffered may take it or return ctx.Err(), but then it
// must take nothing; a Next whose ctx ends while it waits returns ctx.Err() at that
// instant and takes nothing; a Publish whose ctx is already done may deliver or return
// ctx.Err(), but then it delivers nothing.
func cancel(t *testing.T, pkg string, w *harness.Watchdog, newBroker newBrokerFunc) {
	t.Helper()
	const what = "Subscribe(t, 2); Publish m1, m2; Next with a canceled ctx; Next; Next with a 1s timeout on an empty buffer; Publish m3 with a canceled ctx; Publish m4; Next; Close"
	w.Notef("cancel: %s", what)
	var fault string
	var tl *timeline.Timeline
	failf := func(format string, args ...any) {
		if fault == "" {
			fault = fmt.Sprintf(format, args...)
			tl.Broke(caller, "rule broken")
		}
	}
	stuck := harness.Bubble(t, pkg, func() {
		start := time.Now()
		tl = timeline.New()
		w.Record(tl)
		tl.Lanes(caller, judged)
		var b broker
		var s subscription
		call := func(name string, fn func()) bool {
			sp := tl.Begin(caller, timeline.Call, name)
			if msg := harness.Call(pkg, name, fn); msg != "" {
				sp.End("panicked")
				failf("%s", msg)
				return false
			}
			sp.End("returned")
			return true
		}
		if !call("New", func() { b = newBroker() }) || !call("Subscribe(t, 2)", func() { s, _ = b.Subscribe("t", 2) }) || s == nil {
			failf("Subscribe(t, 2) on a new Broker returned an error")
			return
		}
		defer call("Close", b.Close)
		bg := context.Background()
		canceled, stop := context.WithCancel(bg)
		stop()
		for _, m := range []string{"m1", "m2"} {
			var err error
			if !call("Publish(t, "+m+")", func() { err = b.Publish(bg, "t", m) }) {
				return
			}
			if err != nil {
				failf("Publish(t, %s) returned %v with room in the only subscription; want nil", m, err)
				return
			}
		}
		var m string
		var err error
		if !call("Next", func() { m, err = s.Next(canceled) }) {
			return
		}
		want := "m1"
		switch {
		case err == nil && m == "m1":
			want = "m2"
		case errors.Is(err, context.Canceled):
		default:
			failf("Next with a canceled ctx, with m1 and m2 buffered, returned (%q, %v); want (m1, nil) or (\"\", context.Canceled)", m, err)
			return
		}
		if !call("Next", func() { m, err = s.Next(bg) }) {
			return
		}
		if err != nil || m != want {
			if want == "m1" {
				failf("lost: Next with a canceled ctx returned context.Canceled with m1 and m2 buffered, and the next Next returned (%q, %v), want (m1, nil): a Next that returns ctx.Err() must take nothing", m, err)
			} else {
				failf("Next returned (%q, %v) after m1 was taken; want (m2, nil)", m, err)
			}
			return
		}
		if want == "m1" { // m2 is still buffered
			if !call("Next", func() { m, err = s.Next(bg) }) {
				return
			}
		}
		timeout, stop2 := context.WithTimeout(bg, time.Second)
		defer stop2()
		called := time.Since(start)
		if !call("Next", func() { m, err = s.Next(timeout) }) {
			return
		}
		if back := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || back != called+time.Second {
			failf("Next with a 1s timeout on an empty subscription, called at %v, returned (%q, %v) at %v; want (\"\", context.DeadlineExceeded) at %v", called, m, err, back, called+time.Second)
			return
		}
		var perr error
		if !call("Publish(t, m3)", func() { perr = b.Publish(canceled, "t", "m3") }) {
			return
		}
		if perr != nil && !errors.Is(perr, context.Canceled) {
			failf("Publish(t, m3) with a canceled ctx returned %v; want nil or context.Canceled", perr)
			return
		}
		if !call("Publish(t, m4)", func() { err = b.Publish(bg, "t", "m4") }) {
			return
		}
		first := "m4"
		if perr == nil {
			first = "m3"
		}
		if !call("Next", func() { m, err = s.Next(bg) }) {
			return
		}
		if err != nil || m != first {
			if perr != nil {
				failf("Publish(t, m3) with a canceled ctx returned context.Canceled, but Next then returned (%q, %v), want (m4, nil): a Publish that returns ctx.Err() delivers nothing (all or nothing)", m, err)
			} else {
				failf("Publish(t, m3) with a canceled ctx returned nil, but Next then returned (%q, %v), want (m3, nil)", m, err)
			}
		}
	})
	switch {
	case fault != "":
		t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("%s\n  schedule: %s", fault, what))))
	case stuck != nil && stuck.Leak:
		tl.Broke(judged, "goroutine leak")
		t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("goroutine leak: goroutines of yours were left after Close returned; once Close has returned, no goroutine of the Broker may be left\n  your goroutines:\n%s\n  schedule: %s", stuck.Goroutines, what))))
	case stuck != nil:
		tl.Broke(judged, "deadlock")
		t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("deadlock: %s\n  schedule: %s", stuck.Goroutines, what))))
	}
}
