package timeline

import "time"

// A Moment names one moment already recorded in a timeline (the begin or end of a span,
// an instant): its time since the run began and its number. A rule judged after the run
// keeps the Moment of the event that broke it, to mark it there (see BrokeAfter).
type Moment struct {
	At  time.Duration
	Seq int
}

// Begun returns the moment the span began. A nil *Span gives the zero Moment.
func (s *Span) Begun() Moment {
	if s == nil {
		return Moment{}
	}
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	e := s.t.events[s.i]
	return Moment{e.Start, e.StartSeq}
}

// Done returns the moment the span ended, or the moment it began while it is open. A
// nil *Span gives the zero Moment.
func (s *Span) Done() Moment {
	if s == nil {
		return Moment{}
	}
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	e := s.t.events[s.i]
	if e.Open {
		return Moment{e.Start, e.StartSeq}
	}
	return Moment{e.End, e.EndSeq}
}

// Latest returns the latest moment recorded in lane: right after a goroutine recorded
// into its own lane (a Mark), the moment of that event. It returns the zero Moment when
// the lane has none.
func (t *Timeline) Latest(lane string) Moment {
	if t == nil {
		return Moment{}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.latest[lane]
}

// moved notes m as the latest moment of lane; t.mu is held.
func (t *Timeline) moved(lane string, m Moment) {
	if t.latest == nil {
		t.latest = map[string]Moment{}
	}
	t.latest[lane] = m
}

// BrokeAfter records where the rule broke, as Broke does, but right after the moment m
// already recorded, at its time: the moments that came after m move one number on. A
// rule judged once the run is over marks so the event that broke it, not the end of
// the run. With the zero Moment (an event that was not drawn) it is Broke.
func (t *Timeline) BrokeAfter(m Moment, lane, label string) {
	if t == nil {
		return
	}
	if m.Seq <= 0 {
		t.Broke(lane, label)
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.insert(m, lane, label)
}

// BrokeAt records where the rule broke, as Broke does, but at instant at, the time since
// the run began at which a rule judged after the run shows broken (a waiter that should
// have gone on then): after every moment recorded at or before at, and before the
// moments after it.
func (t *Timeline) BrokeAt(at time.Duration, lane, label string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	m := Moment{At: at}
	for _, e := range t.events {
		if e.Start <= at {
			m.Seq = max(m.Seq, e.StartSeq)
		}
		if !e.Open && e.End <= at {
			m.Seq = max(m.Seq, e.EndSeq)
		}
	}
	t.insert(m, lane, label)
}

// insert records a Broke right after moment m.Seq (0: before every moment), at m.At;
// t.mu is held.
func (t *Timeline) insert(m Moment, lane, label string) {
	m.Seq = min(m.Seq, t.seq)
	for i := range t.events {
		e := &t.events[i]
		if e.StartSeq > m.Seq {
			e.StartSeq++
		}
		if e.EndSeq > m.Seq {
			e.EndSeq++
		}
	}
	for l, lm := range t.latest {
		if lm.Seq > m.Seq {
			t.latest[l] = Moment{lm.At, lm.Seq + 1}
		}
	}
	t.seq++
	t.lane(lane)
	if t.latest[lane].Seq < m.Seq+1 {
		t.moved(lane, Moment{m.At, m.Seq + 1})
	}
	t.events = append(t.events, Event{Lane: lane, Kind: Broke, Label: label, Start: m.At, End: m.At, StartSeq: m.Seq + 1, EndSeq: m.Seq + 1})
}
