package workqueuetest

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

// registrations makes thousands of calls on one Queue, in a bubble: Gets and Joins that
// end by their ctx, then Gets and Joins released by Put and TaskDone that all use one
// long-lived ctx. Neither the Queue nor that ctx may grow with the number of calls, and
// no goroutine of the learner's may be left while the ctx lives.
func registrations(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) {
	t.Helper()
	mk := func(setup func(Queue)) func() Queue {
		return func() Queue {
			q := newQueue()
			setup(q)
			return q
		}
	}
	queuejudge.RunRegistrations(t, pkg, w, "New()", []queuejudge.RegCase[Queue]{
		{Name: "Gets on an empty Queue that ended by their ctx", New: mk(func(Queue) {}), Run: func(q Queue, _ context.Context, i int) (string, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			v, err := q.Get(ctx)
			return fmt.Sprintf("%d, %s", v, errText(err)), "0, " + errDeadline
		}},
		{Name: "Joins with a task unfinished that ended by their ctx", New: mk(func(q Queue) { q.Put(1) }), Run: func(q Queue, _ context.Context, i int) (string, string) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Duration(1+i%7))
			defer cancel()
			return errText(q.Join(ctx)), errDeadline
		}},
		{Name: "Gets on an empty Queue released by a Put, each with the same long-lived ctx", New: mk(func(Queue) {}), Run: func(q Queue, ctx context.Context, i int) (string, string) {
			go func() {
				time.Sleep(time.Nanosecond) // after Get has blocked
				q.Put(i + 1)
			}()
			v, err := q.Get(ctx)
			q.TaskDone()
			return fmt.Sprintf("%d, %s", v, errText(err)), fmt.Sprintf("%d, nil", i+1)
		}},
		{Name: "Joins released by TaskDone, each with the same long-lived ctx", New: mk(func(Queue) {}), Run: func(q Queue, ctx context.Context, i int) (string, string) {
			q.Put(i + 1)
			q.Get(ctx)
			go func() {
				time.Sleep(time.Nanosecond) // after Join has blocked
				q.TaskDone()
			}()
			return errText(q.Join(ctx)), errNil
		}},
	})
}
