package harness

import (
	"github.com/gokata/workbook/harness/yield"
	"pgregory.net/rapid"
)

// DrawYields draws the yield policy of one schedule (see package yield): none, yields at
// a random share of the yield points, or yields at a few chosen points (like PCT), each
// with or without GOMAXPROCS 1. rapid shrinks it with the rest of the schedule, towards no
// yields, and a seed replays it. Check draws one for every schedule before calling the
// property, and sets it while the property runs; checkers need not call DrawYields.
func DrawYields(rt *rapid.T) yield.Policy {
	var p yield.Policy
	switch rapid.IntRange(0, 2).Draw(rt, "yields (0 none, 1 random, 2 at points)") {
	case 1:
		p.Percent = rapid.IntRange(1, 60).Draw(rt, "yield percent")
		p.Seed = rapid.Uint64().Draw(rt, "yield seed")
	case 2:
		p.At = rapid.SliceOfNDistinct(rapid.IntRange(1, 300), 1, 4, rapid.ID[int]).Draw(rt, "yield at points")
	}
	p.OneP = rapid.Bool().Draw(rt, "GOMAXPROCS 1")
	return p
}

// YieldAt sets, for code the judge instrumented, a random policy that yields at percent
// percent of the yield points, its decisions drawn from seed, and returns a function that
// restores the one before. A rule that repeats one scenario many times outside Check
// calls it with a share and a seed that change from run to run, so that the runs
// interleave differently. Without instrumented code it does nothing.
func YieldAt(percent int, seed uint64) (restore func()) {
	if !yield.Instrumented() {
		return func() {}
	}
	return yield.Set(yield.Policy{Percent: percent, Seed: seed})
}
