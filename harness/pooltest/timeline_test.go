package pooltest

import (
	"runtime"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	lifo "github.com/gokata/workbook/solutions/pool/variants/bad/lifo"
)

// TestTimeline judges a pool that starts the newest queued task first: one worker runs
// task 1 for a second while one goroutine submits tasks 2 and 3, and then the worker
// starts task 3. One goroutine submits at instants of its own and one worker runs the
// tasks. At 0s the worker starts task 1 while Submit(task 1) returns, two goroutines at
// one instant, and a hunt saw them recorded in either order; with one P the submitting
// goroutine goes on until it sleeps, so the events come in one order on every run.
func TestTimeline(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	pkg := harness.PackageOf(lifo.New)
	w := harness.StartWatchdog(t, pkg)
	defer w.Stop()
	p := plan{
		workers: 1,
		tasks:   map[int]task{1: {run: time.Second}, 2: {run: time.Second}, 3: {run: time.Second}},
		routines: [][]action{{
			{at: 0, task: 1}, {at: 100 * time.Millisecond, task: 2}, {at: 200 * time.Millisecond, task: 3},
			{at: 4 * time.Second, close: true},
		}},
	}
	mk := func(workers int) pool {
		return adapter[*lifo.Pool, *lifo.Future[int]]{lifo.New(workers), lifo.Submit[int]}
	}
	r, stuck := play(t, pkg, w, mk, []plan{p})
	msg := r.verdict(stuck, lifo.ErrClosed)
	timelinetest.Verdict(t, "testdata/timeline.json", r.picture(stuck, lifo.ErrClosed).Attach(msg), "task 3 started before task 2, which was submitted first")
}
