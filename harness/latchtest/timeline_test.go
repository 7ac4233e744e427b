package latchtest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	sleeppoll "github.com/gokata/workbook/solutions/latch/variants/bad/sleeppoll"
)

// TestTimeline judges a Wait that sleep-polls on the first hand-written schedule: the
// waiter is released 1ms late, at its next poll. Every event has an instant of its own
// (the waiter sleeps while the counting goroutines run), so the timeline is the same on
// every run.
func TestTimeline(t *testing.T) {
	s := schedule{
		Counts: []int{2}, Actors: 2,
		Steps:   []step{{At: ns(2351), Actor: 0, Ops: []op{countDown}}, {At: ns(4719), Actor: 1, Ops: []op{countDown, count}}},
		Waiters: []waiter{{Start: ns(1103), End: ns(1_500_372_911), Ctx: ctxTimeout}},
	}
	newLatch := func(n int) Latch { return sleeppoll.New(n) }
	msg, tl := judge(t, harness.PackageOf(sleeppoll.New), newLatch, s)
	timelinetest.Verdict(t, "testdata/timeline.json", tl.Attach(msg), "late: Wait of waiter 1")
}
