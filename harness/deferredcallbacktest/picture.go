package deferredcallbacktest

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// A broke is where a rule broke, for the timeline: the instant, the lane and a short
// label.
type broke struct {
	at    time.Duration
	lane  string
	label string
	seq   int64 // the harness's counter at the call that broke it, if known
}

// breaks notes where the first rule broke. The caller holds r.mu.
func (r *record) breaks(at time.Duration, lane, label string) {
	if r.broke == nil {
		r.broke = &broke{at: at, lane: lane, label: label}
	}
}

// breaksRun notes that the first rule broke when action x started; the caller holds
// r.mu.
func (r *record) breaksRun(x *runRec, label string) {
	if r.broke == nil {
		r.broke = &broke{at: x.start, lane: r.runLane(x), label: label, seq: x.seq0}
	}
}

// lane returns the timeline's lane of a goroutine of the harness named from ("goroutine
// 2", "main", "closer 2"), or of the executor for "action a3": an action adds from the
// executor's goroutine.
func (r *record) lane(from string) string {
	if len(from) > 7 && from[:7] == "action " {
		return r.prefix + "executor"
	}
	return r.prefix + from
}

// runLane returns the lane of the goroutine an action ran on: the executor's, or
// another one the verdict names.
func (r *record) runLane(x *runRec) string {
	switch {
	case r.executor[x.goroutine]:
		return r.prefix + "executor"
	case r.harness.has(x.goroutine):
		if c := r.addCall(x.name); c != nil {
			return r.lane(c.from) // it ran in AddAction
		}
		return r.prefix + "a goroutine of the judge"
	case r.others[x.goroutine] > 0:
		return fmt.Sprintf("E%d executor", r.others[x.goroutine])
	}
	return r.prefix + "goroutine " + x.goroutine
}

// picture returns the timeline of a run whose verdict is not "": each Executor's adder
// goroutines, its executor (the actions it ran and what they added), the goroutines
// that closed it, and where the rule broke (in the record of the Executor at fault,
// who, or at the end, in the judge's lane, for a deadlock or a leak). The records were
// kept under their locks; the timeline is made from them once the bubble is over (see
// timeline.Replay).
func picture(sc scene, recs []*record, who int, stuck *harness.Stuck, errClosed error) *timeline.Timeline {
	var lanes []string
	var events []timeline.Event
	for i, r := range recs {
		r.mu.Lock()
		for g := range sc[i].adders {
			lanes = append(lanes, r.lane(fmt.Sprintf("goroutine %d", g+1)))
		}
		lanes = append(lanes, r.prefix+"executor", r.prefix+"main")
		for k := range sc[i].closers - 1 {
			lanes = append(lanes, r.lane(fmt.Sprintf("closer %d", k+2)))
		}
		seq := func(s int64) int { return i<<24 | int(s) }
		for _, c := range r.adds {
			out := "nil"
			switch {
			case c.panicked:
				out = "panicked"
			case errors.Is(c.err, errClosed):
				out = "ErrClosed"
			case c.err != nil:
				out = "an error"
			}
			events = append(events, timeline.Spanned(r.lane(c.from), timeline.Call, fmt.Sprintf("AddAction(%v, %s)", c.after, c.name), out,
				c.at, c.returned, !c.done, seq(c.seq0), seq(c.seq1)))
		}
		for _, x := range r.runs {
			events = append(events, timeline.Spanned(r.runLane(x), timeline.Wait, "action "+x.name, "", x.start, x.end, !x.ended, seq(x.seq0), seq(x.seq1)))
		}
		for _, c := range r.closes {
			out := "returned"
			if c.panicked {
				out = "panicked"
			}
			events = append(events, timeline.Spanned(r.lane(c.from), timeline.Call, "Close", out, c.at, c.returned, !c.done, seq(c.seq0), seq(c.seq1)))
		}
		if b := r.broke; b != nil && i == who && stuck == nil {
			s := seq(1 << 23) // after the moments of its instant
			if b.seq > 0 {
				s = seq(b.seq) // right after the call's return
			}
			events = append(events, timeline.Instant(b.lane, timeline.Broke, b.label, b.at, s))
		}
		r.mu.Unlock()
	}
	lanes = slices.Compact(lanes)
	tl := timeline.Replay(lanes, events)
	switch {
	case stuck != nil && stuck.Leak:
		tl.Broke(judgeLane, "goroutine leak")
	case stuck != nil:
		tl.Broke(judgeLane, "deadlock")
	}
	return tl
}

// judgeLane is the timeline's lane of the judge.
const judgeLane = "judge"
