package latchtest

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// replay records events into a new timeline, in a synctest bubble of its own so that
// each moment (the start or end of a span, an instant) happens at its fake instant:
// the checker kept the events of a run in its own records (where a Timeline's mutex
// would add synchronization, or where the run ended stuck), and draws them once the
// run is over. Moments of one instant come in the order of their StartSeq or EndSeq.
// A span's Label is its label, then outcome (label + outcomeSep + outcome) once it
// has ended; Open spans never end. then, when not nil, is called last, at the last
// instant (to mark a deadlock).
func replay(t *testing.T, lanes []string, events []timeline.Event, then func(tl *timeline.Timeline)) *timeline.Timeline {
	type moment struct {
		at  time.Duration
		seq int
		do  func(tl *timeline.Timeline)
	}
	var ms []moment
	for _, e := range events {
		label, outcome, _ := strings.Cut(e.Label, outcomeSep)
		switch e.Kind {
		case timeline.Call, timeline.Wait:
			var sp *timeline.Span
			ms = append(ms, moment{e.Start, e.StartSeq, func(tl *timeline.Timeline) { sp = tl.Begin(e.Lane, e.Kind, label) }})
			if !e.Open {
				ms = append(ms, moment{e.End, e.EndSeq, func(*timeline.Timeline) { sp.End(outcome) }})
			}
		case timeline.Broke:
			ms = append(ms, moment{e.Start, e.StartSeq, func(tl *timeline.Timeline) { tl.Broke(e.Lane, label) }})
		default:
			ms = append(ms, moment{e.Start, e.StartSeq, func(tl *timeline.Timeline) { tl.Mark(e.Lane, label) }})
		}
	}
	slices.SortStableFunc(ms, func(a, b moment) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq)) })
	var tl *timeline.Timeline
	synctest.Test(t, func(*testing.T) {
		tl = timeline.New()
		t0 := time.Now()
		tl.Lanes(lanes...)
		for _, m := range ms {
			if d := m.at - time.Since(t0); d > 0 {
				time.Sleep(d)
			}
			m.do(tl)
		}
		if then != nil {
			then(tl)
		}
	})
	return tl
}

// outcomeSep separates a recorded span's label from its outcome (see replay).
const outcomeSep = "\x00"
