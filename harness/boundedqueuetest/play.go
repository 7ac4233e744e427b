package boundedqueuetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
	"github.com/gokata/workbook/harness/internal/trackctx"
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
type record struct {
	Started  bool
	Start    time.Duration // fake time of the call
	Returned bool
	Ret      time.Duration // fake time of the return
	CallTick int64         // the order of calls and returns, for porcupine
	RetTick  int64
	Err      string // Put and Take: errNil, errCanceled, errDeadline or another error
	V        int    // Take's item, Len's result
	Leaked   bool   // returned with a context.AfterFunc still registered on a live ctx
	Panic    string
}

// A played run of a schedule.
type played struct {
	recs     []record // by call id; recs[0] unused
	prefill  []record // the main goroutine's first Puts, as s.Firsts() lists them
	panicMsg string   // New's or a prefill Put's failure
	stuck    *harness.Stuck
}

// play runs s in a synctest bubble, where every instant is exact: each goroutine sleeps
// until its instant, and the calls of one goroutine run back to back. Each goroutine
// writes only its own records, read once the bubble is over; the one thing they share is
// the tick counter that orders calls and returns for porcupine.
func play(t *testing.T, pkg string, newQueue func(int) Queue, s schedule) *played {
	calls := s.Calls()
	fs := s.Firsts()
	p := &played{recs: make([]record, len(calls)), prefill: make([]record, len(fs))}
	p.stuck = harness.Bubble(t, pkg, func() {
		t0 := time.Now()
		now := func() time.Duration { return time.Since(t0) }
		sleepUntil := func(at time.Duration) {
			if d := at - now(); d > 0 {
				time.Sleep(d)
			}
		}
		var tick atomic.Int64
		queues := make([]Queue, len(s.Caps))
		for i, c := range s.Caps {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", c), func() { queues[i] = newQueue(c) }); msg != "" {
				p.panicMsg = msg
				return
			}
		}
		held := make([]int, len(s.Caps))
		for i, f := range fs {
			r := &p.prefill[i]
			r.Started, r.CallTick = true, tick.Add(1)
			var err error
			msg := harness.Call(pkg, fmt.Sprintf("Put(%d)", f.V), func() { err = queues[f.Q].Put(context.Background(), f.V) })
			r.Returned, r.RetTick, r.Ret, r.Err = true, tick.Add(1), now(), errText(err)
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
		var wg sync.WaitGroup
		ctxs := make([]context.Context, len(calls))
		cancels := make([]context.CancelFunc, len(calls))
		for _, c := range calls[1:] {
			if (c.Kind == opPut || c.Kind == opTake) && c.Ctx == ctxCancel {
				ctxs[c.ID], cancels[c.ID] = context.WithCancel(context.Background())
				cancel := cancels[c.ID]
				wg.Go(func() {
					sleepUntil(c.End)
					cancel()
				})
			}
		}
		for _, cl := range s.Callers {
			wg.Go(func() {
				sleepUntil(cl.At)
				for _, c := range cl.Calls {
					r := &p.recs[c.ID]
					var ctx context.Context = context.Background()
					cancel := context.CancelFunc(func() {})
					switch c.Ctx {
					case ctxTimeout:
						ctx, cancel = context.WithTimeout(context.Background(), c.D)
					case ctxCancel:
						ctx = ctxs[c.ID]
					case ctxCanceled:
						ctx, cancel = context.WithCancel(context.Background())
						cancel()
					case ctxExpired:
						ctx, cancel = context.WithDeadline(context.Background(), time.Now())
					}
					tc := trackctx.New(ctx)
					r.Started, r.Start, r.CallTick = true, now(), tick.Add(1)
					var err error
					q := queues[c.Q]
					msg := harness.Call(pkg, c.String(), func() {
						switch c.Kind {
						case opPut:
							err = q.Put(tc, c.V)
						case opTake:
							r.V, err = q.Take(tc)
						case opLen:
							r.V = q.Len()
						case opCancel:
							cancels[c.Target]()
						}
					})
					r.RetTick, r.Ret, r.Returned = tick.Add(1), now(), true
					r.Err = errText(err)
					r.Leaked = tc.Leaked()
					cancel()
					if msg != "" {
						r.Panic = msg
						return
					}
				}
			})
		}
		wg.Wait()
	})
	return p
}
