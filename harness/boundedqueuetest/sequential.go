package boundedqueuetest

import (
	"fmt"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// sequential runs a fixed script of calls from one goroutine (see queuejudge.RunScript)
// and returns the first rule broken, or "".
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) string {
	return queuejudge.RunScript(t, pkg, w, func(sc *queuejudge.Script) { (&script{sc}).run(newQueue) })
}

// A script is the sequential rule's run, with this kata's calls.
type script struct{ *queuejudge.Script }

// A named Queue of the script.
type seqQueue struct {
	name string
	q    Queue
	n    int // items in it, by the script's count
	cap  int
}

type seqCtx = queuejudge.SeqCtx

const (
	bg       = queuejudge.Background
	live     = queuejudge.Live
	canceled = queuejudge.Canceled
	expired  = queuejudge.Expired
)

func (sc *script) queue(name string, cap int, newQueue func(int) Queue) *seqQueue {
	sq := &seqQueue{name: name, cap: cap}
	sc.New(fmt.Sprintf("%s := New(%d)", name, cap), func() { sq.q = newQueue(cap) })
	return sq
}

func (sc *script) state(sq *seqQueue) string {
	return fmt.Sprintf("%s held %d of %d items", sq.name, sq.n, sq.cap)
}

// put calls Put and checks the result: nil when there is room, ctx.Err() when full.
func (sc *script) put(sq *seqQueue, k seqCtx, v int, why string) {
	ctx, ctxText, cancel := queuejudge.Ctx(k)
	defer cancel()
	want := errNil
	if sq.n == sq.cap {
		want = errText(ctx.Err())
	}
	what := fmt.Sprintf("%s.Put(%s, %d)", sq.name, ctxText, v)
	var err error
	if !sc.Call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, queuejudge.Because(why)), func() { err = sq.q.Put(ctx, v) }) {
		return
	}
	sc.Got(queuejudge.Short(errText(err)))
	if got := errText(err); got != want {
		sc.Fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, queuejudge.Because(why))
		return
	}
	if want == errNil {
		sq.n++
	}
}

// take calls Take and checks the result: the item when there is one, the zero value and
// ctx.Err() when empty.
func (sc *script) take(sq *seqQueue, k seqCtx, wantV int, why string) {
	ctx, ctxText, cancel := queuejudge.Ctx(k)
	defer cancel()
	want := fmt.Sprintf("%d, nil", wantV)
	if sq.n == 0 {
		want = fmt.Sprintf("0, %s", errText(ctx.Err()))
	}
	what := fmt.Sprintf("%s.Take(%s)", sq.name, ctxText)
	var v int
	var err error
	if !sc.Call(what, fmt.Sprintf("%s never returned while %s; want %s at once%s", what, sc.state(sq), want, queuejudge.Because(why)), func() { v, err = sq.q.Take(ctx) }) {
		return
	}
	sc.Got(queuejudge.Short(fmt.Sprintf("%d, %s", v, errText(err))))
	if got := fmt.Sprintf("%d, %s", v, errText(err)); got != want {
		sc.Fail("wrong result: %s returned %s while %s; want %s%s", what, got, sc.state(sq), want, queuejudge.Because(why))
		return
	}
	if sq.n > 0 {
		sq.n--
	}
}

func (sc *script) len(sq *seqQueue, why string) {
	what := sq.name + ".Len()"
	var got int
	if !sc.Call(what, what+" never returned; Len never waits", func() { got = sq.q.Len() }) {
		return
	}
	sc.Got(fmt.Sprint(got))
	if got != sq.n {
		sc.Fail("wrong result: %s returned %d, want %d%s", what, got, sq.n, queuejudge.Because(why))
	}
}

// run is the script.
func (sc *script) run(newQueue func(int) Queue) {
	for _, n := range []int{0, -1} {
		if msg := newPanics(sc.Pkg, newQueue, n); msg != "" {
			sc.Fail("%s", msg)
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
