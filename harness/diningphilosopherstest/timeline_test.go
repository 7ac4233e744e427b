package diningphilosopherstest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	onefork "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/onefork"
)

// TestTimeline draws bad/onefork on philosopher 0 alone, eating for a second: it picks up
// its left fork and eats at once, with one fork. One goroutine, so the events come in
// one order whatever the scheduler does; the recording stops with the run, before the
// held meal is let go.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(onefork.New)
	s := &sim{pkg: pkg, w: harness.StartWatchdog(t, pkg), leftovers: judgeclock.Leftovers{},
		newTable: func() Table { return onefork.New() },
		plan:     plan{calls: []planned{{phil: 0, eat: time.Second}}}}
	msg := s.run()
	timelinetest.Verdict(t, "testdata/timeline.json", s.tl.Attach(msg), "eating with one fork: philosopher 0 ate at 0s holding only fork 0, not fork 1")
}
