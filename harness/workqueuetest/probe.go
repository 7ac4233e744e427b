package workqueuetest

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

// probe checks, in real time, how Get and Join block: a Get on an empty Queue released by
// a Put and by its ctx, a Join with one unfinished task released by TaskDone and by its
// ctx. A blocked goroutine uses no CPU, is not found in time.Sleep, and once the call has
// returned no goroutine of the learner's is left (checked while the ctx is still alive).
func probe(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) {
	t.Helper()
	for _, pr := range []struct {
		join, byCtx bool
	}{{false, false}, {true, false}, {false, true}, {true, true}} {
		var q Queue
		p := queuejudge.Probe{
			Method: "Get", CallName: "Get", Other: "Put(7)", State: "an empty Queue", ByCtx: pr.byCtx, Awaited: "an item",
			New:     func() string { return harness.Call(pkg, "New()", func() { q = newQueue() }) },
			Call:    func(ctx context.Context) (int, error) { return q.Get(ctx) },
			Release: func() { q.Put(7) },
			Got:     func(v int, err error) string { return fmt.Sprintf("%d, %s", v, errText(err)) },
			Want:    "7, nil",
		}
		if pr.join {
			p.Method, p.CallName, p.Other, p.State, p.Awaited = "Join", "Join", "TaskDone", "a Queue with one unfinished task", "TaskDone"
			p.New = func() string {
				if msg := harness.Call(pkg, "New()", func() { q = newQueue() }); msg != "" {
					return msg
				}
				return harness.Call(pkg, "Put, Get", func() {
					q.Put(1)
					q.Get(context.Background())
				})
			}
			p.Call = func(ctx context.Context) (int, error) { return 0, q.Join(ctx) }
			p.Release = func() { q.TaskDone() }
			p.Got = func(_ int, err error) string { return errText(err) }
			p.Want = errNil
		}
		if pr.byCtx {
			p.Want = map[bool]string{true: errCanceled, false: "0, " + errCanceled}[pr.join]
		}
		queuejudge.RunProbe(t, pkg, w, ProbeWindow, p)
	}
}
