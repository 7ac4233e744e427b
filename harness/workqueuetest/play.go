package workqueuetest

import (
	"context"
	"fmt"
	"testing"
	"time"

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

// DonePanic is the panic of a TaskDone with no unfinished task.
const DonePanic = "workqueue: TaskDone called more times than Put"

// A record is what happened to one call of a schedule.
type record = queuejudge.Record

// A played run of a schedule.
type played struct {
	recs     []record // by call id; recs[0] unused
	prefill  []record // the main goroutine's first Puts, as s.Firsts() lists them
	drained  []int    // what the judge's Gets found in the Queues at the end
	panicMsg string   // New's, a prefill Put's or a drain Get's failure
	stuck    *harness.Stuck
	tl       *timeline.Timeline
}

// play runs s in a synctest bubble, where every instant is exact: each goroutine sleeps
// until its instant, and the calls of one goroutine run back to back. Each goroutine
// writes only its own records; the one thing they share is the tick counter that orders
// calls and returns for porcupine. When every goroutine is done, the main goroutine takes
// what is left in the queue. The run is recorded in p.tl.
func play(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue, s schedule) *played {
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
		queues := make([]Queue, len(s.Prefill))
		for i := range queues {
			sp := p.tl.Begin(tlmark.Judge, timeline.Call, s.QueueName(i)+" = New()")
			if msg := harness.Call(pkg, "New()", func() { queues[i] = newQueue() }); msg != "" {
				sp.End("panicked")
				p.panicMsg = msg
				return
			}
			sp.End("")
		}
		for i, f := range fs {
			r := &p.prefill[i]
			sp := p.tl.Begin(tlmark.Judge, timeline.Call, fmt.Sprintf("%s.Put(%d)", s.QueueName(f.Q), f.V))
			r.Started, r.CallTick = true, clk.Tick()
			msg := harness.Call(pkg, fmt.Sprintf("Put(%d)", f.V), func() { queues[f.Q].Put(f.V) })
			r.Returned, r.RetTick, r.Ret, r.Err = true, clk.Tick(), now(), errNil
			if msg != "" {
				sp.End("panicked")
			} else {
				sp.End("")
			}
			switch {
			case msg != "":
				p.panicMsg = msg
				return
			case r.Ret != 0:
				p.panicMsg = fmt.Sprintf("sleeping: Put(%d) took %v of fake time; Put never waits", f.V, r.Ret)
				return
			}
		}
		queuejudge.RunCallers(s.Schedule, p.recs, clk, p.tl, tlResult, func(c call, tc context.Context, r *record, cancel func(int)) (err error, msg string) {
			q := queues[c.Q]
			switch c.Kind {
			case opTaskDone:
				r.Panicked, msg = taskDone(pkg, q)
			default:
				msg = harness.Call(pkg, c.String(), func() {
					switch c.Kind {
					case opPut:
						q.Put(c.V)
					case opGet:
						r.V, err = q.Get(tc)
					case opJoin:
						err = q.Join(tc)
					case opCancel:
						cancel(c.Target)
					}
				})
			}
			return err, msg
		})
		for i, q := range queues {
			for {
				ctx, cancel := context.WithTimeout(context.Background(), time.Microsecond)
				var v int
				var err error
				sp := p.tl.Begin(tlmark.Judge, timeline.Call, s.QueueName(i)+".Get()")
				msg := harness.Call(pkg, "Get", func() { v, err = q.Get(ctx) })
				cancel()
				if msg != "" {
					sp.End("panicked")
					p.panicMsg = msg
					return
				}
				sp.End(queuejudge.Short(fmt.Sprintf("%d, %s", v, errText(err))))
				if err != nil {
					break
				}
				p.drained = append(p.drained, v)
			}
		}
	})
	return p
}

// tlResult renders what a call returned for the timeline.
func tlResult(c call, r record) string {
	if c.Kind == opTaskDone && r.Panicked {
		return "panicked"
	}
	return result(c, r)
}

// taskDone calls TaskDone and reports whether it panicked with DonePanic, or a verdict
// for any other panic.
func taskDone(pkg string, q Queue) (panicked bool, msg string) {
	defer func() {
		r := recover()
		switch {
		case r == nil:
		case fmt.Sprint(r) == DonePanic:
			panicked = true
		default:
			msg = harness.PanicVerdict(pkg, "TaskDone", r, harness.Stack())
			if _, ok := harness.NotImplemented(r); !ok {
				msg = fmt.Sprintf("TaskDone panicked with %q; it panics only with %q, when no task is unfinished\n  (%s)", fmt.Sprint(r), DonePanic, msg)
			}
		}
	}()
	q.TaskDone()
	return false, ""
}
