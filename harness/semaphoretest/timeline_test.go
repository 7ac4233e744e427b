package semaphoretest

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	wakeone "github.com/gokata/workbook/solutions/semaphore/variants/bad/wakeone"
)

// TestTimeline judges bad/wakeone (Release lets in only the waiter at the head) on one
// schedule in which no two things happen at one instant: the run's outcome is the same
// whatever the scheduler does, and the timeline is drawn from it after the run.
func TestTimeline(t *testing.T) {
	newWeighted := wakeone.New
	pkg := harness.PackageOf(newWeighted)
	harness.StartWatchdog(t, pkg)
	s := schedule{Sizes: []int64{2}, Actors: 1, Events: []event{
		{At: ns(1000), Kind: tryAcquire, N: 2},
		{At: ns(2000), Kind: acquire, N: 1, Ctx: ctxTimeout, End: ns(50_000)},
		{At: ns(3000), Kind: acquire, N: 1, Ctx: ctxCancel, End: ns(40_000)},
		{At: ns(4000), Kind: release, N: 2},
	}}
	msg := judge(t, pkg, func(n int64) Weighted { return newWeighted(n) }, s)
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "waiters not woken: ")
}

func TestSeqLabel(t *testing.T) {
	assert.Equal(t, "s.Acquire(canceled, 1)", seqLabel("s.Acquire(ctx, 1) with ctx already canceled"))
	assert.Equal(t, "s.Acquire(expired, 4)", seqLabel("s.Acquire(ctx, 4) with ctx past its deadline"))
	assert.Equal(t, "s.Acquire(bg, 3)", seqLabel("s.Acquire(context.Background(), 3)"))
	assert.Equal(t, "s.TryAcquire(2)", seqLabel("s.TryAcquire(2)"))
}
