package zeroevenoddtest

import (
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/turns"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	unbuffered "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/unbuffered"
)

// TestTimeline draws bad/unbuffered on New(1) with one goroutine calling Zero, Odd
// and Even in turn: Zero prints 0, then blocks handing the turn over on an unbuffered
// channel that nobody reads. One goroutine and no goroutine of the variant's own, so
// the events come in one order whatever the scheduler does.
func TestTimeline(t *testing.T) {
	mk := func(n int) ZeroEvenOdd { return unbuffered.New(n) }
	s := turns.Together(1, []method{zero, odd, even})
	timelinetest.Verdict(t, "testdata/timeline.json", turns.Play(t, harness.PackageOf(unbuffered.New), kata, mk, methodOf, s), "deadlock: Zero never returned")
}
