package timeline

import (
	"cmp"
	"slices"
	"time"
)

// Replay returns a timeline of events a checker kept in its own records during a run
// (where a Timeline's mutex would add synchronization, or where the run ended stuck),
// with lanes first (see Lanes). Each event comes at its own times: Start, and End for a
// span that is not Open, both since the run began. The moments of one instant (the
// start or end of a span, an instant) come in the order of their StartSeq or EndSeq,
// then of events; Replay numbers them anew. Label is the span's whole label (see
// Ended); an end that would come before its span's start is left out, the span open.
//
// The clock of a replayed timeline stands at its last moment: an event recorded into it
// later, such as the Broke of a deadlock, takes that time. At moves it on, for a checker
// that records the rest of a run itself.
func Replay(lanes []string, events []Event) *Timeline {
	type moment struct {
		at  time.Duration
		seq int
		i   int // the event
		end bool
	}
	var ms []moment
	for i, e := range events {
		ms = append(ms, moment{e.Start, e.StartSeq, i, false})
		if (e.Kind == Call || e.Kind == Wait) && !e.Open {
			ms = append(ms, moment{e.End, e.EndSeq, i, true})
		}
	}
	slices.SortStableFunc(ms, func(a, b moment) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq)) })
	t := &Timeline{fixed: true}
	t.Lanes(lanes...)
	begun := make([]*Span, len(events))
	for _, m := range ms {
		t.At(m.at)
		e := events[m.i]
		switch {
		case m.end:
			begun[m.i].End("") // its label has its outcome
		case e.Kind == Call || e.Kind == Wait:
			begun[m.i] = t.Begin(e.Lane, e.Kind, e.Label)
		default:
			t.mu.Lock()
			t.add(e.Lane, e.Kind, e.Label)
			t.mu.Unlock()
		}
	}
	return t
}

// At moves the clock of a replayed timeline (see Replay) on to d, the time since the
// run began: the events recorded next take that time. It never moves the clock back.
func (t *Timeline) At(d time.Duration) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.fixed {
		panic("timeline: At on a timeline that was not replayed")
	}
	t.last = max(t.last, d)
}

// Spanned returns a span for Replay, in lane: from start, the moment startSeq, to end,
// the moment endSeq, its label then outcome (see Ended); or, when open, a span that
// never ended.
func Spanned(lane string, kind Kind, label, outcome string, start, end time.Duration, open bool, startSeq, endSeq int) Event {
	if !open {
		label = Ended(label, outcome)
	}
	return Event{Lane: lane, Kind: kind, Label: label, Start: start, End: end, Open: open, StartSeq: startSeq, EndSeq: endSeq}
}

// Instant returns an instant for Replay (kind Mark or Broke), in lane at at, the moment
// seq.
func Instant(lane string, kind Kind, label string, at time.Duration, seq int) Event {
	return Event{Lane: lane, Kind: kind, Label: label, Start: at, End: at, StartSeq: seq, EndSeq: seq}
}
