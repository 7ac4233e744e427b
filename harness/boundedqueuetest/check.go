// Package boundedqueuetest checks implementations of the boundedqueue kata.
package boundedqueuetest

import (
	"context"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// Queue is the API of the kata, for a Queue of ints.
type Queue interface {
	Put(ctx context.Context, v int) error
	Take(ctx context.Context) (int, error)
	Len() int
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// Check hammers newQueue's Queues (pass New[int]), rule by rule:
//
//   - "sequential": one goroutine calls every method with contexts that are already done
//     or never end: New's panic, a call that can proceed does so even with its ctx done,
//     one that cannot returns ctx.Err(), separate Queues.
//   - "waiting": real-time probes of a blocked Put and a blocked Take: no spinning, no
//     sleep-polling, released by the other side and by their ctx, nothing left behind.
//   - "schedules": hand-written and generated schedules in synctest bubbles (fake time,
//     exact to the nanosecond): goroutines make a few calls back to back at odd instants,
//     with contexts that time out or are canceled, also by another goroutine at the very
//     instant of a wakeup. Every instant at which the run stands still is checked (no
//     call still waiting although it could go on or its ctx ended: lost wakeups, polling),
//     each result (an item added by a Put that returned an error, an item taken twice,
//     errors before the ctx ended), the context.AfterFunc registrations a call leaves
//     behind, deadlocks and goroutine leaks, and porcupine checks that some order of the
//     calls explains every result.
//   - "linearizable": in real time, hundreds of times, four waiting Puts (Takes) and
//     three Takes (Puts), one after another, each of which lets exactly one of them
//     through (a check-then-act over two critical sections lets two through); then two goroutines lined up on a spinning
//     barrier make clashing calls for half a second, and porcupine checks each history.
//   - "stress": in real time, 4 producers and 4 consumers with nothing of the judge
//     between them, so that the race detector sees the Queue's synchronization alone
//     (a Put must happen before the Take that returns its item).
//   - "registrations": thousands of calls on one Queue and one long-lived ctx must leave
//     no memory and no goroutine behind.
func Check[Q Queue](t *testing.T, newQueue func(capacity int) Q) {
	t.Helper()
	pkg := harness.PackageOf(newQueue)
	w := harness.StartWatchdog(t, pkg)
	mk := func(n int) Queue { return newQueue(n) }

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
		harness.Rule{Name: "linearizable", Check: func(t *testing.T) {
			herd(t, pkg, w, mk)
			clashes(t, pkg, w, mk)
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
		harness.Rule{Name: "registrations", Check: func(t *testing.T) { registrations(t, pkg, w, mk) }},
	)
}

// ns is a duration in nanoseconds, for hand-written schedules.
func ns(n int64) time.Duration { return time.Duration(n) }

const long = 40 * time.Millisecond

func put(ctx ctxKind, d time.Duration) call { return call{Kind: opPut, Ctx: ctx, D: d, End: d} }
func take(ctx ctxKind, d time.Duration) call {
	return call{Kind: opTake, Ctx: ctx, D: d, End: d}
}
func cancelCall(target int) call { return call{Kind: opCancel, Target: target} }

// onQ puts a call on Queue q.
func onQ(q int, c call) call {
	c.Q = q
	return c
}

// classic makes a hand-written schedule: End of a ctxCancel call is given as a duration
// after its goroutine starts, like D.
func classic(cap, prefill int, callers ...caller) schedule {
	return classicN([]int{cap}, []int{prefill}, callers...)
}

// classicN makes a hand-written schedule of several Queues (set each call's Q).
func classicN(caps, prefill []int, callers ...caller) schedule {
	s := schedule{Schedule: queuejudge.Schedule[callKind]{Prefill: prefill, Callers: callers}, Caps: caps}
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
		{"a Take waits for a Put, a Put waits for a Take", classic(1, 0,
			caller{At: ns(1201), Calls: []call{take(ctxTimeout, long)}},
			caller{At: ns(3307), Calls: []call{put(ctxTimeout, long), put(ctxCancel, long)}},
			caller{At: ns(5413), Calls: []call{{Kind: opLen}, take(ctxTimeout, ns(20_011))}},
		)},
		{"putters and takers wait at the same time: two Takes wait on an empty queue of 1, then one goroutine makes two Puts back to back (one Cond with Signal loses a wakeup here)", classic(1, 0,
			caller{At: ns(1103), Calls: []call{take(ctxCancel, long)}},
			caller{At: ns(2207), Calls: []call{take(ctxCancel, long)}},
			caller{At: ns(3301), Calls: []call{put(ctxTimeout, long), put(ctxTimeout, long)}},
		)},
		{"the same with the sides swapped: two Puts wait on a full queue of 1, then one goroutine makes two Takes back to back", classic(1, 1,
			caller{At: ns(1103), Calls: []call{put(ctxCancel, long)}},
			caller{At: ns(2207), Calls: []call{put(ctxCancel, long)}},
			caller{At: ns(3301), Calls: []call{take(ctxTimeout, long), take(ctxTimeout, long), take(ctxTimeout, long)}},
		)},
		{"a waiting Put gives up at the instant a Take makes room: the room goes to the other waiting Put", classic(1, 1,
			caller{At: ns(1103), Calls: []call{put(ctxCancel, long)}},
			caller{At: ns(2207), Calls: []call{put(ctxCancel, long)}},
			caller{At: ns(3301), Calls: []call{cancelCall(1), take(ctxTimeout, ns(20_011))}},
			caller{At: ns(5501), Calls: []call{take(ctxTimeout, ns(20_011)), take(ctxTimeout, ns(20_011))}},
		)},
		{"a waiting Take gives up at the instant a Put brings an item: the item goes to the other waiting Take", classic(1, 0,
			caller{At: ns(1103), Calls: []call{take(ctxCancel, long)}},
			caller{At: ns(2207), Calls: []call{take(ctxCancel, long)}},
			caller{At: ns(3301), Calls: []call{cancelCall(1), put(ctxTimeout, ns(20_011))}},
			caller{At: ns(5501), Calls: []call{{Kind: opLen}, take(ctxTimeout, ns(20_011))}},
		)},
		{"two Queues, a Take waiting on each; a Put on the second Queue goes to its own Take", classicN([]int{1, 1}, []int{0, 0},
			caller{At: ns(1103), Calls: []call{onQ(0, take(ctxTimeout, long))}},
			caller{At: ns(2207), Calls: []call{onQ(1, take(ctxTimeout, long))}},
			caller{At: ns(3301), Calls: []call{onQ(1, put(ctxTimeout, long))}},
			caller{At: ns(5501), Calls: []call{onQ(0, put(ctxTimeout, long))}},
		)},
		{"a Take whose ctx times out leaves the next item for the next Take", classic(2, 0,
			caller{At: ns(1009), Calls: []call{take(ctxTimeout, ns(2003))}},
			caller{At: ns(5011), Calls: []call{put(ctxTimeout, long), {Kind: opLen}}},
			caller{At: ns(7013), Calls: []call{take(ctxExpired, 0), take(ctxCanceled, 0)}},
		)},
	}
}
