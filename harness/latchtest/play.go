package latchtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// A played run of a schedule: the learner's outcome, and how it ended.
type played struct {
	got       outcome
	started   []bool // per step: its goroutine reached it
	waiting   []bool // per waiter: Wait was called
	panicMsg  string
	stuck     *harness.Stuck
	traces    []*trace // what each goroutine did, for the timeline
	lanes     []string
	brokeLane string // the lane of the goroutine that panicked
}

// play runs s in a synctest bubble, where every instant of the schedule is exact: each
// goroutine sleeps until its instant, so the calls of one instant run, and everything
// they wake runs, before fake time moves on.
//
// The goroutines of the bubble share no lock, atomic or channel of the harness: each
// writes only its own slots of the outcome, read once the bubble is over. Anything they
// shared would order the learner's memory accesses for the race detector and hide a data
// race between them.
//
// The race detector also checks the memory model: each CountDown that takes a count down
// happens before every Wait released by its round returns, so a waiter may read what the
// counting goroutines wrote before they counted down (m says which calls those are).
func play(t *testing.T, pkg string, newLatch func(int) Latch, s schedule, m *model) *played {
	p := &played{
		got:     outcome{Steps: make([]stepOutcome, len(s.Steps)), Waiters: make([]waitOutcome, len(s.Waiters))},
		started: make([]bool, len(s.Steps)),
		waiting: make([]bool, len(s.Waiters)),
	}
	newPanic := ""
	stepPanics := make([]string, len(s.Steps))
	waitPanics := make([]string, len(s.Waiters))
	written := make([][]int, len(s.Steps)) // per step and call: set before a decrementing CountDown
	for i, st := range s.Steps {
		written[i] = make([]int, len(st.Ops))
	}
	seen := make([]int, len(s.Waiters))
	actors := make([]*trace, s.Actors)
	waiters := make([]*trace, len(s.Waiters))
	cancels := make([]*trace, len(s.Waiters))
	for a := range s.Actors {
		p.lanes = append(p.lanes, actorName(a))
	}
	for i := range s.Waiters {
		p.lanes = append(p.lanes, waiterName(i))
	}
	if slices.ContainsFunc(s.Waiters, func(w waiter) bool { return w.Ctx == ctxCancel }) {
		p.lanes = append(p.lanes, judgeLane) // it cancels their contexts
	}
	p.stuck = harness.Bubble(t, pkg, func() {
		t0 := time.Now()
		now := func() time.Duration { return time.Since(t0) }
		// Each goroutine records into its own trace (see trace).
		for a := range actors {
			actors[a] = newTrace(actorName(a), 1, now)
		}
		for i := range s.Waiters {
			waiters[i] = newTrace(waiterName(i), 2, now)
			cancels[i] = newTrace(judgeLane, 0, now)
		}
		sleepUntil := func(at time.Duration) {
			if d := at - now(); d > 0 {
				time.Sleep(d)
			}
		}
		latches := make([]Latch, len(s.Counts))
		for i, c := range s.Counts {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", c), func() { latches[i] = newLatch(c) }); msg != "" {
				newPanic = msg
				return
			}
		}
		var wg sync.WaitGroup
		for a := range s.Actors {
			wg.Go(func() {
				tr := actors[a]
				for i, st := range s.Steps {
					if st.Actor != a {
						continue
					}
					sleepUntil(st.At)
					p.started[i] = true
					begin := now()
					res := &p.got.Steps[i]
					for k, o := range st.Ops {
						if m.decrements[i][k] {
							// If the race detector reports this line, a Wait returned without
							// synchronizing with this CountDown of its round: CountDown must
							// happen before the Wait it releases returns.
							written[i][k] = 1
						}
						var r string
						sp := tr.begin(timeline.Call, s.latchName(st.Latch)+o.String())
						if msg := harness.Call(pkg, o.String(), func() { r = apply(latches[st.Latch], o) }); msg != "" {
							stepPanics[i] = msg
							tr.end(sp, "panicked")
							return
						}
						tr.end(sp, returned(r))
						res.Results = append(res.Results, r)
					}
					res.Returned = true
					res.Took = now() - begin
				}
			})
		}
		for i, wt := range s.Waiters {
			// Contexts that are not made by the waiter are made now, at the start.
			var ctx context.Context
			var cancel context.CancelFunc
			switch wt.Ctx {
			case ctxDeadline:
				ctx, cancel = context.WithDeadline(context.Background(), t0.Add(wt.End))
			case ctxCancel:
				ctx, cancel = context.WithCancel(context.Background())
				wg.Go(func() {
					sleepUntil(wt.End)
					cancels[i].mark(timeline.Mark, "cancel ctx of "+waiterName(i))
					cancel()
				})
			}
			wg.Go(func() {
				sleepUntil(wt.Start)
				ctx, cancel := ctx, cancel
				switch wt.Ctx {
				case ctxTimeout:
					ctx, cancel = context.WithTimeout(context.Background(), wt.End-wt.Start)
				case ctxCanceled:
					ctx, cancel = context.WithCancel(context.Background())
					cancel()
				case ctxExpired:
					ctx, cancel = context.WithDeadline(context.Background(), t0.Add(wt.Start))
				}
				defer cancel()
				p.waiting[i] = true
				var err error
				sp := waiters[i].begin(timeline.Call, s.latchName(wt.Latch)+"Wait")
				if msg := harness.Call(pkg, "Wait", func() { err = latches[wt.Latch].Wait(ctx) }); msg != "" {
					waitPanics[i] = msg
					waiters[i].end(sp, "panicked")
					return
				}
				waiters[i].end(sp, shortErr(errText(err)))
				p.got.Waiters[i] = waitOutcome{Returned: true, Err: errText(err), At: now()}
				if want := m.want.Waiters[i]; err == nil && want.Err == errNil && want.At == p.got.Waiters[i].At {
					for _, c := range m.released[i] {
						// If the race detector reports this line, Wait returned nil without
						// synchronizing with every CountDown of its round (see above).
						seen[i] += written[c.Step][c.Op]
					}
				}
			})
		}
		wg.Wait()
	})
	// The bubble is over (its goroutines have returned or are blocked for good), and
	// synctest orders everything they did before this point.
	for i, msg := range append(append([]string{newPanic}, stepPanics...), waitPanics...) {
		if msg != "" {
			p.panicMsg = msg
			switch {
			case i == 0:
				p.brokeLane = judgeLane
			case i <= len(s.Steps):
				p.brokeLane = actorName(s.Steps[i-1].Actor)
			default:
				p.brokeLane = waiterName(i - 1 - len(s.Steps))
			}
			break
		}
	}
	for _, tr := range actors {
		if tr != nil {
			p.traces = append(p.traces, tr)
		}
	}
	for i := range s.Waiters {
		if waiters[i] != nil {
			p.traces = append(p.traces, waiters[i], cancels[i])
		}
	}
	return p
}

// judgeLane is the timeline's lane of the judge's own goroutines.
const judgeLane = "judge"

// returned renders a call's result ("Count() = 2") as the end of its span: the value
// returned, or "returned".
func returned(result string) string {
	if v := value(result); v != "" {
		return v
	}
	return "returned"
}

// shortErr shortens what Wait returned for a timeline's label.
func shortErr(err string) string {
	switch err {
	case errCanceled:
		return "Canceled"
	case errDeadline:
		return "DeadlineExceeded"
	case errNil:
		return "nil"
	}
	return "an error"
}

// apply makes one call of a step and renders its result.
func apply(l Latch, o op) string {
	switch o.Kind {
	case opCountDown:
		l.CountDown()
		return o.String()
	case opCount:
		return fmt.Sprintf("%v = %d", o, l.Count())
	}
	return fmt.Sprintf("%v = %t", o, l.TrySetCount(o.N))
}

// errText renders what Wait returned.
func errText(err error) string {
	switch {
	case err == nil:
		return errNil
	case err == context.Canceled:
		return errCanceled
	case err == context.DeadlineExceeded:
		return errDeadline
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%q (a wrapped context error; return ctx.Err() itself)", err.Error())
	}
	return fmt.Sprintf("%q", err.Error())
}
