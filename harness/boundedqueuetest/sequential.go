package boundedqueuetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// sequential runs a fixed script of calls from one goroutine, in a synctest bubble (so
// that a call that never returns is a deadlock and a goroutine left behind is a leak),
// and returns the first rule broken, or "".
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) string {
	w.Notef("one goroutine calls every method in turn")
	sc := &script{pkg: pkg, w: w}
	stuck := harness.Bubble(t, pkg, func() { sc.run(newQueue) })
	sc.mu.Lock()
	defer sc.mu.Unlock()
	switch {
	case sc.msg != "":
		return sc.msg
	case stuck != nil && stuck.Leak:
		return fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a call must leave nothing behind when it returns\n  calls: %s\n  your goroutines:\n%s", strings.Join(sc.order, "; "), stuck.Goroutines)
	case stuck != nil:
		return fmt.Sprintf("deadlock: %s\n  calls: %s\n  your goroutines:\n%s", sc.current, strings.Join(sc.order, "; "), stuck.Goroutines)
	}
	return ""
}

// A script is the sequential rule's run: its calls and the first failure.
type script struct {
	pkg string
	w   *harness.Watchdog

	mu      sync.Mutex
	msg     string
	current string   // what the call in progress should do, for a deadlock
	order   []string // every call so far
}

func (sc *script) fail(format string, args ...any) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.msg == "" {
		sc.msg = fmt.Sprintf(format, args...)
		if len(sc.order) > 0 {
			sc.msg += "\n  calls: " + strings.Join(sc.order, "; ")
		}
	}
}

func (sc *script) failed() bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.msg != ""
}

// call makes one call into the learner's code, after noting what it should do in case it
// never returns.
func (sc *script) call(what, ifStuck string, fn func()) bool {
	if sc.failed() {
		return false
	}
	sc.mu.Lock()
	sc.order = append(sc.order, what)
	sc.current = ifStuck
	sc.mu.Unlock()
	sc.w.Progress()
	if msg := harness.Call(sc.pkg, what, fn); msg != "" {
		sc.fail("%s", msg)
		return false
	}
	return true
}

// A named Queue of the script.
type seqQueue struct {
	name string
	q    Queue
	n    int // items in it, by the script's count
	cap  int
}

type seqCtx int

const (
	bg       seqCtx = iota // context.Background()
	live                   // a context that stays alive
	canceled               // already canceled
	expired                // deadline passed
)

func (sc *script) ctx(k seqCtx) (context.Context, string, func()) {
	switch k {
	case live:
		ctx, cancel := context.WithCancel(context.Background())
		return ctx, "ctx", cancel
	case canceled:
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx, "ctx already canceled", cancel
	case expired:
		ctx, cancel := context.WithDeadline(context.Background(), time.Now())
		return ctx, "ctx past its deadline", cancel
	}
	return context.Background(), "context.Background()", func() {}
}

func (sc *script) queue(name string, cap int, newQueue func(int) Queue) *seqQueue {
	sq := &seqQueue{name: name, cap: cap}
	if sc.failed() {
		return sq
	}
	what := fmt.Sprintf("%s := New(%d)", name, cap)
	sc.mu.Lock()
	sc.order = append(sc.order, what)
	sc.mu.Unlock()
	if msg := harness.Call(sc.pkg, what, func() { sq.q = newQueue(cap) }); msg != "" {
		sc.fail("%s", msg)
	}
	return sq
}

func (sc *script) state(sq *seqQueue) string {
	return fmt.Sprintf("%s held %d of %d items", sq.name, sq.n, sq.cap)
}

