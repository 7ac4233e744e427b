// Package tlmark helps checkers finish a run's timeline once its bubble is over.
package tlmark

import (
	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// Judge is the lane of the judge's own goroutine.
const Judge = "judge"

// Stuck records a deadlock or a leak in the judge's lane, at the last moment of the run
// (see timeline.Timeline.Broke); the calls that never returned stay open.
func Stuck(tl *timeline.Timeline, s *harness.Stuck) {
	if s.Leak {
		tl.Broke(Judge, "goroutine leak")
		return
	}
	tl.Broke(Judge, "deadlock")
}
