package workqueuetest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	lifo "github.com/gokata/workbook/solutions/workqueue/variants/bad/lifo"
)

// TestTimeline judges bad/lifo (Get returns the item put last) on one schedule whose
// goroutines each start at an instant of their own and never wait, so that the events
// happen in one order whatever the scheduler does.
func TestTimeline(t *testing.T) {
	newQueue := lifo.New[int]
	pkg := harness.PackageOf(newQueue)
	w := harness.StartWatchdog(t, pkg)
	s := classic(2,
		caller{At: ns(1009), Calls: []call{get(ctxTimeout, long), doneCall}},
		caller{At: ns(2003), Calls: []call{get(ctxTimeout, long), doneCall, join(ctxTimeout, long)}},
	)
	msg := judge(t, pkg, w, func() Queue { return newQueue() }, s)
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "not linearizable: ")
}
