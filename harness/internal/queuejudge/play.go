package queuejudge

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/internal/trackctx"
	"github.com/gokata/workbook/harness/timeline"
)

// A Record is what happened to one call of a schedule.
type Record struct {
	Started  bool
	Start    time.Duration // fake time of the call
	Returned bool
	Ret      time.Duration // fake time of the return
	CallTick int64         // the order of calls and returns, for porcupine
	RetTick  int64
	Err      string         // a call that Waits: ErrNil, ErrCanceled, ErrDeadline or another error
	V        int            // what a call returned besides its error: an item, a length
	Panicked bool           // the call panicked as its contract says it must (workqueue's TaskDone)
	Leaked   bool           // returned with a context.AfterFunc still registered on a live ctx
	Panic    string         // a verdict: any other panic
	Span     *timeline.Span // the call in the timeline (nil for a cancel call)
}

// A Clock is a played run's fake time, from the instant it is made in a synctest
// bubble, and the tick counter that orders calls and returns for porcupine.
type Clock struct {
	t0   time.Time
	tick atomic.Int64
}

// NewClock starts a Clock at the current (fake) time.
func NewClock() *Clock { return &Clock{t0: time.Now()} }

// Now is the time since the Clock started.
func (k *Clock) Now() time.Duration { return time.Since(k.t0) }

// SleepUntil sleeps until instant at, if it is still to come.
func (k *Clock) SleepUntil(at time.Duration) {
	if d := at - k.Now(); d > 0 {
		time.Sleep(d)
	}
}

// Tick returns the next tick.
func (k *Clock) Tick() int64 { return k.tick.Add(1) }

// RunCallers plays the callers of s, each in a goroutine of its own that sleeps until its
// instant and makes its calls back to back, and the judge's goroutines that cancel the
// CtxCancel contexts at their End; it returns when all are done. do makes call c with
// ctx (wrapped in a trackctx.Context), sets r.V, and returns the call's error and, for a
// panic, a verdict; cancel cancels the ctx of the call with the given id. Each goroutine
// writes only the records of its own calls.
//
// Each call is recorded in tl (see Lanes) as a span that ends with result(c, r); a cancel
// call and the judge's cancels as marks.
func RunCallers[K Kind](s Schedule[K], recs []Record, clk *Clock, tl *timeline.Timeline, result func(Call[K], Record) string, do func(c Call[K], ctx context.Context, r *Record, cancel func(id int)) (error, string)) {
	calls := s.Calls()
	var wg sync.WaitGroup
	ctxs := make([]context.Context, len(calls))
	cancels := make([]context.CancelFunc, len(calls))
	for _, c := range calls[1:] {
		if c.Waits() && c.Ctx == CtxCancel {
			ctxs[c.ID], cancels[c.ID] = context.WithCancel(context.Background())
			cancel := cancels[c.ID]
			wg.Go(func() {
				clk.SleepUntil(c.End)
				cancel()
				tl.Mark(tlmark.Judge, fmt.Sprintf("canceled ctx of #%d", c.ID))
			})
		}
	}
	cancelCall := func(id int) { cancels[id]() }
	for i, cl := range s.Callers {
		lane := CallerName(i)
		wg.Go(func() {
			clk.SleepUntil(cl.At)
			for _, c := range cl.Calls {
				r := &recs[c.ID]
				var ctx context.Context = context.Background()
				cancel := context.CancelFunc(func() {})
				switch c.Ctx {
				case CtxTimeout:
					ctx, cancel = context.WithTimeout(context.Background(), c.D)
				case CtxCancel:
					ctx = ctxs[c.ID]
				case CtxCanceled:
					ctx, cancel = context.WithCancel(context.Background())
					cancel()
				case CtxExpired:
					ctx, cancel = context.WithDeadline(context.Background(), time.Now())
				}
				tc := trackctx.New(ctx)
				var sp *timeline.Span
				if !c.Kind.Cancels() {
					sp = tl.Begin(lane, timeline.Call, fmt.Sprintf("#%d %s", c.ID, s.On(c)))
				}
				r.Started, r.Start, r.CallTick, r.Span = true, clk.Now(), clk.Tick(), sp
				err, msg := do(c, tc, r, cancelCall)
				r.RetTick, r.Ret, r.Returned = clk.Tick(), clk.Now(), true
				r.Err = ErrText(err)
				r.Leaked = tc.Leaked()
				cancel()
				switch {
				case msg != "":
					sp.End("panicked")
				case c.Kind.Cancels():
					tl.Mark(lane, fmt.Sprintf("canceled ctx of #%d", c.Target))
				default:
					sp.End(Short(result(c, *r)))
				}
				if msg != "" {
					r.Panic = msg
					return
				}
			}
		})
	}
	wg.Wait()
}

