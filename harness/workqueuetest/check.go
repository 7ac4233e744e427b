// Package workqueuetest checks implementations of the workqueue kata.
package workqueuetest

import (
	"context"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// Queue is the API of the kata, for a Queue of ints.
type Queue interface {
	Put(v int)
	Get(ctx context.Context) (int, error)
	TaskDone()
	Join(ctx context.Context) error
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// Check hammers newQueue's Queues (pass New[int]), rule by rule:
//
//   - "sequential": one goroutine calls every method with contexts that are already done
//     or never end: FIFO order, TaskDone's panic, Join at zero, a Get or Join that cannot
//     proceed returns ctx.Err() and changes nothing, separate Queues.
//   - "waiting": real-time probes of a blocked Get and a blocked Join: no spinning, no
//     sleep-polling, released by Put (TaskDone) and by their ctx, nothing left behind.
//   - "schedules": hand-written and generated schedules in synctest bubbles (fake time,
//     exact to the nanosecond): goroutines make a few calls back to back at odd instants,
//     with contexts that time out or are canceled, also by another goroutine at the very
//     instant of a wakeup. Every instant at which the run stands still is checked (no Get
//     waiting while an item is there, no Join once the count reached zero since it began,
//     no call whose ctx ended), each result, items lost or taken twice, Joins that return
//     before every task is done, the context.AfterFunc registrations a call leaves behind,
//     deadlocks and goroutine leaks; porcupine checks that some order of the calls
//     explains every result.
//   - "herd": in real time, hundreds of times, four waiting Gets and three Puts, one
//     after another, each of which lets exactly one of them through (a Get that checks "not empty" in one critical section
//     and takes in the next lets two through).
//   - "stress": in real time, the seed's story with nothing of the judge between the
//     goroutines: three workers Get, work and call TaskDone while a producer puts tasks
//     and joins, then reads what the workers wrote (the race detector checks that
//     TaskDone happens before Join returns).
//   - "registrations": thousands of calls on one Queue and one long-lived ctx must leave
//     no memory and no goroutine behind.
func Check[Q Queue](t *testing.T, newQueue func() Q) {
	t.Helper()
	pkg := harness.PackageOf(newQueue)
	w := harness.StartWatchdog(t, pkg)
	mk := func() Queue { return newQueue() }

	harness.Rules(t,
		harness.Rule{Name: "sequential", Check: func(t *testing.T) {
			if msg := sequential(t, pkg, w, mk); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			queuejudge.RunSchedules(t, w, Schedules, func(yield func(string, schedule) bool) {
				for _, c := range classics() {
					if !yield(c.name, c.s) {
						return
					}
				}
			}, draw, func(s schedule) string { return judge(t, pkg, w, mk, s) })
		}},
		harness.Rule{Name: "herd", Check: func(t *testing.T) { herd(t, pkg, w, mk) }},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
		harness.Rule{Name: "registrations", Check: func(t *testing.T) { registrations(t, pkg, w, mk) }},
	)
}

// ns is a duration in nanoseconds, for hand-written schedules.
func ns(n int64) time.Duration { return time.Duration(n) }

const long = 40 * time.Millisecond

var (
	putCall  = call{Kind: opPut}
	doneCall = call{Kind: opTaskDone}
)

func get(ctx ctxKind, d time.Duration) call  { return call{Kind: opGet, Ctx: ctx, D: d, End: d} }
func join(ctx ctxKind, d time.Duration) call { return call{Kind: opJoin, Ctx: ctx, D: d, End: d} }
func cancelCall(target int) call             { return call{Kind: opCancel, Target: target} }

// onQ puts a call on Queue q.
func onQ(q int, c call) call {
	c.Q = q
	return c
}

// classic makes a hand-written schedule: End of a ctxCancel call is given as a duration
// after its goroutine starts, like D.
func classic(prefill int, callers ...caller) schedule {
	return classicN([]int{prefill}, callers...)
}

// classicN makes a hand-written schedule of several Queues (set each call's Q).
func classicN(prefill []int, callers ...caller) schedule {
	s := schedule{queuejudge.Schedule[callKind]{Prefill: prefill, Callers: callers}}
	s.Arrange()
	return s
}

// classics are hand-written schedules run before the generated ones, so that the
// classic bugs are found on every run, whatever the seed.
func classics() []struct {
	name string
	s    schedule
} {
	return []struct {
		name string
		s    schedule
	}{
		{"the seed's story: a producer puts three tasks and joins; three workers get, work and call TaskDone", classic(0,
			caller{At: ns(1009), Calls: []call{get(ctxTimeout, long), doneCall}},
			caller{At: ns(1103), Calls: []call{get(ctxTimeout, long), doneCall}},
			caller{At: ns(1201), Calls: []call{get(ctxTimeout, long), doneCall, get(ctxTimeout, ns(20_011))}},
			caller{At: ns(2003), Calls: []call{putCall, putCall, putCall, join(ctxTimeout, long)}},
		)},
		{"a task is done and a new one is put at the same instant: the waiting Join must return, the round reached zero", classic(1,
			caller{At: ns(1103), Calls: []call{join(ctxCancel, long)}},
			caller{At: ns(2207), Calls: []call{get(ctxTimeout, long), doneCall, putCall}},
			caller{At: ns(3301), Calls: []call{get(ctxTimeout, long), doneCall}},
		)},
		{"a Join that starts while tasks are unfinished waits for tasks put after it too", classic(1,
			caller{At: ns(1103), Calls: []call{join(ctxTimeout, long)}},
			caller{At: ns(2207), Calls: []call{putCall, get(ctxTimeout, long), doneCall}},
			caller{At: ns(3301), Calls: []call{get(ctxTimeout, long), doneCall}},
		)},
		{"a Get gives up at the instant a Put brings an item: the item stays for the next Get", classic(0,
			caller{At: ns(1103), Calls: []call{get(ctxCancel, long)}},
			caller{At: ns(2207), Calls: []call{get(ctxCancel, long)}},
			caller{At: ns(3301), Calls: []call{cancelCall(1), putCall}},
			caller{At: ns(5501), Calls: []call{get(ctxTimeout, ns(20_011))}},
		)},
		{"two Joins and two Gets wait; one goroutine puts two tasks back to back", classic(0,
			caller{At: ns(1009), Calls: []call{get(ctxTimeout, long), doneCall}},
			caller{At: ns(1103), Calls: []call{get(ctxTimeout, long), doneCall}},
			caller{At: ns(1201), Calls: []call{join(ctxTimeout, long)}},
			caller{At: ns(2003), Calls: []call{putCall, putCall, join(ctxTimeout, long)}},
		)},
		{"two Queues: a Get waits on the first; on the second, a Get and a Join wait, then a TaskDone and a Put come, which concern the second Queue alone", classicN([]int{0, 1},
			caller{At: ns(1009), Calls: []call{onQ(0, get(ctxTimeout, long))}},
			caller{At: ns(1103), Calls: []call{onQ(1, get(ctxTimeout, long)), onQ(1, get(ctxTimeout, long))}},
			caller{At: ns(1307), Calls: []call{onQ(1, join(ctxTimeout, long))}},
			caller{At: ns(3301), Calls: []call{onQ(1, doneCall)}},
			caller{At: ns(5501), Calls: []call{onQ(1, putCall)}},
		)},
		{"a Get and a Join whose ctx times out", classic(0,
			caller{At: ns(1009), Calls: []call{get(ctxTimeout, ns(2003))}},
			caller{At: ns(3011), Calls: []call{putCall, join(ctxTimeout, ns(1999))}},
			caller{At: ns(7013), Calls: []call{get(ctxExpired, 0), get(ctxTimeout, ns(11)), doneCall, join(ctxCanceled, 0)}},
		)},
	}
}