// put calls Put and checks the result: nil when there is room, ctx.Err() when full.
func (sc *script) put(sq *seqQueue, k seqCtx, v int, why string) {
	ctx, ctxText, cancel := sc.ctx(k)
	defer cancel()
	want := errNil
	if sq.n == sq.cap {
		want = errText(ctx.Err())
	}
	what := fmt.Sprintf("%s.Put(%s, %d)", sq.name, ctxText, v)
	var err error
	if !sc.call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, because(why)), func() { err = sq.q.Put(ctx, v) }) {
		return
	}
	if got := errText(err); got != want {
		sc.fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, because(why))
		return
	}
	if want == errNil {
		sq.n++
	}
}

// take calls Take and checks the result: the item when there is one, the zero value and
// ctx.Err() when empty.
func (sc *script) take(sq *seqQueue, k seqCtx, wantV int, why string) {
	ctx, ctxText, cancel := sc.ctx(k)
	defer cancel()
	want := fmt.Sprintf("%d, nil", wantV)
	if sq.n == 0 {
		want = fmt.Sprintf("0, %s", errText(ctx.Err()))
	}
	what := fmt.Sprintf("%s.Take(%s)", sq.name, ctxText)
	var v int
	var err error
	if !sc.call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, because(why)), func() { v, err = sq.q.Take(ctx) }) {
		return
	}
	if got := fmt.Sprintf("%d, %s", v, errText(err)); got != want {
		sc.fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, because(why))
		return
	}
	if sq.n > 0 {
		sq.n--
	}
}

func (sc *script) len(sq *seqQueue, why string) {
	what := sq.name + ".Len()"
	var got int
	if !sc.call(what, what+" never returned; Len never waits", func() { got = sq.q.Len() }) {
		return
	}
	if got != sq.n {
		sc.fail("wrong result: %s returned %d, want %d%s", what, got, sq.n, because(why))
	}
}

func because(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}

// run is the script.
func (sc *script) run(newQueue func(int) Queue) {
	for _, n := range []int{0, -1} {
		if msg := newPanics(sc.pkg, newQueue, n); msg != "" {
			sc.fail("%s", msg)
			return
		}
	}
	const (
		proceed = "a call that can proceed does so at once, even when its ctx is done"
		giveUp  = "a call that cannot proceed returns ctx.Err() once its ctx has ended"
		apart   = "separate Queues are independent"
	)
	q := sc.queue("q", 2, newQueue)
	sc.len(q, "New returns an empty Queue")
	sc.take(q, canceled, 0, giveUp)
	sc.take(q, expired, 0, giveUp)
	sc.put(q, bg, 1, "")
	sc.len(q, "")
	sc.put(q, canceled, 2, proceed)
	sc.len(q, "")
	sc.put(q, canceled, 3, giveUp)
	sc.put(q, expired, 3, giveUp)
	sc.len(q, "a Put that returned an error added nothing")
	sc.take(q, canceled, 1, proceed+"; items come out in the order they went in")
	sc.put(q, live, 3, "")
	sc.take(q, bg, 2, "items come out in the order they went in")
	sc.take(q, expired, 3, proceed)
	sc.len(q, "")
	sc.take(q, canceled, 0, giveUp)
	sc.len(q, "a Take that returned an error removed nothing")
	for v := 4; v <= 7; v++ { // around the ring
		sc.put(q, live, v, "")
		sc.take(q, live, v, "")
	}

	a, b := sc.queue("a", 1, newQueue), sc.queue("b", 1, newQueue)
	sc.put(a, bg, 1, "")
	sc.len(b, apart)
	sc.put(b, canceled, 2, apart+"; "+proceed)
	sc.put(a, canceled, 3, giveUp)
	sc.take(b, canceled, 2, apart)
	sc.take(b, canceled, 0, apart+"; "+giveUp)
	sc.len(a, apart)
	sc.take(a, bg, 1, "")
}

// newPanics checks that New(n) panics with "boundedqueue: capacity < 1".
func newPanics(pkg string, newQueue func(int) Queue, n int) (msg string) {
	const want = "boundedqueue: capacity < 1"
	what := fmt.Sprintf("New(%d)", n)
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
	newQueue(n)
	return ""
}
