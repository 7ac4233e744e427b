package h2otest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	onarrival "github.com/gokata/workbook/solutions/h2o/variants/bad/onarrival"
)

// TestTimeline draws bad/onarrival on H1, H2 and O1 arriving one at a time: each
// hydrogen is released as it arrives, before the oxygen of its molecule is there. The
// judge lets each atom settle (every goroutine durably blocked or done) before the next
// arrives, and none of them waits for another, so the events come in one order whatever
// the scheduler does.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(onarrival.New)
	w := harness.StartWatchdog(t, pkg)
	s := oneByOne("HHO", 0, free(3)...)
	s.settle = true
	msg, tl := judge(t, pkg, w, func() H2O { return onarrival.New() }, s)
	timelinetest.Verdict(t, "testdata/timeline.json", tl.Attach(msg), "released too early: H1 called releaseHydrogen before O1")
}
