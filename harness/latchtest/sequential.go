package latchtest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// sequential runs a fixed script of calls from one goroutine, in a synctest bubble (so
// that a Wait that never returns is a deadlock and a goroutine left behind is a leak),
// and returns the first rule broken, or "".
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newLatch func(int) Latch) string {
	w.Notef("one goroutine calls every method in turn")
	sc := &script{pkg: pkg, w: w, newLatch: newLatch}
	w.Record(nil) // the timeline is made after the run (see trace)
	stuck := harness.Bubble(t, pkg, func() {
		t0 := time.Now()
		sc.tr = newTrace(seqLane, 0, func() time.Duration { return time.Since(t0) })
		sc.run()
	})
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var msg, broke string
	switch {
	case sc.msg != "":
		msg = sc.msg
	case stuck != nil && stuck.Leak:
		msg = fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; Wait must leave nothing behind when it returns\n  calls: %s\n  your goroutines:\n%s", sc.all(), stuck.Goroutines)
		broke = "goroutine leak"
	case stuck != nil:
		msg = fmt.Sprintf("deadlock: %s\n  calls: %s\n  your goroutines:\n%s", sc.current, sc.all(), stuck.Goroutines)
		broke = "deadlock"
	default:
		return ""
	}
	tl := timeline.Replay([]string{seqLane, judgeLane}, events([]*trace{sc.tr}))
	if broke != "" {
		tl.Broke(judgeLane, broke)
	}
	return tl.Attach(msg)
}

// seqLane is the timeline's lane of the sequential rule's goroutine.
const seqLane = "goroutine"

// A script is the sequential rule's run: its calls and the first failure.
type script struct {
	pkg      string
	w        *harness.Watchdog
	newLatch func(int) Latch

	mu      sync.Mutex
	msg     string       // the first failure
	current string       // the call in progress and what it should do, for a deadlock
	latches []*seqLatch  // in the order they were made
	order   []callRecord // every call so far
	tr      *trace       // the calls, for the timeline
}

type callRecord struct {
	latch *seqLatch
	call  string
}

// A seqLatch is a Latch of the script, with a name for messages.
type seqLatch struct {
	name string
	l    Latch
}

func (sc *script) failed() bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.msg != ""
}

// fail records the first failure, and where it broke in the timeline with label.
func (sc *script) fail(label, format string, args ...any) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.msg == "" {
		sc.msg = fmt.Sprintf(format, args...)
		if sc.tr != nil {
			sc.tr.mark(timeline.Broke, label)
		}
		if len(sc.order) > 0 {
			sc.msg += "\n  calls: " + sc.allLocked()
		}
	}
}

func (sc *script) all() string { return sc.allLocked() }

func (sc *script) allLocked() string {
	var parts []string
	for _, c := range sc.order {
		name := c.latch.name
		if len(sc.latches) == 1 {
			name = "latch"
		}
		parts = append(parts, name+"."+c.call)
	}
	return strings.Join(parts, "; ")
}

// call makes one call into the learner's code, after noting what it should do in case it
// never returns.
// fn returns what the call returned, for the timeline.
func (sc *script) call(sl *seqLatch, what, ifStuck string, fn func() string) bool {
	if sc.failed() {
		return false
	}
	sc.mu.Lock()
	sc.order = append(sc.order, callRecord{sl, what})
	sc.current = ifStuck
	sc.mu.Unlock()
	sc.w.Progress()
	label := what
	if len(sc.latches) > 1 {
		label = sl.name + "." + what
	}
	sp := sc.tr.begin(timeline.Call, label)
	var out string
	if msg := harness.Call(sc.pkg, what, func() { out = fn() }); msg != "" {
		sc.tr.end(sp, "panicked")
		sc.fail("panicked", "%s", msg)
		return false
	}
	sc.tr.end(sp, out)
	return true
}

func (sc *script) latch(name string, n int) *seqLatch {
	sl := &seqLatch{name: name}
	if sc.failed() {
		return sl
	}
	sc.mu.Lock()
	sc.latches = append(sc.latches, sl)
	sc.mu.Unlock()
	what := fmt.Sprintf("New(%d)", n)
	sc.mu.Lock()
	sc.order = append(sc.order, callRecord{sl, what})
	sc.mu.Unlock()
	label := what
	if name != "latch" {
		label = name + " = " + what
	}
	sp := sc.tr.begin(timeline.Call, label)
	if msg := harness.Call(sc.pkg, what, func() { sl.l = sc.newLatch(n) }); msg != "" {
		sc.tr.end(sp, "panicked")
		sc.fail("panicked", "%s", msg)
		return sl
	}
	sc.tr.end(sp, "returned")
	return sl
}

func (sc *script) countDown(sl *seqLatch) {
	sc.call(sl, "CountDown()", "CountDown() never returned; it never blocks", func() string { sl.l.CountDown(); return "returned" })
}

func (sc *script) count(sl *seqLatch, want int, why string) {
	var got int
	if !sc.call(sl, "Count()", "Count() never returned; it never blocks", func() string { got = sl.l.Count(); return strconv.Itoa(got) }) {
		return
	}
	if got != want {
		sc.fail("wrong result", "Count() returned %d, want %d%s", got, want, because(why))
	}
}

func (sc *script) trySetCount(sl *seqLatch, n int, want bool, why string) {
	var got bool
	what := fmt.Sprintf("TrySetCount(%d)", n)
	if !sc.call(sl, what, what+" never returned; it never blocks", func() string { got = sl.l.TrySetCount(n); return strconv.FormatBool(got) }) {
		return
	}
	if got != want {
		sc.fail("wrong result", "%s returned %t, want %t%s", what, got, want, because(why))
	}
}

