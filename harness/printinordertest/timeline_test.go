package printinordertest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	unbufferedsend "github.com/gokata/workbook/solutions/printinorder/variants/bad/unbufferedsend"
)

// TestTimeline records the timeline of bad/unbufferedsend on the "sequential" schedule:
// one goroutine calls First, Second and Third in turn, so the events happen in one order
// by construction. First prints, then blocks on its send: the picture shows First open
// to the end and the deadlock.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(unbufferedsend.New)
	w := harness.StartWatchdog(t, pkg)
	msg, _ := run(t, pkg, w, func() Foo { return unbufferedsend.New() }, inTurn())
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "deadlock: First never returned")
}
