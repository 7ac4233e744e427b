package boundedqueuetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// Registrations is how many calls each case of the registrations rule makes on one
// Queue, and RetainedPerCall the bytes per call it lets a Queue (and the ctx it was
// given) keep (see queuejudge.RunRegistrations).
const (
	Registrations   = queuejudge.Registrations
	RetainedPerCall = queuejudge.RetainedPerCall
)

// registrations makes thousands of calls on one Queue, in a bubble: calls that end by
// their ctx, then calls released by the other side that all use one long-lived ctx.
// Neither the Queue nor that ctx may grow with the number of calls, and no goroutine of
// the learner's may be left while the ctx lives.
func registrations(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	prefill := func(q Queue) { q.Put(context.Background(), 1) }
	mk := func() Queue { return newQueue(1) }
	queuejudge.RunRegistrations(t, pkg, w, "New(1)", []queuejudge.RegCase[Queue]{
		{Name: "Puts on a full Queue that ended by their ctx", New: mk, Prefill: prefill, Run: func(q Queue, _ context.Context, i int) (string, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			return errText(q.Put(ctx, 2)), errDeadline
		}},
		{Name: "Takes on an empty Queue that ended by their ctx", New: mk, Run: func(q Queue, _ context.Context, i int) (string, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			v, err := q.Take(ctx)
			return fmt.Sprintf("%d, %s", v, errText(err)), "0, " + errDeadline
		}},
		{Name: "Takes on an empty Queue released by a Put, each with the same long-lived ctx", New: mk, Run: func(q Queue, ctx context.Context, i int) (string, string) {
			go func() {
				time.Sleep(time.Nanosecond) // after Take has blocked
				q.Put(context.Background(), i+1)
			}()
			v, err := q.Take(ctx)
			return fmt.Sprintf("%d, %s", v, errText(err)), fmt.Sprintf("%d, nil", i+1)
		}},
		{Name: "Puts on a full Queue released by a Take, each with the same long-lived ctx", New: mk, Prefill: prefill, Run: func(q Queue, ctx context.Context, i int) (string, string) {
			go func() {
				time.Sleep(time.Nanosecond) // after Put has blocked
				q.Take(context.Background())
			}()
			return errText(q.Put(ctx, i+2)), errNil
		}},
	})
}
