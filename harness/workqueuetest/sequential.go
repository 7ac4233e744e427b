package workqueuetest

import (
	"fmt"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// sequential runs a fixed script of calls from one goroutine (see queuejudge.RunScript)
// and returns the first rule broken, or "".
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) string {
	return queuejudge.RunScript(t, pkg, w, func(sc *queuejudge.Script) { (&script{sc}).run(newQueue) })
}

// A script is the sequential rule's run, with this kata's calls.
type script struct{ *queuejudge.Script }

// A named Queue of the script, with the script's account of it.
type seqQueue struct {
	name       string
	q          Queue
	items      []int
	unfinished int
}

type seqCtx = queuejudge.SeqCtx

const (
	bg       = queuejudge.Background
	canceled = queuejudge.Canceled
	expired  = queuejudge.Expired
)

func (sc *script) queue(name string, newQueue func() Queue) *seqQueue {
	sq := &seqQueue{name: name}
	sc.New(name+" := New()", func() { sq.q = newQueue() })
	return sq
}

func (sc *script) state(sq *seqQueue) string {
	return fmt.Sprintf("%s held %v with %d unfinished tasks", sq.name, sq.items, sq.unfinished)
}

func (sc *script) put(sq *seqQueue, v int) {
	what := fmt.Sprintf("%s.Put(%d)", sq.name, v)
	if sc.Call(what, what+" never returned; Put never waits", func() { sq.q.Put(v) }) {
		sc.Got("")
		sq.items = append(sq.items, v)
		sq.unfinished++
	}
}

// get calls Get: with an item there it must return it (or, with a done ctx, may return
// ctx.Err() and take nothing); with none, the zero value and ctx.Err().
func (sc *script) get(sq *seqQueue, k seqCtx, why string) {
	ctx, ctxText, cancel := queuejudge.Ctx(k)
	defer cancel()
	want := "0, " + errText(ctx.Err())
	if len(sq.items) > 0 {
		want = fmt.Sprintf("%d, nil", sq.items[0])
	}
	what := fmt.Sprintf("%s.Get(%s)", sq.name, ctxText)
	var v int
	var err error
	if !sc.Call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, queuejudge.Because(why)), func() { v, err = sq.q.Get(ctx) }) {
		return
	}
	sc.Got(queuejudge.Short(fmt.Sprintf("%d, %s", v, errText(err))))
	got := fmt.Sprintf("%d, %s", v, errText(err))
	switch {
	case got == want:
		if len(sq.items) > 0 {
			sq.items = sq.items[1:]
		}
	case len(sq.items) > 0 && ctx.Err() != nil && got == "0, "+errText(ctx.Err()):
		// Accepted: a done ctx may stop a Get that could proceed, if it takes nothing.
	default:
		sc.Fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, queuejudge.Because(why))
	}
}

func (sc *script) taskDone(sq *seqQueue, why string) {
	what := sq.name + ".TaskDone()"
	if !sc.Note(what, what+" never returned; TaskDone never waits") {
		return
	}
	panicked, msg := taskDone(sc.Pkg, sq.q)
	if panicked || msg != "" {
		sc.Got("panicked")
	} else {
		sc.Got("")
	}
	switch {
	case msg != "":
		sc.Fail("%s", msg)
	case sq.unfinished == 0 && !panicked:
		sc.Fail("%s with no unfinished task returned, want a panic with %q%s", what, DonePanic, queuejudge.Because(why))
	case sq.unfinished > 0 && panicked:
		sc.Fail("%s panicked with %d unfinished tasks; it panics only when none is%s", what, sq.unfinished, queuejudge.Because(why))
	case sq.unfinished > 0:
		sq.unfinished--
	}
}

// join calls Join: at zero it returns nil (or, with a done ctx, may return ctx.Err());
// otherwise ctx.Err().
func (sc *script) join(sq *seqQueue, k seqCtx, why string) {
	ctx, ctxText, cancel := queuejudge.Ctx(k)
	defer cancel()
	want := errNil
	if sq.unfinished > 0 {
		want = errText(ctx.Err())
	}
	what := fmt.Sprintf("%s.Join(%s)", sq.name, ctxText)
	var err error
	if !sc.Call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, queuejudge.Because(why)), func() { err = sq.q.Join(ctx) }) {
		return
	}
	sc.Got(queuejudge.Short(errText(err)))
	got := errText(err)
	if got != want && !(want == errNil && ctx.Err() != nil && got == errText(ctx.Err())) {
		sc.Fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, queuejudge.Because(why))
	}
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
	for len(q.items) > 0 && !sc.Failed() {
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
