package turns

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// brokeAtEnd marks where the rule broke in tl once the bubble of its run is over (a
// verdict found after the run): outside a bubble time.Now is real time, so it records
// in a fresh bubble, whose fake time starts where every bubble's does (as tl's did,
// made first thing in its bubble), at the moment of tl's last event.
func brokeAtEnd(t *testing.T, tl *timeline.Timeline, lane, label string) {
	if tl == nil {
		return
	}
	var last time.Duration
	for _, e := range tl.Events() {
		last = max(last, e.End)
	}
	synctest.Test(t, func(*testing.T) {
		time.Sleep(last)
		tl.Broke(lane, label)
	})
}

// Play plays the one schedule s on newI's values as the "schedules" rule does, and
// returns its verdict with the run's timeline attached, or "": for the golden timelines
// of the checkers.
func Play[M Method, I any](t *testing.T, pkg string, k *Kata[M], newI func(n int) I, methodOf func(I, M) func(func(int)), s Schedule[M]) string {
	t.Helper()
	w := &watchdogs[M]{harness.StartWatchdog(t, pkg), startStallWatch(t, pkg, k)}
	j := &judge[M, I]{k: k, pkg: pkg, w: w, newI: newI, methodOf: methodOf}
	return j.judge(t, s)
}
