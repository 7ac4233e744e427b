package timeline

import "time"

// A Report is a timeline as the kata tool's JSON reports carry it: the lanes in order
// and the events, with times in seconds of fake time.
type Report struct {
	Lanes  []string      `json:"lanes"`
	Events []ReportEvent `json:"events"`
}

// A ReportEvent is one event of a Report.
type ReportEvent struct {
	Lane  string `json:"lane"`
	Kind  Kind   `json:"kind"` // call, wait, mark or broke
	Label string `json:"label"`
	// Start and End are seconds of fake time since the schedule began; End equals
	// Start for an instant (mark, broke).
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// StartSeq and EndSeq order the events: many share one fake instant.
	StartSeq int  `json:"start_seq"`
	EndSeq   int  `json:"end_seq"`
	Open     bool `json:"open"` // a span that never ended (a call that never returned)
}

// Report returns r as a report carries it.
func (r Record) Report() Report {
	_, lanes := moments(r)
	rep := Report{Lanes: lanes, Events: make([]ReportEvent, 0, len(r.Events))}
	for _, e := range r.Events {
		rep.Events = append(rep.Events, ReportEvent{
			Lane: e.Lane, Kind: e.Kind, Label: e.Label,
			Start: e.Start.Seconds(), End: e.End.Seconds(),
			StartSeq: e.StartSeq, EndSeq: e.EndSeq, Open: e.Open,
		})
	}
	return rep
}

// Record returns the record a report was made of.
func (rep Report) Record() Record {
	r := Record{Lanes: rep.Lanes, Events: make([]Event, 0, len(rep.Events))}
	for _, e := range rep.Events {
		r.Events = append(r.Events, Event{
			Lane: e.Lane, Kind: e.Kind, Label: e.Label,
			Start: seconds(e.Start), End: seconds(e.End),
			StartSeq: e.StartSeq, EndSeq: e.EndSeq, Open: e.Open,
		})
	}
	return r
}

func seconds(s float64) time.Duration { return time.Duration(s*1e9 + 0.5) }
