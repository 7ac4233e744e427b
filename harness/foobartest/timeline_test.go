package foobartest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	zeroblocks "github.com/gokata/workbook/solutions/foobar/variants/bad/zeroblocks"
)

// TestTimeline records the timeline of bad/zeroblocks on the schedule of the rule
// "zero": New(0), then one goroutine calls Foo, then Bar, so the events happen in one
// order by construction. Foo returns at once; Bar waits for a foo that never comes: the
// picture shows Bar open to the end and the deadlock.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(zeroblocks.New)
	w := harness.StartWatchdog(t, pkg)
	msg, _ := run(t, pkg, w, func(n int) FooBar { return zeroblocks.New(n) }, zero())
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "deadlock: Bar never returned")
}
