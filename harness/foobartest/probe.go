package foobartest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets a side wait before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Bar waits for the first foo and how Foo waits for the
// first bar: a blocked goroutine uses no CPU and is not found in time.Sleep.
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
			go func() { done <- harness.Call(pkg, name, func() { m(func() { rec.print(side) }) }) }()
		}
		start(c.first)
		rep := harness.ObserveWait(pkg, ProbeWindow)
		select {
		case msg := <-done:
			if msg == "" {
				msg = fmt.Sprintf("%s returned before the other side was called; it must wait for its turn", c.waiter)
			}
			t.Fatal(msg)
		default:
		}
		start(c.second)
		for range 2 {
			select {
			case msg := <-done:
				if msg != "" {
					t.Fatal(msg)
				}
			case <-time.After(harness.Deadline):
				t.Fatalf("deadlock: Foo and Bar of New(2) did not both return within %v", harness.Deadline)
			}
		}
		if msg := rep.Verdict(c.waiter, c.what); msg != "" {
			t.Fatal(msg)
		}
		rec.mu.Lock()
		msg := alternation(rec.printed, 2)
		rec.mu.Unlock()
		if msg != "" {
			t.Fatal(msg)
		}
	}
}
