package barriertest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// shortErr shortens what Await returned, for a timeline's label.
func shortErr(o callOutcome) string {
	if o.Err == errNil {
		return fmt.Sprintf("%d, nil", o.Arrival)
	}
	return short.Replace(o.Err)
}

var short = strings.NewReplacer(errCanceled, "Canceled", errDeadline, "Deadline")

// timeline records a played run of s after it is over, from what each goroutine wrote
// down: the run itself shares nothing of the judge's between the learner's goroutines
// (see play). Only one thing of a schedule happens at an instant (an arrival, the end of
// a ctx, a Reset), so the order of the events is known: at each instant that thing, the
// return of the arrival's own Await when it returns at once (and its second Await, made
// at once), then the returns of the waiters it released, in the order of the schedule.
// The run's instants are replayed at their fake times (see timeline.Replay and At).
// broke marks where the rule broke, at the end, in the lane of waiter culprit (the
// judge's lane for -1).
func (p *played) timeline(s schedule, culprit int, broke string) *timeline.Timeline {
	type moment struct {
		at   time.Duration
		rank int // within an instant: 0 the thing of the instant, 1 its own return, 2 its second Await, 3 releases
		w, c int // the waiter and its call; w -1 for the judge's Resets (c is the Reset's index, -1 the final Reset)
		what int // 0 a call, 1 its return, 2 a ctx that ends
	}
	var ms []moment
	for w, wt := range s.Waiters {
		start := wt.Start
		for c, made := range p.calling[w] {
			if !made {
				continue
			}
			rank := 0
			if c > 0 {
				rank = 2
			}
			ms = append(ms, moment{start, rank, w, c, 0})
			if c < len(p.got.Calls[w]) && p.got.Calls[w][c].Returned {
				o := p.got.Calls[w][c]
				r := 3
				if o.At == start {
					r = rank + 1
					if c > 0 {
						r = 2
					}
				}
				ms = append(ms, moment{o.At, r, w, c, 1})
				start = o.At
			}
		}
		if wt.ends() && wt.End != wt.Start && p.calling[w][0] && p.waiting(w, wt.End) {
			ms = append(ms, moment{wt.End, 0, w, 0, 2})
		}
	}
	for k, r := range s.Resets {
		ms = append(ms, moment{r.At, 0, -1, k, 0})
		if p.resets[k] > 0 {
			ms = append(ms, moment{r.At + p.resets[k], 3, -1, k, 1})
		}
	}
	if p.finalReset {
		ms = append(ms, moment{s.end(), 0, -1, -1, 0})
	}
	slices.SortStableFunc(ms, func(a, b moment) int {
		switch {
		case a.at != b.at:
			return int(a.at - b.at)
		case a.rank != b.rank:
			return a.rank - b.rank
		case a.w != b.w:
			return a.w - b.w
		case a.c != b.c:
			return a.c - b.c
		}
		return a.what - b.what
	})
	tl := timeline.Replay(nil, nil)
	tl.Lanes(tlmark.Judge)
	for w := range s.Waiters {
		if p.calling[w][0] {
			tl.Lanes(waiterName(w))
		}
	}
	for i, n := range s.Parties {
		tl.Mark(tlmark.Judge, fmt.Sprintf("%sNew(%d)", s.prefix(i), n))
	}
	type key struct{ w, c int }
	spans := map[key]*timeline.Span{}
	for _, m := range ms {
		tl.At(m.at)
		switch {
		case m.w < 0 && m.c < 0:
			tl.Mark(tlmark.Judge, "Reset (the judge's last)")
		case m.w < 0 && m.what == 0:
			r := s.Resets[m.c]
			sp := tl.Begin(tlmark.Judge, timeline.Call, s.prefix(r.Barrier)+"Reset()")
			if p.resets[m.c] == 0 {
				sp.End("")
			} else {
				spans[key{-1, m.c}] = sp
			}
		case m.w < 0:
			spans[key{-1, m.c}].End("")
		case m.what == 0:
			label := s.prefix(s.Waiters[m.w].Barrier) + "Await()"
			if m.c > 0 {
				label += " again"
			}
			spans[key{m.w, m.c}] = tl.Begin(waiterName(m.w), timeline.Call, label)
		case m.what == 1:
			spans[key{m.w, m.c}].End(shortErr(p.got.Calls[m.w][m.c]))
		case s.Waiters[m.w].Ctx == ctxCancel:
			tl.Mark(tlmark.Judge, "canceled ctx of "+waiterName(m.w))
		default:
			tl.Mark(waiterName(m.w), "ctx ended")
		}
	}
	for w, msg := range p.panics {
		if msg != "" {
			for c := range 2 {
				spans[key{w, c}].End("panicked")
			}
		}
	}
	if broke != "" {
		lane := tlmark.Judge
		if culprit >= 0 {
			lane = waiterName(culprit)
		}
		tl.Broke(lane, broke)
	}
	return tl
}

// waiting reports whether waiter w still waited in an Await at instant at.
func (p *played) waiting(w int, at time.Duration) bool {
	for c, made := range p.calling[w] {
		if !made {
			continue
		}
		if c >= len(p.got.Calls[w]) || !p.got.Calls[w][c].Returned || p.got.Calls[w][c].At >= at {
			if c == 0 || p.got.Calls[w][c-1].At <= at {
				return true
			}
		}
	}
	return false
}

// prefix names Barrier i before a call when there are several: "2.".
func (s schedule) prefix(i int) string {
	if len(s.Parties) == 1 {
		return ""
	}
	return fmt.Sprintf("%d.", i+1)
}
