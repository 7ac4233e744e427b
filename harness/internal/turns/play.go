package turns

import (
	"testing"

	"github.com/gokata/workbook/harness"
)

// Play plays the one schedule s on newI's values as the "schedules" rule does, and
// returns its verdict with the run's timeline attached, or "": for the golden timelines
// of the checkers.
func Play[M Method, I any](t *testing.T, pkg string, k *Kata[M], newI func(n int) I, methodOf func(I, M) func(func(int)), s Schedule[M]) string {
	t.Helper()
	w := &watchdogs[M]{harness.StartWatchdog(t, pkg), startStallWatch(t, pkg, k)}
	j := &judge[M, I]{k: k, pkg: pkg, w: w, newI: newI, methodOf: methodOf}
	return j.judge(t, s)
}
