package rwlocktest

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	exclusive "github.com/gokata/workbook/solutions/rwlock/variants/bad/exclusive"
	writerstarve "github.com/gokata/workbook/solutions/rwlock/variants/bad/writerstarve"
)

// TestTimeline judges bad/writerstarve (a reader gets in while a writer waits) on a
// schedule in which each step lets at most one call return: the judge records every
// event from its own goroutine, step after step, so they come in one order.
func TestTimeline(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	newRWMutex := writerstarve.New
	pkg := harness.PackageOf(newRWMutex)
	w := harness.StartWatchdog(t, pkg)
	s := schedule{Locks: 1, Calls: []call{
		{Kind: rlock}, {Kind: lock}, {Kind: rlock}, {Kind: runlock, Of: 0}, {Kind: unlock}, {Kind: runlock, Of: 2},
	}}
	msg := judge(t, pkg, w, func() RWMutex { return newRWMutex() }, s)
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "writer starvation: ")
}

// TestDeadlockTimeline checks that a deadlock verdict carries the calls so far, the one
// that never returned still open, and the deadlock in the judge's lane: bad/exclusive
// lets one reader in at a time, so the script's second RLock never returns.
func TestDeadlockTimeline(t *testing.T) {
	pkg := harness.PackageOf(exclusive.New)
	w := harness.StartWatchdog(t, pkg)
	msg := sequential(t, pkg, w, func() RWMutex { return exclusive.New() })
	verdict, rec := timeline.Split(msg)
	assert.True(t, strings.HasPrefix(verdict, "deadlock: "), "verdict: %s", verdict)
	if assert.NotNil(t, rec) && assert.GreaterOrEqual(t, len(rec.Events), 2) {
		last, hung := rec.Events[len(rec.Events)-1], rec.Events[len(rec.Events)-2]
		assert.Equal(t, "judge", last.Lane)
		assert.Equal(t, timeline.Broke, last.Kind)
		assert.Equal(t, "deadlock", last.Label)
		assert.Equal(t, "a.RLock()", hung.Label)
		assert.True(t, hung.Open, "the RLock that never returned stays open")
		assert.Equal(t, hung.Start, last.Start, "no fake time passes: the deadlock is at the instant of the call")
	}
}
