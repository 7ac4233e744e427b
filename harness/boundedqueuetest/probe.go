package boundedqueuetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// ProbeWindow is how long a probe watches a blocked call before releasing it.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how Put and Take block: a Put on a full Queue released by a
// Take and by its ctx, a Take on an empty Queue released by a Put and by its ctx. A
// blocked goroutine uses no CPU, is not found in time.Sleep, and once the call has
// returned no goroutine of the learner's is left (checked while the ctx is still alive).
func probe(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	for _, pr := range []struct {
		waiter, byCtx bool // waiter: Put (true) or Take; byCtx: released by its ctx
	}{{true, false}, {false, false}, {true, true}, {false, true}} {
		var q Queue
		var got int
		var gotErr error
		p := queuejudge.Probe{
			Method: "Take", CallName: "Take", Other: "Put(7)", State: "an empty Queue", ByCtx: pr.byCtx, Awaited: "an item",
			New:     func() string { return harness.Call(pkg, "New(1)", func() { q = newQueue(1) }) },
			Call:    func(ctx context.Context) (int, error) { return q.Take(ctx) },
			Release: func() { gotErr = q.Put(context.Background(), 7) },
			Got:     func(v int, err error) string { return fmt.Sprintf("%d, %s", v, errText(err)) },
			Want:    "7, nil",
		}
		if pr.waiter {
			p.Method, p.CallName, p.Other, p.State, p.Awaited = "Put(2)", "Put", "Take", "a full Queue (capacity 1, holding 1)", "room"
			p.New = func() string {
				if msg := harness.Call(pkg, "New(1)", func() { q = newQueue(1) }); msg != "" {
					return msg
				}
				return harness.Call(pkg, "Put(1)", func() { q.Put(context.Background(), 1) })
			}
			p.Call = func(ctx context.Context) (int, error) { return 0, q.Put(ctx, 2) }
			p.Release = func() { got, gotErr = q.Take(context.Background()) }
			p.Got = func(_ int, err error) string { return errText(err) }
			p.Want = errNil
		}
		p.Released = func() string {
			if gotErr != nil || (pr.waiter && got != 1) {
				return fmt.Sprintf("wrong result: %s on %s while %s waited returned %d, %s", p.Other, p.State, p.Method, got, errText(gotErr))
			}
			return ""
		}
		if pr.byCtx {
			p.Want = map[bool]string{true: errCanceled, false: "0, " + errCanceled}[pr.waiter]
		}
		queuejudge.RunProbe(t, pkg, w, ProbeWindow, p)
	}
}
