package semaphoretest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// shortErr shortens what Acquire returned, for a timeline's label.
func shortErr(result string) string { return short.Replace(result) }

var short = strings.NewReplacer(errCanceled, "Canceled", errDeadline, "Deadline")

// timeline records a played run of s after it is over, from what each goroutine wrote
// down: the run itself shares nothing of the judge's between the learner's goroutines
// (see play). No two things of a schedule happen at one instant, so the order of the
// events is known: at each instant, the call made then (and its return, when it returns
// at once), or the end of a waiter's ctx, then the Acquires it let go on. The run's
// instants are replayed at their fake times (see timeline.Replay and At). The end of a
// waiter's ctx is marked while the waiter still waits. When the run broke a rule, broke
// marks it in the lane of event culprit (the judge's lane for -1): after the events of
// instant at, where the run departed from the model, or at the end when at is negative
// (a panic, a deadlock, a leak).
func (p *played) timeline(s schedule, culprit int, broke string, at time.Duration) *timeline.Timeline {
	names := s.waiterNames()
	lane := func(i int) string {
		if i < 0 {
			return tlmark.Judge
		}
		return s.who(i)
	}
	type moment struct {
		at    time.Duration
		order int // within an instant: 0 the call made then, 1 a ctx that ends, 2 returns
		event int
		what  int // 0 call, 1 return, 2 ctx end
	}
	var ms []moment
	for i, e := range s.Events {
		if !p.started[i] {
			continue
		}
		ms = append(ms, moment{e.At, 0, i, 0})
		if got := p.got.Calls[i]; got.Returned {
			order := 2
			if got.At == e.At {
				order = 0
			}
			ms = append(ms, moment{got.At, order, i, 1})
		}
		if got := p.got.Calls[i]; e.Kind == acquire && e.End != e.At && (!got.Returned || got.At >= e.End) {
			ms = append(ms, moment{e.End, 1, i, 2})
		}
	}
	slices.SortStableFunc(ms, func(a, b moment) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		if a.order != b.order {
			return a.order - b.order
		}
		if a.event != b.event {
			return a.event - b.event
		}
		return a.what - b.what
	})
	tl := timeline.Replay(nil, nil)
	tl.Lanes(tlmark.Judge)
	for a := range s.Actors {
		tl.Lanes(actorName(a))
	}
	for i := range s.Events {
		if name, ok := names[i]; ok && p.started[i] {
			tl.Lanes(name)
		}
	}
	for i, size := range s.Sizes {
		tl.Mark(tlmark.Judge, fmt.Sprintf("%sNew(%d)", semPrefix(s, i), size))
	}
	spans := map[int]*timeline.Span{}
	for _, m := range ms {
		if broke != "" && at >= 0 && m.at > at {
			tl.At(at)
			tl.Broke(lane(culprit), broke)
			broke = ""
		}
		tl.At(m.at)
		e := s.Events[m.event]
		switch m.what {
		case 0:
			label := semPrefix(s, e.Sem) + e.call()
			if e.Kind == acquire {
				label = fmt.Sprintf("%sAcquire(%d)", semPrefix(s, e.Sem), e.N)
			}
			spans[m.event] = tl.Begin(lane(m.event), timeline.Call, label)
		case 1:
			result := p.got.Calls[m.event].Result
			if strings.HasPrefix(result, "panicked") {
				result = "panicked"
			}
			spans[m.event].End(shortErr(result))
		case 2:
			if e.Ctx == ctxCancel {
				tl.Mark(tlmark.Judge, "canceled ctx of "+names[m.event])
			} else {
				tl.Mark(lane(m.event), "ctx ended")
			}
		}
	}
	for i, msg := range p.panics {
		if msg != "" {
			spans[i].End("panicked")
		}
	}
	if broke != "" {
		tl.At(at)
		tl.Broke(lane(culprit), broke)
	}
	return tl
}

// semPrefix names semaphore i before a call when there are several: "B.".
func semPrefix(s schedule, i int) string {
	if len(s.Sizes) == 1 {
		return ""
	}
	return fmt.Sprintf("%c.", 'A'+i)
}
