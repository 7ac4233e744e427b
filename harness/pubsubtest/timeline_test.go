package pubsubtest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	bad "github.com/gokata/workbook/solutions/pubsub/variants/bad/drop"
)

// TestTimeline draws the timeline of bad/drop, whose Publish drops the message for a
// subscription whose buffer is full instead of waiting: m2 is published at 2s while m1
// fills the buffer of 1, and never arrives, though m3 does. The subscription's goroutine, the publisher
// and the control goroutine act at distinct instants (the subscription ends itself
// before Close), so the timeline is the same on every run.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(bad.New)
	w := harness.StartWatchdog(t, pkg)
	newBroker := func() broker { return adapter[*bad.Broker, *bad.Subscription]{bad.New()} }
	s := time.Second
	p := plan{
		subs: []subPlan{{topic: "t", buffer: 1, reads: []readAct{{gap: 3 * s}, {gap: s}}, selfUnsub: true}},
		pubs: [][]pubAct{{
			{at: s, topic: "t", msg: "m1"},
			{at: 2 * s, topic: "t", msg: "m2"},
			{at: 3*s + s/2, topic: "t", msg: "m3"},
		}},
		closes: []time.Duration{6 * s},
	}
	msg := judge(t, pkg, w, newBroker, bad.ErrClosed, []plan{p}, "schedule: "+p.String())
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "lost: message m2")
}
