package barriertest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// A played run of a schedule: the learner's outcome, and how it ended.
type played struct {
	got     outcome
	calling [][]bool        // per waiter and call: Await was called
	resets  []time.Duration // per Reset of the schedule: how long it took
	panics  []string        // per waiter: the verdict of an Await that panicked
	// finalReset: the judge made its Resets at the end (s.end()).
	finalReset bool
	panicMsg   string
	stuck      *harness.Stuck
}

// play runs s in a synctest bubble, where every instant of the schedule is exact: each
// goroutine sleeps until its instant, so the calls of one instant run, and everything
// they wake runs, before fake time moves on. The goroutines share no lock or channel of
// the harness: each writes only its own slots of the outcome, read once the bubble is
// over.
func play(t *testing.T, sub subject, s schedule) *played {
	pkg, w := sub.pkg, sub.w
	p := &played{
		got:     outcome{Calls: make([][]callOutcome, len(s.Waiters))},
		calling: make([][]bool, len(s.Waiters)),
		resets:  make([]time.Duration, len(s.Resets)),
	}
	for i := range s.Waiters {
		p.got.Calls[i] = make([]callOutcome, 1, 2)
		p.calling[i] = make([]bool, 2)
	}
	panics := make([]string, len(s.Waiters)+len(s.Resets)+2)
	p.stuck = harness.Bubble(t, pkg, func() {
		t0 := time.Now()
		now := func() time.Duration { return time.Since(t0) }
		sleepUntil := func(at time.Duration) {
			if d := at - now(); d > 0 {
				time.Sleep(d)
			}
		}
		bs := make([]Barrier, len(s.Parties))
		for i, n := range s.Parties {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { bs[i] = sub.newBarrier(n) }); msg != "" {
				panics[0] = msg
				return
			}
		}
		var wg sync.WaitGroup
		for i, wt := range s.Waiters {
			// Contexts that are not made by the waiter are made now, at the start.
			var ctx context.Context = context.Background()
			cancel := context.CancelFunc(func() {})
			switch wt.Ctx {
			case ctxDeadline:
				ctx, cancel = context.WithDeadline(context.Background(), t0.Add(wt.End))
			case ctxCancel:
				ctx, cancel = context.WithCancel(context.Background())
				wg.Go(func() {
					sleepUntil(wt.End)
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
				for c := range 2 {
					p.calling[i][c] = true
					start := now()
					var arrival int
					var err error
					if msg := harness.Call(pkg, "Await", func() { arrival, err = bs[wt.Barrier].Await(ctx) }); msg != "" {
						panics[1+i] = msg
						return
					}
					w.Progress()
					o := callOutcome{Returned: true, Arrival: arrival, Err: errText(err, sub.errBroken), At: now()}
					if err != nil {
						o.Arrival = 0
					}
					if c == 0 {
						p.got.Calls[i][0] = o
					} else {
						p.got.Calls[i] = append(p.got.Calls[i], o)
					}
					// Again only right after an Await that returned at once as the last.
					if !wt.Again || c > 0 || err != nil || arrival != 0 || o.At != start {
						return
					}
				}
			})
		}
		for k, r := range s.Resets {
			wg.Go(func() {
				sleepUntil(r.At)
				if msg := harness.Call(pkg, "Reset", bs[r.Barrier].Reset); msg != "" {
					panics[1+len(s.Waiters)+k] = msg
					return
				}
				p.resets[k] = now() - r.At
			})
		}
		sleepUntil(s.end())
		p.finalReset = true
		for _, b := range bs {
			if msg := harness.Call(pkg, "Reset", b.Reset); msg != "" {
				panics[len(panics)-1] = msg
				return
			}
		}
		wg.Wait()
	})
	p.panics = panics[1 : 1+len(s.Waiters)]
	for _, msg := range panics {
		if msg != "" {
			p.panicMsg = msg
			break
		}
	}
	return p
}

// errText renders what Await returned; broken is the learner's ErrBroken.
func errText(err, broken error) string {
	switch {
	case err == nil:
		return errNil
	case err == context.Canceled:
		return errCanceled
	case err == context.DeadlineExceeded:
		return errDeadline
	case err == broken:
		return errBroken
	case errors.Is(err, broken):
		return fmt.Sprintf("%q (a wrapped ErrBroken; return ErrBroken itself)", err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%q (a wrapped context error; return ctx.Err() itself)", err.Error())
	}
	return fmt.Sprintf("%q", err.Error())
}