// Lanes declares the lanes of a schedule's run in tl: the judge's (which makes the first
// Puts and cancels contexts), then one per goroutine of s.
func (s Schedule[K]) Lanes(tl *timeline.Timeline) {
	tl.Lanes(tlmark.Judge)
	for i := range s.Callers {
		tl.Lanes(CallerName(i))
	}
}

// LaneOf returns the lane of the call with the given id: its goroutine's, or the judge's
// for id 0 (no call).
func (s Schedule[K]) LaneOf(id int) string {
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			if c.ID == id {
				return CallerName(i)
			}
		}
	}
	return tlmark.Judge
}

// Broke records where the rule of verdict broke, in the lane of call id (the judge's
// for 0): "#3 lost wakeup". It marks the instant at where the rule shows broken: right
// after the return of call id when at is that return (rec is the call's record), else
// after the events of instant at (see timeline.Timeline.BrokeAt); or the end of the run
// when at is negative.
func (s Schedule[K]) Broke(t *testing.T, tl *timeline.Timeline, verdict string, id int, rec Record, at time.Duration) {
	label := timeline.Rule(verdict)
	if id != 0 {
		label = timeline.Cut(fmt.Sprintf("#%d %s", id, label), timeline.MaxLabel)
	}
	switch {
	case at < 0:
		tl.Broke(s.LaneOf(id), label)
	case id != 0 && rec.Returned && rec.Ret == at && rec.Span != nil:
		tl.BrokeAfter(rec.Span.Done(), s.LaneOf(id), label)
	default:
		tl.BrokeAt(at, s.LaneOf(id), label)
	}
}

// Short shortens a result for a timeline's label: "0, Canceled" for
// "0, context.Canceled".
func Short(result string) string { return short.Replace(result) }

var short = strings.NewReplacer(ErrCanceled, "Canceled", ErrDeadline, "Deadline")

// CtxEnds returns the instant each waiting call's ctx ended (a ctx that ends before the
// call is made ends, for the judge, when the call is made; a cancel call ends a CtxCancel
// ctx early).
func CtxEnds[K Kind](calls []Call[K], recs []Record) []time.Duration {
	ends := make([]time.Duration, len(calls))
	canceled := map[int]time.Duration{}
	for _, c := range calls[1:] {
		if r := recs[c.ID]; c.Kind.Cancels() && r.Started {
			if at, ok := canceled[c.Target]; !ok || r.Start < at {
				canceled[c.Target] = r.Start
			}
		}
	}
	for _, c := range calls[1:] {
		r := recs[c.ID]
		switch c.Ctx {
		case CtxTimeout:
			ends[c.ID] = r.Start + c.D
		case CtxCancel:
			ends[c.ID] = c.End
			if at, ok := canceled[c.ID]; ok && at < c.End {
				ends[c.ID] = at
			}
			ends[c.ID] = max(ends[c.ID], r.Start)
		default:
			ends[c.ID] = r.Start
		}
	}
	return ends
}

// DescribeCall names a call for a learner: "#3 Put(3) of goroutine B (called at 1.2µs,
// ctx from context.WithTimeout(5µs))".
func (s Schedule[K]) DescribeCall(id int, r Record) string {
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			if c.ID != id {
				continue
			}
			text := fmt.Sprintf("#%d %s of %s (called at %v", id, s.On(c), CallerName(i), r.Start)
			if c.Waits() {
				text += ", " + c.CtxString()
			}
			return text + ")"
		}
	}
	return fmt.Sprintf("call #%d", id)
}
