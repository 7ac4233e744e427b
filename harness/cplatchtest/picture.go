package cplatchtest

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gokata/workbook/harness/cp"
	"github.com/gokata/workbook/harness/raftsim"
	"github.com/gokata/workbook/harness/timeline"
)

// A broke is where a rule broke, for the timeline: the instant (in simulated time), the
// lane and a short label; atEnd places it at the end of the run, for a rule no one
// client broke at one instant.
type broke struct {
	at    time.Duration
	lane  string
	label string
	atEnd bool
}

// judgeLane is the timeline's lane of the judge: the faults of the plan it plays.
const judgeLane = "judge"

func clientLane(c int) string { return "client " + strconv.Itoa(c+1) }

// at returns a broke in client e's lane at instant at.
func at(e event, at time.Duration, label string) *broke {
	return &broke{at: at, lane: clientLane(e.Client), label: label}
}

// atEnd returns a broke in the judge's lane at the end of the run.
func atEnd(label string) *broke { return &broke{lane: judgeLane, label: label, atEnd: true} }

// picture returns the timeline of a judged run: one lane per client goroutine with its
// calls (the history the rules judged) in simulated time, the faults of the plan and the
// healing of the cluster in the judge's lane, and where the rule broke. The history is
// kept during the run; the timeline is made from it once the bubble is over (see
// timeline.Replay).
func picture(history []event, r run, brk *broke) *timeline.Timeline {
	var lanes []string
	for c := range r.Clients {
		lanes = append(lanes, clientLane(c))
	}
	var events []timeline.Event
	mark := func(tick int, label string) {
		at := time.Duration(tick) * raftsim.Tick
		events = append(events, timeline.Instant(judgeLane, timeline.Mark, label, at, -1))
	}
	for _, e := range r.Plan.Events {
		mark(e.Tick, fault(e))
	}
	if r.Plan.HealAt > 0 {
		mark(r.Plan.HealAt, "the cluster heals")
	}
	for i, e := range history {
		ev := timeline.Event{Lane: clientLane(e.Client), Kind: timeline.Call, Label: label(e.Call), Start: e.Start, End: e.End, StartSeq: 2 * i, EndSeq: 2*i + 1}
		if !e.Returned && e.End == 0 {
			ev.Open, ev.End = true, e.Start
		} else {
			ev.Label = timeline.Ended(ev.Label, outcome(e))
		}
		events = append(events, ev)
	}
	if brk != nil && !brk.atEnd {
		// Right after the end (or else the start) of the first call of its lane there.
		seq, ends := 1<<40, 1<<40
		for i, e := range history {
			if clientLane(e.Client) != brk.lane {
				continue
			}
			if e.End == brk.at {
				ends = min(ends, 2*i+1)
			}
			if e.Start == brk.at {
				seq = min(seq, 2*i)
			}
		}
		if ends < 1<<40 {
			seq = ends
		}
		events = append(events, timeline.Instant(brk.lane, timeline.Broke, brk.label, brk.at, seq))
	}
	tl := timeline.Replay(lanes, events)
	if brk != nil && brk.atEnd {
		tl.Broke(brk.lane, brk.label)
	}
	return tl
}

// label is a call's label: the call without its ctx.
func label(c call) string {
	c.CancelAfter = 0
	return c.String()
}

// outcome renders what a call returned.
func outcome(e event) string {
	switch {
	case !e.Returned:
		return "panicked"
	case e.TooLong:
		return "too long"
	case e.Err != nil && e.Canceled:
		return "ctx ended"
	case e.Err != nil:
		return "error"
	case e.Call.Op == cp.Await || e.Call.Op == cp.TrySetCount:
		return strconv.FormatBool(e.OK)
	case e.Call.Op == cp.GetCount:
		return strconv.Itoa(e.Count)
	}
	return "ok"
}

// fault is a short label for a fault of the plan.
func fault(e raftsim.Event) string {
	switch e.Kind {
	case raftsim.Crash:
		if e.Leader {
			return "the leader crashes"
		}
		return fmt.Sprintf("member %d crashes", e.Member)
	case raftsim.Restart:
		return fmt.Sprintf("member %d restarts", e.Member)
	case raftsim.Partition:
		if e.Leader {
			return "the leader is cut off"
		}
		return fmt.Sprintf("%v cut off", e.Minority)
	case raftsim.Heal:
		return "the partition heals"
	}
	return fmt.Sprintf("event %d", int(e.Kind))
}
