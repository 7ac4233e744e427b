package semaphoretest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// seqLane is the lane of the goroutine that makes the sequential rule's calls.
const seqLane = "caller"

// Messages of the panics the kata asks for.
const (
	negativePanic = "semaphore: negative size"
	releasePanic  = "semaphore: released more than held"
)

// sequential runs a fixed script of calls from one goroutine in a synctest bubble (so
// that a call that never returns is a deadlock and a goroutine left behind is a leak),
// and returns the first rule broken, or "", with the run's timeline attached.
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newWeighted func(int64) Weighted) string {
	w.Notef("one goroutine calls every method in turn")
	sc := &script{pkg: pkg, w: w, newWeighted: newWeighted}
	stuck := harness.Bubble(t, pkg, func() {
		sc.tl = timeline.New()
		w.Record(sc.tl)
		sc.tl.Lanes(seqLane)
		sc.run()
	})
	w.Record(nil)
	if stuck != nil && !sc.failed() {
		tlmark.Stuck(sc.tl, stuck)
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var msg string
	switch {
	case sc.msg != "":
		msg = sc.msg
	case stuck != nil && stuck.Leak:
		msg = fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; Acquire must leave nothing behind when it returns\n  calls: %s\n  your goroutines:\n%s", strings.Join(sc.calls, "; "), stuck.Goroutines)
	case stuck != nil:
		msg = fmt.Sprintf("deadlock: %s\n  calls: %s\n  your goroutines:\n%s", sc.current, strings.Join(sc.calls, "; "), stuck.Goroutines)
	default:
		return ""
	}
	return sc.tl.Attach(msg)
}

// A script is the sequential rule's run: its calls and the first failure.
type script struct {
	pkg         string
	w           *harness.Watchdog
	newWeighted func(int64) Weighted

	tl   *timeline.Timeline // in lane seqLane
	span *timeline.Span     // the call in progress or last made, until its result is known

	mu      sync.Mutex
	msg     string
	current string   // the call in progress and what it should do, for a deadlock
	calls   []string // every call so far, "a.TryAcquire(2) = true"
}

func (sc *script) failed() bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.msg != ""
}

func (sc *script) fail(format string, args ...any) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.msg == "" {
		sc.msg = fmt.Sprintf(format, args...)
		if len(sc.calls) > 0 {
			sc.msg += "\n  calls: " + strings.Join(sc.calls, "; ")
		}
		sc.span.End("")
		sc.tl.Broke(seqLane, timeline.Rule(sc.msg))
	}
}

// begin records the start of a call in the timeline; got ends it with what it returned.
func (sc *script) begin(what string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.span.End("")
	sc.span = sc.tl.Begin(seqLane, timeline.Call, seqLabel(what))
}

// ctxArg matches the ctx of a call of the script that gets one: "(ctx, 1) with ctx
// already canceled".
var ctxArg = regexp.MustCompile(`\((context\.Background\(\)|ctx), (\d+)\)( with ctx already canceled| with ctx past its deadline)?`)

// seqLabel shortens a call of the script for a timeline: "s.Acquire(canceled, 1)".
func seqLabel(what string) string {
	return ctxArg.ReplaceAllStringFunc(what, func(m string) string {
		g := ctxArg.FindStringSubmatch(m)
		ctx := map[string]string{"": "bg", " with ctx already canceled": "canceled", " with ctx past its deadline": "expired"}[g[3]]
		return "(" + ctx + ", " + g[2] + ")"
	})
}

func (sc *script) got(result string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.span.End(result)
}

// call makes one call into the learner's code, after noting what it should do in case it
// never returns.
func (sc *script) call(what, ifStuck string, fn func()) bool {
	if sc.failed() {
		return false
	}
	sc.mu.Lock()
	sc.calls = append(sc.calls, what)
	sc.current = ifStuck
	sc.mu.Unlock()
	sc.begin(what)
	sc.w.Progress()
	if msg := harness.Call(sc.pkg, what, fn); msg != "" {
		sc.got("panicked")
		sc.fail("%s", msg)
		return false
	}
	return true
}

type sem struct {
	name string
	s    Weighted
}

func (sc *script) sem(name string, size int64) *sem {
	x := &sem{name: name}
	sc.call(fmt.Sprintf("%s = New(%d)", name, size), "New never returned", func() { x.s = sc.newWeighted(size) })
	return x
}

func (sc *script) try(x *sem, n int64, want bool, why string) {
	var got bool
	what := fmt.Sprintf("%s.TryAcquire(%d)", x.name, n)
	if sc.call(what, what+" never returned; it never blocks", func() { got = x.s.TryAcquire(n) }) && sc.result(fmt.Sprint(got)) && got != want {
		sc.fail("%s returned %t, want %t: %s", what, got, want, why)
	}
}

func (sc *script) release(x *sem, n int64) {
	what := fmt.Sprintf("%s.Release(%d)", x.name, n)
	if sc.call(what, what+" never returned; it never blocks", func() { x.s.Release(n) }) {
		sc.got("")
	}
}

// result ends the span of the call just made with what it returned, and reports true.
func (sc *script) result(got string) bool {
	sc.got(got)
	return true
}

