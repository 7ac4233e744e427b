package refereequeuetest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	bad "github.com/gokata/workbook/solutions/refereequeue/variants/bad/acceptafterclose"
)

// TestTimeline draws the timeline of bad/acceptafterclose, whose Enqueue never looks
// at closed: goroutine 1 calls Close at 0s, goroutine 2 enqueues user 1 at 1s and gets
// nil. Every event happens at its own instant or in one goroutine, so the timeline is
// the same on every run.
func TestTimeline(t *testing.T) {
	newQueue := func(referees int, verify func(referee, user int)) queue {
		return adapter[*bad.Queue, bad.User]{bad.New(referees, func(referee int, u bad.User) { verify(referee, u.ID) })}
	}
	pkg := harness.PackageOf(bad.New)
	w := harness.StartWatchdog(t, pkg)
	p := plan{
		referees: 1,
		service:  map[int]time.Duration{1: 2 * time.Second},
		routines: [][]action{
			{{at: 0, close: true}},
			{{at: time.Second, user: 1}},
		},
	}
	msg := judge(t, pkg, w, newQueue, bad.ErrClosed, []plan{p}, "schedule: "+describe([]plan{p}))
	timelinetest.Verdict(t, "testdata/timeline.json", msg, "Enqueue(User{ID: 1}) at 1s returned nil after Close was called (at 0s)")
}
