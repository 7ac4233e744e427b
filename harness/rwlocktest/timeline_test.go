package rwlocktest

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
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
	verdict, rec := timeline.Split(msg)
	assert.True(t, strings.HasPrefix(verdict, "writer starvation: "), "verdict: %s", verdict)
	timelinetest.Golden(t, "testdata/timeline.json", rec)
}
