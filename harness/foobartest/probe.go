package foobartest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a side wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Bar waits for the first foo and how Foo waits for the
// first bar: a blocked goroutine uses no CPU and is not found in time.Sleep. It judges
// only the waiting: a side that does not wait at all, or never returns, is left to the
// schedules, which say exactly what went wrong.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newFooBar func(int) FooBar) {
	t.Helper()
	for _, c := range []struct {
		first, second, waiter, what string
	}{
		{"bar", "foo", "Bar", "the first printFoo"},
		{"foo", "bar", "Foo", "the first printBar"},
	} {
		w.Notef("%s waits for %s (real time)", c.waiter, c.what)
		fb := newFooBar(2)
		rec := &record{}
		done := make(chan string, 2)
		start := func(side string) {
			m, name := fb.Foo, "Foo"
			if side == "bar" {
				m, name = fb.Bar, "Bar"
			}
			go func() { done <- harness.Call(pkg, name, func() { m(func() { rec.print(side, "") }) }) }()
		}
		start(c.first)
		rep := harness.ObserveWait(pkg, ProbeWindow)
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
			return // it did not wait: the schedules say how that goes wrong
		default:
		}
		start(c.second)
		for range 2 {
			select {
			case msg := <-done:
				if msg != "" {
					t.Fatal(msg)
				}
			case <-time.After(time.Second):
				return // stuck: the schedules find out where
			}
		}
		if msg := rep.Verdict(c.waiter, c.what); msg != "" {
			t.Fatal(msg)
		}
	}
}
