package latchtest

import (
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// A trace is what one goroutine of a played schedule did, kept in that goroutine's own
// memory: a timeline.Timeline holds a mutex, and sharing it would order the learner's
// memory accesses for the race detector. Once the bubble is over, the traces are
// replayed into a timeline (see events and timeline.Replay).
type trace struct {
	lane  string
	rank  int // among moments of one instant, lower ranks come first
	clock func() time.Duration
	spans []timeline.Event
}

func newTrace(lane string, rank int, clock func() time.Duration) *trace {
	return &trace{lane: lane, rank: rank, clock: clock}
}

// begin records the start of a span now and returns its index for end.
func (tr *trace) begin(kind timeline.Kind, label string) int {
	now := tr.clock()
	tr.spans = append(tr.spans, timeline.Event{Lane: tr.lane, Kind: kind, Label: label, Start: now, End: now, Open: true})
	return len(tr.spans) - 1
}

// end records the end of span i now, with its outcome.
func (tr *trace) end(i int, outcome string) {
	tr.spans[i].End = tr.clock()
	tr.spans[i].Open = false
	tr.spans[i].Label = timeline.Ended(tr.spans[i].Label, outcome)
}

// mark records an instant now.
func (tr *trace) mark(kind timeline.Kind, label string) { tr.markAt(tr.clock(), kind, label) }

// markAt records an instant at a given time, for a rule checked after the run.
func (tr *trace) markAt(at time.Duration, kind timeline.Kind, label string) {
	tr.spans = append(tr.spans, timeline.Instant(tr.lane, kind, label, at, 0))
}

// events returns the traces' events, ordered for timeline.Replay: the moments of one instant
// by the ranks of their traces, then by trace, then as each trace recorded them.
func events(traces []*trace) []timeline.Event {
	var out []timeline.Event
	for ti, tr := range traces {
		base := (tr.rank*len(traces) + ti) << 20
		for i, e := range tr.spans {
			e.StartSeq, e.EndSeq = base+2*i, base+2*i+1
			out = append(out, e)
		}
	}
	return out
}
