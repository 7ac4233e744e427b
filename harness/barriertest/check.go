// Package barriertest checks implementations of the barrier kata.
package barriertest

import (
	"context"
	"runtime"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// Barrier is the API of the kata.
type Barrier interface {
	Await(ctx context.Context) (arrival int, err error)
	Reset()
}

// Schedules is how many generated schedules Check runs.
const Schedules = 400

// A subject is the learner's package under judgement.
type subject struct {
	pkg        string
	w          *harness.Watchdog
	newBarrier func(int) Barrier
	errBroken  error
}

// Check hammers newBarrier's Barriers, rule by rule (errBroken is the package's
// ErrBroken):
//
//   - "sequential": New's panic for parties < 1 and the text of ErrBroken.
//   - "waiting": real-time probes of a blocked Await: no spinning, no sleep-polling,
//     released by the last arrival and by its ctx, nothing left behind; two Barriers
//     that count their Awaits together share state.
//   - "schedules": hand-written and generated schedules in synctest bubbles (fake time,
//     exact to the nanosecond): goroutines arrive at odd instants, with contexts that
//     time out, hit deadlines, are canceled or are done before the call, some calling
//     Await again at once after completing a generation (the reuse bug), and Reset is
//     called in between; each result (arrival, error) and the instant each Await returns
//     is compared with a sequential model. Catches the reuse bug, counts not reset,
//     wrong arrival indexes, broken generations that strand waiters or do not stay
//     broken, Reset that leaves waiters blocked, late (polling) and early returns,
//     deadlocks, goroutine leaks and state shared between Barriers. A spinning Await
//     stops fake time, and the watchdog reports a busy-wait.
//   - "stress": real-time rounds in which the harness adds no synchronization of its own:
//     the race detector sees the learner's alone, and what each goroutine wrote before
//     Await must be visible to every goroutine of its generation after Await.
//   - "registrations": thousands of rounds on one Barrier must leave no memory behind,
//     in the Barrier or in a long-lived ctx.
func Check[B Barrier](t *testing.T, newBarrier func(parties int) B, errBroken error) {
	t.Helper()
	pkg := harness.PackageOf(newBarrier)
	sub := subject{pkg: pkg, w: harness.StartWatchdog(t, pkg), newBarrier: func(n int) Barrier { return newBarrier(n) }, errBroken: errBroken}

	harness.Rules(t,
		harness.Rule{Name: "sequential", Check: func(t *testing.T) { sequential(t, sub) }},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) {
			probe(t, sub)
			independent(t, sub)
		}},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			// One P: a goroutine that completes a generation and calls Await again at
			// once does so before the waiters it released run again.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			for _, c := range classics {
				sub.w.Notef("schedule: %s", c.name)
				if msg := judge(t, sub, c.s); msg != "" {
					t.Fatal(harness.Draw(timeline.Append(msg, "\n  (hand-written schedule: "+c.name+")")))
				}
			}
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				sub.w.Notef("schedule: %s", s)
				if msg := judge(t, sub, s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, sub) }},
		harness.Rule{Name: "registrations", Check: func(t *testing.T) { registrations(t, sub) }},
	)
}

// ns is a duration in nanoseconds, for hand-written schedules.
func ns(n int64) time.Duration { return time.Duration(n) }

func never(at int64) waiter { return waiter{Start: ns(at), End: ns(at)} }

// classics are hand-written schedules run before the generated ones, so that the
// classic bugs are found on every run, whatever the seed.
var classics = []struct {
	name string
	s    schedule
}{
	{"three goroutines meet: arrivals 2, 1 and 0", schedule{
		Parties: []int{3},
		Waiters: []waiter{never(1103), never(2351), never(4719)},
	}},
	{"the reuse bug: the last to arrive calls Await again at once, before the others run", schedule{
		Parties: []int{2},
		Waiters: []waiter{never(1103), {Start: ns(2351), End: ns(2351), Again: true}, never(5303)},
	}},
	{"three generations in a row", schedule{
		Parties: []int{2},
		Waiters: []waiter{never(1103), never(2351), never(3089), never(4421), never(5303), never(6029)},
	}},
	{"a waiter's ctx ends: the generation breaks, and stays broken until Reset", schedule{
		Parties: []int{3},
		Waiters: []waiter{never(1103), {Start: ns(2351), End: ns(4001), Ctx: ctxTimeout}, never(6029), never(9001), never(9403), never(9907)},
		Resets:  []reset{{At: ns(8111)}},
	}},
	{"Reset breaks the waiting generation and starts a fresh one", schedule{
		Parties: []int{3},
		Waiters: []waiter{never(1103), never(2351), never(4001), never(5303), never(6029)},
		Resets:  []reset{{At: ns(3089)}},
	}},
	{"the last arrival's ctx is already done", schedule{
		Parties: []int{2},
		Waiters: []waiter{never(1103), {Start: ns(2351), End: ns(2351), Ctx: ctxCanceled}, never(3089)},
	}},
	{"an arrival whose ctx is already done, not the last, breaks the generation", schedule{
		Parties: []int{3},
		Waiters: []waiter{never(1103), {Start: ns(2351), End: ns(2351), Ctx: ctxExpired}, never(3089)},
	}},
	{"one party: Await returns at once", schedule{
		Parties: []int{1},
		Waiters: []waiter{{Start: ns(1103), End: ns(1103), Again: true}, {Start: ns(2351), End: ns(2351), Ctx: ctxCanceled}},
	}},
}
