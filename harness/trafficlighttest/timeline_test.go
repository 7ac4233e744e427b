package trafficlighttest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	turnwhilecrossing "github.com/gokata/workbook/solutions/trafficlight/variants/bad/turnwhilecrossing"
)

// TestTimeline draws bad/turnwhilecrossing on car 1 of road 1 arriving at 0 and crossing
// for a second, and car 2 of road 2 arriving at 100ms: car 2 turns the light green while
// car 1 is still crossing. The sim starts car 2 once car 1 is blocked in its crossing, so
// one goroutine moves at a time and the events come in one order whatever the scheduler
// does; the recording stops with the run, before the held callbacks are let go.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(turnwhilecrossing.New)
	s := &sim{pkg: pkg, w: harness.StartWatchdog(t, pkg), leftovers: judgeclock.Leftovers{},
		newLight: func() Light { return turnwhilecrossing.New() },
		plan: plan{cars: []planned{
			{id: 1, road: 1, direction: 1, at: 0, cross: time.Second},
			{id: 2, road: 2, direction: 3, at: 100 * time.Millisecond, cross: time.Second},
		}}}
	msg := s.run()
	timelinetest.Verdict(t, "testdata/timeline.json", s.tl.Attach(msg), "turnGreen while crossing: car 2 (road 2) turned the light green on road 2 at 100ms while car 1 (road 1) was still crossing")
}
