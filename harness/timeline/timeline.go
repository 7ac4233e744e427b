// Package timeline records what the goroutines of one schedule did, so that a verdict can draw it.
package timeline

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"
)

// A Kind says what an event is.
type Kind string

// The kinds of events. Call and Wait are spans (from Begin to End); Mark and Broke are
// instants.
const (
	Call  Kind = "call"  // a method of the learner's, from its call to its return
	Wait  Kind = "wait"  // a wait that is not a call: a goroutine blocked, a callback held
	Mark  Kind = "mark"  // something happened: printed, released, cancelled, crashed
	Broke Kind = "broke" // the point where the rule broke
)

// An Event is one lane's span or instant.
type Event struct {
	Lane  string `json:"lane"`
	Kind  Kind   `json:"kind"`
	Label string `json:"label"`
	// Start and End are the times since New, read with time.Now: fake time in a
	// synctest bubble. End equals Start for an instant.
	Start time.Duration `json:"start_ns"`
	End   time.Duration `json:"end_ns"`
	// StartSeq and EndSeq order the moments of the timeline (many share one fake
	// instant): every Begin, End, Mark and Broke takes the next number.
	StartSeq int `json:"start_seq"`
	EndSeq   int `json:"end_seq"`
	// Open reports a span that never ended: a call that never returned. Its End and
	// EndSeq are those of the last moment recorded.
	Open bool `json:"open,omitempty"`
}

// A Timeline records the events of one run of a schedule. Its methods are safe for
// concurrent use and do nothing on a nil *Timeline, so that a checker can record
// unconditionally and pass nil where nothing is drawn.
//
// A Timeline synchronizes the goroutines that record into it (it holds a mutex): record
// only in rules where the judge's own synchronization is allowed (generated schedules),
// never in a stress rule that leaves the race detector the learner's synchronization
// alone.
type Timeline struct {
	mu     sync.Mutex
	origin time.Time
	seq    int
	last   time.Duration // the latest time recorded
	lanes  []string
	events []Event
	fixed  bool              // replayed: its clock stands at last (see Replay)
	latest map[string]Moment // by lane: its latest moment (see Latest)
}

// New returns an empty timeline whose time starts now. Call it inside the bubble that
// runs the schedule, so that its times are fake time.
func New() *Timeline { return &Timeline{origin: time.Now()} }

// Lanes fixes the order of the lanes named (top to bottom); lanes first used later come
// after them in the order of their first event.
func (t *Timeline) Lanes(names ...string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, n := range names {
		t.lane(n)
	}
}

func (t *Timeline) lane(name string) {
	if !slices.Contains(t.lanes, name) {
		t.lanes = append(t.lanes, name)
	}
}

// add records an event that starts now; t.mu is held.
func (t *Timeline) add(lane string, kind Kind, label string) int {
	t.lane(lane)
	t.seq++
	now := t.now()
	t.events = append(t.events, Event{Lane: lane, Kind: kind, Label: label, Start: now, End: now, StartSeq: t.seq, EndSeq: t.seq})
	t.moved(lane, Moment{now, t.seq})
	return len(t.events) - 1
}

// The fake clock of a synctest bubble starts at midnight UTC on 2000-01-01.
var (
	fakeEnd   = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	realStart = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
)

// now returns the time since the origin; t.mu is held. An event recorded outside the
// bubble whose fake time the timeline keeps (such as the Broke of a deadlock, recorded
// once harness.Bubble returned) takes the latest time recorded, not the real time.
func (t *Timeline) now() time.Duration {
	if t.fixed {
		return t.last
	}
	n := time.Now()
	if t.origin.Before(fakeEnd) && n.After(realStart) {
		return t.last
	}
	d := n.Sub(t.origin)
	t.last = max(t.last, d)
	return d
}

// A Span is a Call or Wait that has begun. A nil *Span does nothing.
type Span struct {
	t *Timeline
	i int // the index of its event
}

// Begin records the start of a span in lane, such as a call of the learner's method
// (kind Call, label "First") or a wait (kind Wait). The span is open until End.
func (t *Timeline) Begin(lane string, kind Kind, label string) *Span {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	i := t.add(lane, kind, label)
	t.events[i].Open = true
	return &Span{t: t, i: i}
}

// End records the end of the span now. A non-empty outcome is added to its label
// ("returned", "returned 3", "panicked"): "First" becomes "First → returned".
func (s *Span) End(outcome string) {
	if s == nil {
		return
	}
	t := s.t
	t.mu.Lock()
	defer t.mu.Unlock()
	e := &t.events[s.i]
	if !e.Open {
		return
	}
	t.seq++
	e.Open = false
	e.End = t.now()
	e.EndSeq = t.seq
	e.Label = Ended(e.Label, outcome)
	t.moved(e.Lane, Moment{e.End, e.EndSeq})
}

// Ended returns the label of a span that ended with outcome, as End writes it: "First"
// and "returned" give "First → returned"; an empty outcome leaves label as it is.
func Ended(label, outcome string) string {
	if outcome == "" {
		return label
	}
	return label + " → " + outcome
}

// Mark records an instant in lane: "printed first", "released H", "cancelled".
func (t *Timeline) Mark(lane, label string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.add(lane, Mark, label)
}

// Broke records where the rule broke, in the lane of the goroutine that broke it (or
// the judge's lane when no goroutine did), with a short label: "printed second before
// first", "deadlock".
func (t *Timeline) Broke(lane, label string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.add(lane, Broke, label)
}

// Events returns a copy of the events in the order they started. Spans still open end
// at the last moment recorded.
func (t *Timeline) Events() []Event {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	last := time.Duration(0)
	for _, e := range t.events {
		last = max(last, e.End)
	}
	out := make([]Event, 0, len(t.events))
	for _, c := range t.events {
		if c.Open {
			c.End, c.EndSeq = last, t.seq
		}
		out = append(out, c)
	}
	return out
}

// LaneNames returns the lanes in order.
func (t *Timeline) LaneNames() []string {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.lanes)
}

// A Record is a timeline as data: what Attach carries in a verdict and what the reports
// hold.
type Record struct {
	Lanes  []string `json:"lanes"`
	Events []Event  `json:"events"`
}

// Record returns the timeline as data.
func (t *Timeline) Record() Record { return Record{Lanes: t.LaneNames(), Events: t.Events()} }

// marker starts the line that carries a timeline in a verdict.
const marker = "\ntimeline-record: "

// Attach returns verdict with the timeline attached on a last line, for the harness to
// draw under the verdict (see Split). A checker returns tl.Attach(msg) where it
// returned msg. With a nil or empty timeline it returns verdict unchanged.
func (t *Timeline) Attach(verdict string) string {
	if t == nil {
		return verdict
	}
	r := t.Record()
	return r.Attach(verdict)
}

// Attach is Timeline.Attach for a record: a checker that rewrites a verdict keeps its
// timeline with Split, then Attach.
func (r *Record) Attach(verdict string) string {
	if r == nil || len(r.Events) == 0 {
		return verdict
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic("timeline: " + err.Error())
	}
	verdict, _ = Split(verdict) // the newest timeline wins
	return verdict + marker + string(b)
}

// Split returns the verdict without its attached timeline, and the timeline (nil when
// none is attached).
func Split(s string) (verdict string, r *Record) {
	i := strings.LastIndex(s, marker)
	if i < 0 {
		return s, nil
	}
	var rec Record
	if err := json.Unmarshal([]byte(s[i+len(marker):]), &rec); err != nil {
		return s, nil
	}
	return s[:i], &rec
}
