package cplatchtest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	cachedread "github.com/gokata/workbook/solutions/cplatch/variants/bad/cachedread"
)

// TestTimeline judges a client that answers GetCount from a count it cached, on the
// client rule's script: one client on a healthy cluster, whose simulation is the same
// on every run (see TestReplay), so the events come in one order on every run.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(cachedread.NewStateMachine)
	w := harness.StartWatchdog(t, pkg)
	defer w.Stop()
	newSM := func() StateMachine { return cachedread.NewStateMachine() }
	newLatch := func(c cp.Cluster, session uint64) Latch { return cachedread.NewLatch(c, session) }
	timelinetest.Verdict(t, "testdata/timeline.json", script(t, pkg, w, newSM, newLatch), "GetCount() returned 2, want 0")
}
