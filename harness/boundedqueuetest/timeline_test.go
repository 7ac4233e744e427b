package boundedqueuetest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	lifo "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/lifo"
)

// TestTimeline judges bad/lifo (Take returns the item put last) on one schedule whose
// goroutines each start at an instant of their own and never wait, so that the events
// happen in one order whatever the scheduler does.
func TestTimeline(t *testing.T) {
	newQueue := lifo.New[int]
	pkg := harness.PackageOf(newQueue)
	w := harness.StartWatchdog(t, pkg)
	s := classic(2, 2,
		caller{At: ns(1009), Calls: []call{take(ctxTimeout, long)}},
		caller{At: ns(2003), Calls: []call{take(ctxTimeout, long), {Kind: opLen}}},
	)
	msg := judge(t, pkg, w, func(n int) Queue { return newQueue(n) }, s)
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "not linearizable: ")
}

// TestSequentialTimeline checks that the sequential rule's verdict carries the calls of
// its one goroutine, the last of them the one that broke the rule.
func TestSequentialTimeline(t *testing.T) {
	pkg := harness.PackageOf(lifo.New[int])
	w := harness.StartWatchdog(t, pkg)
	msg := sequential(t, pkg, w, func(n int) Queue { return lifo.New[int](n) })
	verdict, rec := timeline.Split(msg)
	assert.True(t, strings.HasPrefix(verdict, "wrong result: q.Take(ctx already canceled) returned 2, nil"), "verdict: %s", verdict)
	if assert.NotNil(t, rec) && assert.GreaterOrEqual(t, len(rec.Events), 2) {
		last, call := rec.Events[len(rec.Events)-1], rec.Events[len(rec.Events)-2]
		assert.Equal(t, timeline.Event{Lane: "caller", Kind: timeline.Broke, Label: "wrong result", StartSeq: last.StartSeq, EndSeq: last.StartSeq}, last)
		assert.Equal(t, "q.Take(canceled) → 2, nil", call.Label)
		assert.Equal(t, []string{"caller"}, rec.Lanes)
	}
}
