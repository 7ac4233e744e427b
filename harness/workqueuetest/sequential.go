package workqueuetest

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
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) string {
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

// A named Queue of the script, with the script's account of it.
type seqQueue struct {
	name       string
	q          Queue
	items      []int
	unfinished int
}

type seqCtx int

const (
	bg       seqCtx = iota // context.Background()
	canceled               // already canceled
	expired                // deadline passed
)

func (sc *script) ctx(k seqCtx) (context.Context, string, func()) {
	switch k {
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

func (sc *script) queue(name string, newQueue func() Queue) *seqQueue {
	sq := &seqQueue{name: name}
	if sc.failed() {
		return sq
	}
	what := name + " := New()"
	sc.mu.Lock()
	sc.order = append(sc.order, what)
	sc.mu.Unlock()
	if msg := harness.Call(sc.pkg, what, func() { sq.q = newQueue() }); msg != "" {
		sc.fail("%s", msg)
	}
	return sq
}

func (sc *script) state(sq *seqQueue) string {
	return fmt.Sprintf("%s held %v with %d unfinished tasks", sq.name, sq.items, sq.unfinished)
}

func (sc *script) put(sq *seqQueue, v int) {
	what := fmt.Sprintf("%s.Put(%d)", sq.name, v)
	if sc.call(what, what+" never returned; Put never waits", func() { sq.q.Put(v) }) {
		sq.items = append(sq.items, v)
		sq.unfinished++
	}
}

// get calls Get: with an item there it must return it (or, with a done ctx, may return
// ctx.Err() and take nothing); with none, the zero value and ctx.Err().
func (sc *script) get(sq *seqQueue, k seqCtx, why string) {
	ctx, ctxText, cancel := sc.ctx(k)
	defer cancel()
	want := "0, " + errText(ctx.Err())
	if len(sq.items) > 0 {
		want = fmt.Sprintf("%d, nil", sq.items[0])
	}
	what := fmt.Sprintf("%s.Get(%s)", sq.name, ctxText)
	var v int
	var err error
	if !sc.call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, because(why)), func() { v, err = sq.q.Get(ctx) }) {
		return
	}
	got := fmt.Sprintf("%d, %s", v, errText(err))
	switch {
	case got == want:
		if len(sq.items) > 0 {
			sq.items = sq.items[1:]
		}
	case len(sq.items) > 0 && ctx.Err() != nil && got == "0, "+errText(ctx.Err()):
		// Accepted: a done ctx may stop a Get that could proceed, if it takes nothing.
	default:
		sc.fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, because(why))
	}
}

func (sc *script) taskDone(sq *seqQueue, why string) {
	what := sq.name + ".TaskDone()"
	if sc.failed() {
		return
	}
	sc.mu.Lock()
	sc.order = append(sc.order, what)
	sc.current = what + " never returned; TaskDone never waits"
	sc.mu.Unlock()
	panicked, msg := taskDone(sc.pkg, sq.q)
	switch {
	case msg != "":
		sc.fail("%s", msg)
	case sq.unfinished == 0 && !panicked:
		sc.fail("%s with no unfinished task returned, want a panic with %q%s", what, DonePanic, because(why))
	case sq.unfinished > 0 && panicked:
		sc.fail("%s panicked with %d unfinished tasks; it panics only when none is%s", what, sq.unfinished, because(why))
	case sq.unfinished > 0:
		sq.unfinished--
	}
}

// join calls Join: at zero it returns nil (or, with a done ctx, may return ctx.Err());
// otherwise ctx.Err().
func (sc *script) join(sq *seqQueue, k seqCtx, why string) {
	ctx, ctxText, cancel := sc.ctx(k)
	defer cancel()
	want := errNil
	if sq.unfinished > 0 {
		want = errText(ctx.Err())
	}
	what := fmt.Sprintf("%s.Join(%s)", sq.name, ctxText)
	var err error
	if !sc.call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, because(why)), func() { err = sq.q.Join(ctx) }) {
		return
	}
	got := errText(err)
	if got != want && !(want == errNil && ctx.Err() != nil && got == errText(ctx.Err())) {
		sc.fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, because(why))
	}
}

func because(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}

// run is the script.
func (sc *script) run(newQueue func() Queue) {
	const (
		zero    = "with no unfinished task, Join returns at once"
		giveUp  = "a call that cannot proceed returns ctx.Err() once its ctx has ended, and changes nothing"
		fifo    = "items come out in the order put"
		counted = "the count of unfinished tasks goes up with Put and down with TaskDone, not with Get"
		apart   = "separate Queues are independent"
	)
	q := sc.queue("q", newQueue)
	sc.get(q, canceled, giveUp)
	sc.join(q, bg, zero)
	sc.join(q, canceled, zero)
	sc.taskDone(q, "no task was put")
	sc.join(q, bg, "a TaskDone that panicked changes nothing")
	sc.put(q, 1)
	sc.put(q, 2)
	sc.put(q, 3)
	sc.join(q, canceled, "3 tasks are unfinished; "+giveUp)
	sc.get(q, bg, fifo)
	sc.get(q, expired, fifo)
	sc.join(q, expired, counted+"; "+giveUp)
	for len(q.items) > 0 && !sc.failed() {
		sc.get(q, bg, fifo)
	}
	sc.get(q, canceled, giveUp)
	sc.join(q, canceled, "the queue is empty, but no task is done yet: "+counted)
	sc.taskDone(q, "")
	sc.taskDone(q, "")
	sc.join(q, expired, "one task is still unfinished; "+giveUp)
	sc.taskDone(q, "")
	sc.join(q, bg, zero)
	sc.taskDone(q, "every task put is done")
	sc.put(q, 4)
	sc.join(q, canceled, "a new task was put: Join works again after more Puts")
	sc.get(q, bg, "")
	sc.taskDone(q, "")
	sc.join(q, bg, zero)

	a, b := sc.queue("a", newQueue), sc.queue("b", newQueue)
	sc.put(a, 1)
	sc.join(b, bg, apart+"; "+zero)
	sc.get(b, canceled, apart+"; "+giveUp)
	sc.taskDone(b, apart)
	sc.put(b, 2)
	sc.get(a, bg, apart)
	sc.taskDone(a, "")
	sc.join(a, bg, apart+"; "+zero)
	sc.join(b, canceled, apart)
	sc.get(b, bg, "")
	sc.taskDone(b, "")
}
