// Package latchtest checks implementations of the latch kata.
package latchtest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// Latch is the API of the kata.
type Latch interface {
	CountDown()
	Count() int
	Wait(ctx context.Context) error
	TrySetCount(count int) bool
}

// Schedules is how many generated schedules Check runs.
const Schedules = 600

// Check hammers newLatch's Latches, rule by rule:
//
//   - "sequential": one goroutine calls every method, with contexts that are already done,
//     and checks each result (New's panic, a count that never goes negative, TrySetCount
//     only at zero, Wait's nil at zero even with a done ctx, separate Latches).
//   - "schedules": hand-written and generated schedules in synctest bubbles (fake time,
//     exact to the nanosecond): goroutines count down and start rounds at odd instants
//     while waiters wait with contexts that time out, hit deadlines or are canceled; each
//     result and each instant a Wait returns is compared with a sequential model. Catches
//     lost wakeups across rounds, late (polling) and early returns, ignored contexts,
//     deadlocks, goroutine leaks, data races and state shared between Latches. A Wait that
//     spins stops fake time, and the watchdog reports it as a busy-wait.
//   - "waiting": real-time probes of a blocked Wait: no spinning, no sleep-polling, released
//     by CountDown and by its ctx, and nothing left behind.
//   - "linearizable": in real time, two goroutines lined up on a spinning barrier make
//     clashing calls at once, thousands of times, and porcupine checks that some order of
//     the calls explains every result (a check-then-act can fail here; timing decides).
//   - "registrations": thousands of Waits on one Latch must leave no memory behind.
func Check[L Latch](t *testing.T, newLatch func(count int) L) {
	t.Helper()
	pkg := harness.PackageOf(newLatch)
	w := harness.StartWatchdog(t, pkg)
	mk := func(n int) Latch { return newLatch(n) }

	harness.Rules(t,
		harness.Rule{Name: "sequential", Check: func(t *testing.T) {
			if msg := sequential(t, pkg, w, mk); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			// One P: the calls of a step run back to back, so a waiter released by a
			// CountDown cannot run before the TrySetCount that follows it in the step.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			for _, c := range classics {
				w.Notef("schedule: %s", c.name)
				w.Record(nil) // the timeline is made after the run (see trace)
				if msg, tl := judge(t, pkg, mk, c.s); msg != "" {
					t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("%s\n  (hand-written schedule: %s)", msg, c.name))))
				}
			}
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				w.Record(nil)
				if msg, tl := judge(t, pkg, mk, s); msg != "" {
					rt.Fatal(tl.Attach(msg))
				}
			})
		}},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "linearizable", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
		harness.Rule{Name: "registrations", Check: func(t *testing.T) { registrations(t, pkg, w, mk) }},
	)
}

// ns is a duration in nanoseconds, for hand-written schedules.
func ns(n int64) time.Duration { return time.Duration(n) }

var (
	countDown = op{Kind: opCountDown}
	count     = op{Kind: opCount}
)

func trySetCount(n int) op { return op{Kind: opTrySetCount, N: n} }

// classics are hand-written schedules run before the generated ones, so that the
// classic bugs are found on every run, whatever the seed.
var classics = []struct {
	name string
	s    schedule
}{
	{"two publish callbacks count down a latch of 2 while the caller waits with a timeout", schedule{
		Counts: []int{2}, Actors: 2,
		Steps:   []step{{At: ns(2351), Actor: 0, Ops: []op{countDown}}, {At: ns(4719), Actor: 1, Ops: []op{countDown, count}}},
		Waiters: []waiter{{Start: ns(1103), End: ns(1_500_372_911), Ctx: ctxTimeout}},
	}},
	{"one publish callback never comes, and the caller's timeout ends the wait", schedule{
		Counts: []int{2}, Actors: 1,
		Steps:   []step{{At: ns(2351), Ops: []op{countDown}}, {At: ns(11017), Ops: []op{count}}},
		Waiters: []waiter{{Start: ns(1103), End: ns(10133), Ctx: ctxTimeout}},
	}},
	{"one CountDown releases every waiter of the round", schedule{
		Counts: []int{1}, Actors: 1,
		Steps: []step{{At: ns(5303), Ops: []op{countDown}}},
		Waiters: []waiter{
			{Start: ns(1201), End: ns(9907), Ctx: ctxTimeout},
			{Start: ns(2417), End: ns(8111), Ctx: ctxCancel},
			{Start: ns(3089), End: ns(7523), Ctx: ctxDeadline},
		},
	}},
	{"the lost wakeup: a round ends and TrySetCount starts the next before the waiter runs again", schedule{
		Counts: []int{1}, Actors: 1,
		Steps:   []step{{At: ns(3251), Ops: []op{countDown, trySetCount(2)}}, {At: ns(6029), Ops: []op{count}}},
		Waiters: []waiter{{Start: ns(1117), End: ns(9403), Ctx: ctxTimeout}},
	}},
	{"the lost wakeup, with waiters of both rounds", schedule{
		Counts: []int{2}, Actors: 2,
		Steps: []step{
			{At: ns(2203), Actor: 1, Ops: []op{countDown}},
			{At: ns(3251), Actor: 0, Ops: []op{countDown, trySetCount(1)}},
			{At: ns(7877), Actor: 1, Ops: []op{countDown}},
		},
		Waiters: []waiter{
			{Start: ns(1117), End: ns(12041), Ctx: ctxCancel},
			{Start: ns(4421), End: ns(11003), Ctx: ctxTimeout},
		},
	}},
	{"a waiter of the next round is not released by the round before", schedule{
		Counts: []int{1}, Actors: 1,
		Steps: []step{
			{At: ns(1409), Ops: []op{countDown}},
			{At: ns(2713), Ops: []op{trySetCount(3)}},
		},
		Waiters: []waiter{{Start: ns(3331), End: ns(6173), Ctx: ctxTimeout}},
	}},
}