// acquire calls Acquire with a ctx of kind (ctxBackground, ctxCanceled or ctxExpired)
// and checks its result against want; either accepts nil or ctx.Err() (a done ctx when
// the tokens are free), and returns what it got.
func (sc *script) acquire(x *sem, kind ctxKind, n int64, want string, either bool, why string) string {
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	what := fmt.Sprintf("%s.Acquire(context.Background(), %d)", x.name, n)
	switch kind {
	case ctxCanceled:
		ctx, cancel = context.WithCancel(context.Background())
		cancel()
		what = fmt.Sprintf("%s.Acquire(ctx, %d) with ctx already canceled", x.name, n)
	case ctxExpired:
		ctx, cancel = context.WithDeadline(context.Background(), time.Now())
		what = fmt.Sprintf("%s.Acquire(ctx, %d) with ctx past its deadline", x.name, n)
	}
	defer cancel()
	var err error
	if !sc.call(what, fmt.Sprintf("%s never returned; want %s at once: %s", what, want, why), func() { err = x.s.Acquire(ctx, n) }) {
		return ""
	}
	got := errText(err)
	sc.got(shortErr(got))
	if got != want && !(either && got == errNil) {
		sc.fail("%s returned %s, want %s: %s", what, got, want, why)
	}
	return got
}

// ctxBackground is context.Background(), for the script's Acquires that get in.
const ctxBackground ctxKind = -1

// run is the script.
func (sc *script) run() {
	if msg := sc.mustPanic("New(-1)", negativePanic, func() { sc.newWeighted(-1) }); msg != "" {
		sc.fail("%s", msg)
		return
	}
	const (
		free    = "the tokens are free and nobody waits"
		taken   = "not enough tokens are free"
		done    = "its ctx is done and it cannot get in at once, so it returns ctx.Err() at once"
		tooBig  = "n > size can never be had: with its ctx done, it returns ctx.Err() at once"
		apart   = "separate semaphores are independent"
		doneNow = "its ctx is done but the tokens are free: either nil (taking them) or ctx.Err() (changing nothing) is right"
	)
	z := sc.sem("zero", 0)
	sc.try(z, 0, true, "n = 0 is free and nobody waits")
	sc.try(z, 1, false, taken)
	sc.acquire(z, ctxCanceled, 1, errCanceled, false, tooBig)

	s := sc.sem("s", 3)
	sc.try(s, 2, true, free)
	sc.try(s, 2, false, taken+": 2 of 3 are held")
	sc.try(s, 1, true, free)
	sc.try(s, 0, true, "n = 0 is free and nobody waits")
	sc.acquire(s, ctxCanceled, 1, errCanceled, false, done)
	sc.release(s, 3)
	sc.acquire(s, ctxBackground, 3, errNil, false, free)
	sc.acquire(s, ctxExpired, 4, errDeadline, false, tooBig)
	sc.release(s, 1)
	if sc.acquire(s, ctxCanceled, 1, errCanceled, true, doneNow) == errNil {
		sc.release(s, 1)
	}
	sc.release(s, 2)
	sc.try(s, 3, true, free+": Release gave back every token")
	sc.release(s, 3)

	a, b := sc.sem("a", 1), sc.sem("b", 1)
	sc.try(a, 1, true, free)
	sc.try(b, 1, true, apart)
	sc.release(a, 1)
	sc.try(b, 1, false, taken+": b's only token is held")
	sc.try(a, 1, true, apart)
	if sc.failed() {
		return
	}

	for _, c := range []struct {
		what string
		fn   func(Weighted)
	}{
		{"New(1).Release(1)", func(s Weighted) { s.Release(1) }},
		{"New(1): TryAcquire(1), Release(2)", func(s Weighted) { s.TryAcquire(1); s.Release(2) }},
	} {
		var s Weighted
		sc.begin("New(1)")
		if msg := harness.Call(sc.pkg, "New(1)", func() { s = sc.newWeighted(1) }); msg != "" {
			sc.got("panicked")
			sc.fail("%s", msg)
			return
		}
		sc.got("")
		if msg := sc.mustPanic(c.what, releasePanic, func() { c.fn(s) }); msg != "" {
			sc.fail("%s", msg)
			return
		}
	}
}

// mustPanic records and makes the call what, fn, which must panic with want.
func (sc *script) mustPanic(what, want string, fn func()) string {
	sc.begin(what)
	panicked := true
	msg := mustPanic(sc.pkg, what, want, func() {
		fn()
		panicked = false
	})
	if panicked {
		sc.got("panicked")
	} else {
		sc.got("returned")
	}
	return msg
}

// mustPanic calls fn, which must panic with want.
func mustPanic(pkg, what, want string, fn func()) (msg string) {
	defer func() {
		r := recover()
		switch {
		case r == nil:
			msg = fmt.Sprintf("%s returned, want a panic with %q", what, want)
		case fmt.Sprint(r) != want:
			msg = harness.PanicVerdict(pkg, what, r, harness.Stack())
			if _, ok := harness.NotImplemented(r); !ok {
				msg = fmt.Sprintf("%s panicked with %q, want %q\n  (%s)", what, fmt.Sprint(r), want, msg)
			}
		}
	}()
	fn()
	return ""
}
