package semaphoretest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// A played run of a schedule: the learner's outcome, and how it ended.
type played struct {
	got      outcome
	started  []bool   // per event: the call was made
	panics   []string // per event: the verdict of a call that panicked
	panicMsg string
	stuck    *harness.Stuck
}

// play runs s in a synctest bubble, where every instant of the schedule is exact: each
// goroutine sleeps until its instant, so the call of one instant runs, and everything it
// wakes runs, before fake time moves on.
//
// The goroutines of the bubble share no lock, atomic or channel of the harness: each
// writes only its own slots of the outcome, read once the bubble is over. Anything they
// shared would order the learner's memory accesses for the race detector and hide a data
// race between them.
func play(t *testing.T, pkg string, newWeighted func(int64) Weighted, s schedule) *played {
	p := &played{
		got:     outcome{Calls: make([]callOutcome, len(s.Events))},
		started: make([]bool, len(s.Events)),
	}
	newPanic := ""
	panics := make([]string, len(s.Events))
	p.stuck = harness.Bubble(t, pkg, func() {
		t0 := time.Now()
		now := func() time.Duration { return time.Since(t0) }
		sleepUntil := func(at time.Duration) {
			if d := at - now(); d > 0 {
				time.Sleep(d)
			}
		}
		sems := make([]Weighted, len(s.Sizes))
		for i, size := range s.Sizes {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", size), func() { sems[i] = newWeighted(size) }); msg != "" {
				newPanic = msg
				return
			}
		}
		var wg sync.WaitGroup
		for a := range s.Actors {
			wg.Go(func() {
				for i, e := range s.Events {
					if e.Kind == acquire || e.Actor != a {
						continue
					}
					sleepUntil(e.At)
					p.started[i] = true
					var ok bool
					if msg := harness.Call(pkg, e.call(), func() {
						if e.Kind == tryAcquire {
							ok = sems[e.Sem].TryAcquire(e.N)
						} else {
							sems[e.Sem].Release(e.N)
						}
					}); msg != "" {
						if e.Kind == release && strings.Contains(msg, "released more than held") {
							// After an earlier difference the learner may hold less than the
							// model: a difference, not a crash.
							p.got.Calls[i] = callOutcome{Returned: true, Result: "panicked: released more than held", At: now()}
							continue
						}
						panics[i] = msg
						return
					}
					p.got.Calls[i] = callOutcome{Returned: true, At: now()}
					if e.Kind == tryAcquire {
						p.got.Calls[i].Result = boolText(ok)
					}
				}
			})
		}
		for i, e := range s.Events {
			if e.Kind != acquire {
				continue
			}
			// Contexts that are not made by the waiter are made now, at the start.
			var ctx context.Context
			var cancel context.CancelFunc
			switch e.Ctx {
			case ctxDeadline:
				ctx, cancel = context.WithDeadline(context.Background(), t0.Add(e.End))
			case ctxCancel:
				ctx, cancel = context.WithCancel(context.Background())
				wg.Go(func() {
					sleepUntil(e.End)
					cancel()
				})
			}
			wg.Go(func() {
				sleepUntil(e.At)
				ctx, cancel := ctx, cancel
				switch e.Ctx {
				case ctxTimeout:
					ctx, cancel = context.WithTimeout(context.Background(), e.End-e.At)
				case ctxCanceled:
					ctx, cancel = context.WithCancel(context.Background())
					cancel()
				case ctxExpired:
					ctx, cancel = context.WithDeadline(context.Background(), t0.Add(e.At))
				}
				defer cancel()
				p.started[i] = true
				var err error
				if msg := harness.Call(pkg, "Acquire", func() { err = sems[e.Sem].Acquire(ctx, e.N) }); msg != "" {
					panics[i] = msg
					return
				}
				p.got.Calls[i] = callOutcome{Returned: true, Result: errText(err), At: now()}
			})
		}
		wg.Wait()
	})
	// The bubble is over, and synctest orders everything its goroutines did before here.
	p.panics = panics
	for _, msg := range append([]string{newPanic}, panics...) {
		if msg != "" {
			p.panicMsg = msg
			break
		}
	}
	return p
}

// errText renders what Acquire returned.
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
