package deferredcallbacktest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	norecheck "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/norecheck"
)

// TestTimeline judges an executor that does not look again at its earliest action when
// it wakes up, on the wakeup schedule: the 5-minute action added while the executor
// sleeps toward the 30-minute one. One goroutine adds, and the second AddAction waits
// until the executor sleeps, so the events come in one order on every run.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(norecheck.New)
	w := harness.StartWatchdog(t, pkg)
	defer w.Stop()
	s := scene{wakeup()}
	newExecutor := func() Executor { return norecheck.New() }
	verdict, rec := timeline.Split(judge(t, pkg, w, newExecutor, s, norecheck.ErrClosed))
	t.Log(verdict)
	assert.True(t, strings.HasPrefix(verdict, "early: "), verdict)
	timelinetest.Golden(t, "testdata/timeline.json", rec)
}
