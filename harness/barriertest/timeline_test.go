package barriertest

import (
	"runtime"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	notsticky "github.com/gokata/workbook/solutions/barrier/variants/bad/notsticky"
)

// TestTimeline judges bad/notsticky (a broken generation does not stay broken) on a
// schedule in which one thing happens at each instant: the run's outcome is the same
// whatever the scheduler does, and the timeline is drawn from it after the run.
func TestTimeline(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	pkg := harness.PackageOf(notsticky.New)
	sub := subject{pkg: pkg, w: harness.StartWatchdog(t, pkg), newBarrier: func(n int) Barrier { return notsticky.New(n) }, errBroken: notsticky.ErrBroken}
	s := schedule{
		Parties: []int{3},
		Waiters: []waiter{never(1103), {Start: ns(2351), End: ns(4001), Ctx: ctxTimeout}, never(6029)},
	}
	msg := judge(t, sub, s)
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "broken barrier")
}
