package deferredcallbacktest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	roundedclock "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/roundedclock"
)

// TestTimeline judges an executor that rounds the clock down to the second when it
// computes how long to sleep: action A, added at 500ms with after 1s, runs at 2s instead
// of 1.5s. One goroutine adds, the action runs alone at its instant and Close comes
// after it, so no two goroutines record anything at the same instant: the events come
// in one order on every run, yield points or not.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(roundedclock.New)
	w := harness.StartWatchdog(t, pkg)
	defer w.Stop()
	s := scene{{
		adders:  [][]step{{{wait: 500 * time.Millisecond, act: &spec{name: "A", after: time.Second}}}},
		closeAt: 3 * time.Second, closers: 1,
	}}
	newExecutor := func() Executor { return roundedclock.New() }
	timelinetest.Verdict(t, "testdata/timeline.json", judge(t, pkg, w, newExecutor, s, roundedclock.ErrClosed), "late: action A ran at 2s, want 1.5s")
}
