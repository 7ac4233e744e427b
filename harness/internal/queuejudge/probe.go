package queuejudge

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// Happened says what released a probed call: its ctx, or the call other.
func Happened(byCtx bool, other string) string {
	if byCtx {
		return "its ctx was canceled"
	}
	return other + " was called"
}

// LeftBehind lists the goroutines of package pkg that were not there before, once they
// have had a second to finish (a goroutine started by context.AfterFunc may still be on
// its way out).
func LeftBehind(pkg string, before map[string]bool) string {
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

// A Probe is one case of the waiting rule: a call that must block on a Queue, and what
// releases it.
type Probe struct {
	Method   string // the blocking call in messages: "Put(2)", "Take"
	CallName string // the blocking call for a panic verdict: "Put"
	Other    string // the call that releases it: "Take"
	State    string // the Queue's state: "a full Queue (capacity 1, holding 1)"
	ByCtx    bool   // released by canceling its ctx instead of by Other
	Awaited  string // what the call waits for, in the wait report: "room"

	New     func() string                                // makes the Queue in State; a verdict or ""
	Call    func(ctx context.Context) (v int, err error) // the blocking call
	Release func()                                       // Other
	// Released checks what Other returned, and returns "" or what was wrong; may be nil.
	Released func() string
	Got      func(v int, err error) string // renders what the blocking call returned
	Want     string
}

// RunProbe checks, in real time, that p's call blocks until released: a blocked
// goroutine uses no CPU, is not found in time.Sleep, returns what it must once released,
// and once it has returned no goroutine of the learner's is left (checked while the ctx
// is still alive).
func RunProbe(t *testing.T, pkg string, w *harness.Watchdog, window time.Duration, p Probe) {
	t.Helper()
	what := p.Other
	if p.ByCtx {
		what = "its ctx"
	}
	w.Notef("%s on %s blocks until %s (real time)", p.Method, p.State, what)
	before := map[string]bool{}
	for _, g := range harness.Of(pkg, harness.Goroutines()) {
		before[g.ID] = true
	}
	if msg := p.New(); msg != "" {
		t.Fatal(msg)
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
		r.msg = harness.Call(pkg, p.CallName, func() { r.v, r.err = p.Call(ctx) })
		done <- r
	}()
	rep := harness.ObserveWait(pkg, window)
	w.Progress()
	select {
	case r := <-done:
		cancel()
		if r.msg == "" {
			r.msg = fmt.Sprintf("%s on %s returned %s while its ctx was not done; it must wait", p.Method, p.State, ErrText(r.err))
		}
		t.Fatal(r.msg)
	default:
	}
	if p.ByCtx {
		cancel()
	} else if msg := harness.Call(pkg, p.Other, p.Release); msg != "" {
		cancel()
		t.Fatal(msg)
	}
	if !p.ByCtx && p.Released != nil {
		if msg := p.Released(); msg != "" {
			cancel()
			t.Fatal(msg)
		}
	}
	var r result
	select {
	case r = <-done:
	case <-time.After(harness.Deadline):
		cancel()
		t.Fatalf("deadlock: %s on %s never returned after %s (waited %v)", p.Method, p.State, Happened(p.ByCtx, p.Other), harness.Deadline)
	}
	if r.msg != "" {
		cancel()
		t.Fatal(r.msg)
	}
	if got := p.Got(r.v, r.err); got != p.Want {
		cancel()
		t.Fatalf("wrong result: %s on %s returned %s after %s, want %s", p.Method, p.State, got, Happened(p.ByCtx, p.Other), p.Want)
	}
	if msg := rep.Verdict(p.Method, p.Awaited); msg != "" {
		cancel()
		t.Fatal(msg)
	}
	left := LeftBehind(pkg, before)
	cancel()
	if left != "" {
		t.Fatalf("goroutine leak: %s returned after %s, but left goroutines of yours behind (its ctx was still alive); a call must leave nothing behind when it returns\n%s", p.Method, Happened(p.ByCtx, p.Other), left)
	}
}
