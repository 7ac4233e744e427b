package tailservertest

import (
	"io"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	bad "github.com/gokata/workbook/solutions/tailserver/variants/bad/fromstart"
)

// TestTimeline draws the timeline of bad/fromstart, which follows a file from its
// start instead of its end: at the first tick the server prints the line a.log held
// before Add. The writer acts at 0 and 2ms, the server at the tick (5ms) and the closer
// at 8ms, so the timeline is the same on every run.
func TestTimeline(t *testing.T) {
	pkg := harness.PackageOf(bad.New)
	r := &runner{
		pkg:       pkg,
		w:         harness.StartWatchdog(t, pkg),
		newServer: func(out io.Writer, d time.Duration) Server { return bad.New(out, d) },
		dir:       t.TempDir(),
	}
	s := schedule{
		interval: 5 * time.Millisecond,
		files: []fileSpec{{name: "a.log", old: "old line\n", steps: []step{
			{at: 0, op: opAdd},
			{at: 2 * time.Millisecond, op: opAppend, text: "new line\n"},
		}}},
		closeAt: 8 * time.Millisecond,
		servers: 1,
		closers: 1,
	}
	msg, tl := r.run(t, s)
	timelinetest.Verdict(t, "testdata/timeline.json", tl.Attach(msg), `printed "old line", a line a.log held before Add was called`)
}
