package boundedqueuetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// How a call ended, as a record says it.
const (
	errNil      = queuejudge.ErrNil
	errCanceled = queuejudge.ErrCanceled
	errDeadline = queuejudge.ErrDeadline
)

// errText renders what a call returned.
var errText = queuejudge.ErrText

// A record is what happened to one call of a schedule.
type record = queuejudge.Record

// A played run of a schedule.
type played struct {
	recs     []record // by call id; recs[0] unused
	prefill  []record // the main goroutine's first Puts, as s.Firsts() lists them
	panicMsg string   // New's or a prefill Put's failure
	stuck    *harness.Stuck
	tl       *timeline.Timeline
}

// play runs s in a synctest bubble, where every instant is exact: each goroutine sleeps
// until its instant, and the calls of one goroutine run back to back. Each goroutine
// writes only its own records, read once the bubble is over; the one thing they share is
// the tick counter that orders calls and returns for porcupine (and the timeline).
func play(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue, s schedule) *played {
	calls := s.Calls()
	fs := s.Firsts()
	p := &played{recs: make([]record, len(calls)), prefill: make([]record, len(fs))}
	defer w.Record(nil)
	p.stuck = harness.Bubble(t, pkg, func() {
		p.tl = timeline.New()
		w.Record(p.tl)
		s.Lanes(p.tl)
		clk := queuejudge.NewClock()
		now := clk.Now
		queues := make([]Queue, len(s.Caps))
		for i, c := range s.Caps {
			sp := p.tl.Begin(tlmark.Judge, timeline.Call, fmt.Sprintf("%s = New(%d)", s.QueueName(i), c))
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", c), func() { queues[i] = newQueue(c) }); msg != "" {
				sp.End("panicked")
				p.panicMsg = msg
				return
			}
			sp.End("")
		}
		held := make([]int, len(s.Caps))
		for i, f := range fs {
			r := &p.prefill[i]
			sp := p.tl.Begin(tlmark.Judge, timeline.Call, fmt.Sprintf("%s.Put(%d)", s.QueueName(f.Q), f.V))
			r.Started, r.CallTick = true, clk.Tick()
			var err error
			msg := harness.Call(pkg, fmt.Sprintf("Put(%d)", f.V), func() { err = queues[f.Q].Put(context.Background(), f.V) })
			r.Returned, r.RetTick, r.Ret, r.Err = true, clk.Tick(), now(), errText(err)
			if msg != "" {
				sp.End("panicked")
			} else {
				sp.End(queuejudge.Short(r.Err))
			}
			switch {
			case msg != "":
				p.panicMsg = msg
				return
			case err != nil:
				p.panicMsg = fmt.Sprintf("wrong result: Put(%d) with context.Background() on a Queue of capacity %d holding %d items returned %s, want nil", f.V, s.Caps[f.Q], held[f.Q], errText(err))
				return
			case r.Ret != 0:
				p.panicMsg = fmt.Sprintf("sleeping: Put(%d) on a Queue with room took %v of fake time; a call that can proceed returns at once", f.V, r.Ret)
				return
			}
			held[f.Q]++
		}
		queuejudge.RunCallers(s.Schedule, p.recs, clk, p.tl, result, func(c call, tc context.Context, r *record, cancel func(int)) (err error, msg string) {
			q := queues[c.Q]
			msg = harness.Call(pkg, c.String(), func() {
				switch c.Kind {
				case opPut:
					err = q.Put(tc, c.V)
				case opTake:
					r.V, err = q.Take(tc)
				case opLen:
					r.V = q.Len()
				case opCancel:
					cancel(c.Target)
				}
			})
			return err, msg
		})
	})
	return p
}
