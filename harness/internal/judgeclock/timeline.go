package judgeclock

import (
	"sync"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// A Recorder notes what the goroutines of one run did, at the instants of its Clock, and
// turns the notes into a timeline once the run is over: a timeline takes its times from
// time.Now, which is the schedule's time only in a synctest bubble, and a run on a Clock
// is played in real time. Its methods are safe for concurrent use and do nothing on a
// nil *Recorder.
type Recorder struct {
	clock   *Clock
	mu      sync.Mutex
	lanes   []string
	notes   []note
	stopped bool
}

// A note is one call of a timeline's method, at an instant of the clock.
type note struct {
	at          time.Duration
	op          byte // 'b' Begin, 'e' End, 'm' Mark, 'x' Broke
	lane, label string
	kind        timeline.Kind
	span        int // 'e': the index of the note of its Begin
}

// Recorder returns a recorder of the run whose time c is.
func (c *Clock) Recorder() *Recorder { return &Recorder{clock: c} }

func (r *Recorder) add(n note) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return -1
	}
	n.at = r.clock.Now()
	r.notes = append(r.notes, n)
	return len(r.notes) - 1
}

// Stop ends the recording: the timeline is the run's so far. Call it when the run is
// over, before the judge lets go the callbacks it holds, whose goroutines then go on.
func (r *Recorder) Stop() {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
}

// Lanes fixes the order of the lanes named, as timeline.Timeline.Lanes does.
func (r *Recorder) Lanes(names ...string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lanes = append(r.lanes, names...)
}

// A Span is a span that has begun. A nil *Span does nothing.
type Span struct {
	r     *Recorder
	begin int
}

// Begin notes the start of a span, as timeline.Timeline.Begin does.
func (r *Recorder) Begin(lane string, kind timeline.Kind, label string) *Span {
	if r == nil {
		return nil
	}
	return &Span{r: r, begin: r.add(note{op: 'b', lane: lane, kind: kind, label: label})}
}

// End notes the end of the span, as timeline.Span.End does.
func (s *Span) End(outcome string) {
	if s == nil {
		return
	}
	if s.begin >= 0 {
		s.r.add(note{op: 'e', label: outcome, span: s.begin})
	}
}

// Mark notes an instant in lane, as timeline.Timeline.Mark does.
func (r *Recorder) Mark(lane, label string) {
	if r == nil {
		return
	}
	r.add(note{op: 'm', lane: lane, label: label})
}

// Broke notes where the rule broke, as timeline.Timeline.Broke does.
func (r *Recorder) Broke(lane, label string) {
	if r == nil {
		return
	}
	r.add(note{op: 'x', lane: lane, label: label})
}

// Timeline replays the notes into a timeline, moving its clock from one instant of the
// clock to the next, so that its times are the schedule's (see timeline.Replay).
func (r *Recorder) Timeline() *timeline.Timeline {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	lanes, notes := append([]string(nil), r.lanes...), append([]note(nil), r.notes...)
	r.mu.Unlock()
	tl := timeline.Replay(lanes, nil)
	spans := map[int]*timeline.Span{}
	for i, n := range notes {
		tl.At(n.at)
		switch n.op {
		case 'b':
			spans[i] = tl.Begin(n.lane, n.kind, n.label)
		case 'e':
			spans[n.span].End(n.label)
		case 'm':
			tl.Mark(n.lane, n.label)
		case 'x':
			tl.Broke(n.lane, n.label)
		}
	}
	return tl
}

// Attach returns verdict with the run's timeline attached (see timeline.Attach).
func (r *Recorder) Attach(verdict string) string {
	return r.Timeline().Attach(verdict)
}