// wait calls Wait with a context that is already done (or, for a count of zero, with
// context.Background), so that a correct Wait returns at once.
func (sc *script) wait(sl *seqLatch, kind ctxKind, count int, want, why string) {
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	what := "Wait(context.Background())"
	switch kind {
	case ctxCanceled:
		ctx, cancel = context.WithCancel(context.Background())
		cancel()
		what = "Wait(ctx) with ctx already canceled"
	case ctxExpired:
		ctx, cancel = context.WithDeadline(context.Background(), time.Now())
		what = "Wait(ctx) with ctx past its deadline"
	}
	defer cancel()
	ifStuck := fmt.Sprintf("%s never returned, with the count at %d; want %s at once%s", what, count, want, because(why))
	var err error
	if !sc.call(sl, "Wait(ctx)", ifStuck, func() string { err = sl.l.Wait(ctx); return shortErr(errText(err)) }) {
		return
	}
	if got := errText(err); got != want {
		if got == errNil {
			sc.fail("early", "%s returned nil while the count was %d; want %s%s", what, count, want, because(why))
			return
		}
		sc.fail("wrong result", "%s returned %s, want %s%s", what, got, want, because(why))
	}
}

// ctxBackground is context.Background(), for the script's Waits at zero.
const ctxBackground ctxKind = -1

func because(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}

// run is the script.
func (sc *script) run() {
	sp := sc.tr.begin(timeline.Call, "New(1)")
	if msg := harness.Call(sc.pkg, "New(1)", func() { sc.newLatch(1) }); msg != "" {
		sc.tr.end(sp, "panicked")
		sc.fail("panicked", "%s", msg)
		return
	}
	sc.tr.end(sp, "returned")
	sp = sc.tr.begin(timeline.Call, "New(-1)")
	msg, out := newNegative(sc.pkg, sc.newLatch)
	sc.tr.end(sp, out)
	if msg != "" {
		sc.fail("want a panic", "%s", msg)
		return
	}

	const (
		zero     = "the count is 0, and then Wait returns nil at once, even if its ctx is done"
		ctxFirst = "when its ctx ends first, Wait returns ctx.Err()"
	)
	l := sc.latch("latch", 0)
	sc.count(l, 0, "New(0) starts with a count of 0")
	sc.wait(l, ctxCanceled, 0, errNil, zero)
	sc.wait(l, ctxBackground, 0, errNil, zero)
	sc.countDown(l)
	sc.count(l, 0, "the count never goes negative: CountDown at zero does nothing")
	sc.trySetCount(l, 0, false, "a round needs a count > 0")
	sc.trySetCount(l, -2, false, "a round needs a count > 0")
	sc.count(l, 0, "TrySetCount returned false, so it changed nothing")
	sc.trySetCount(l, 2, true, "the count was 0 and 2 > 0, so TrySetCount starts a new round")
	sc.count(l, 2, "TrySetCount(2) started a round of 2")
	sc.trySetCount(l, 5, false, "the count is 2, and TrySetCount starts a round only when the count is zero")
	sc.count(l, 2, "TrySetCount(5) returned false, so it changed nothing")
	sc.wait(l, ctxCanceled, 2, errCanceled, ctxFirst)
	sc.wait(l, ctxExpired, 2, errDeadline, ctxFirst)
	sc.countDown(l)
	sc.count(l, 1, "")
	sc.countDown(l)
	sc.count(l, 0, "")
	sc.wait(l, ctxExpired, 0, errNil, zero)
	sc.trySetCount(l, 1, true, "the round ended, so TrySetCount starts a new one")
	sc.wait(l, ctxCanceled, 1, errCanceled, "a new round has started, and the end of the round before does not release its waiters")
	sc.countDown(l)
	sc.countDown(l)
	sc.count(l, 0, "the count never goes negative: CountDown at zero does nothing")

	const apart = "separate Latches are independent"
	a, b := sc.latch("a", 3), sc.latch("b", 1)
	sc.countDown(a)
	sc.count(b, 1, apart)
	sc.count(a, 2, "")
	sc.countDown(b)
	sc.count(a, 2, apart)
	sc.count(b, 0, "")
	sc.wait(a, ctxCanceled, 2, errCanceled, apart+"; "+ctxFirst)
	sc.wait(b, ctxCanceled, 0, errNil, zero)
	sc.trySetCount(b, 2, true, "the count of b was 0")
	sc.trySetCount(a, 4, false, "the count of a is 2; "+apart)
	sc.count(a, 2, apart)
	sc.count(b, 2, "")
}

// newNegative checks that New(-1) panics with "latch: negative count"; out says what
// New did, for the timeline.
func newNegative(pkg string, newLatch func(int) Latch) (msg, out string) {
	const want = "latch: negative count"
	defer func() {
		r := recover()
		out = "panicked"
		switch {
		case r == nil:
			out = "returned"
			msg = fmt.Sprintf("New(-1) returned, want a panic with %q", want)
		case fmt.Sprint(r) != want:
			msg = harness.PanicVerdict(pkg, "New(-1)", r, harness.Stack())
			if _, ok := harness.NotImplemented(r); !ok {
				msg = fmt.Sprintf("New(-1) panicked with %q, want %q\n  (%s)", fmt.Sprint(r), want, msg)
			}
		}
	}()
	newLatch(-1)
	return "", ""
}
