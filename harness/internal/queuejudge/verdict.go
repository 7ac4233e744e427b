package queuejudge

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Instants returns, in order, the instants at which a played run may have stood still:
// every start and return of a call, and the end of each waiting call's ctx.
func Instants[K Kind](calls []Call[K], recs []Record, ends []time.Duration) []time.Duration {
	instants := map[time.Duration]bool{}
	for _, c := range calls[1:] {
		r := recs[c.ID]
		if r.Started {
			instants[r.Start], instants[r.Ret] = true, true
			if c.Waits() {
				instants[ends[c.ID]] = true
			}
		}
	}
	var ts []time.Duration
	for at := range instants {
		ts = append(ts, at)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts
}

// A Report renders a kata's calls in the texts of a played run.
type Report[K Kind] struct {
	// Result renders what a call returned ("" for nothing).
	Result func(c Call[K], r Record) string
	// Shows reports whether a call's return is an event worth naming at an instant.
	Shows func(c Call[K]) bool
	// Brief reports whether a call's line in the story is "called at" only, with its
	// result (if any) after it.
	Brief func(c Call[K]) bool
}

// EventsAt describes what the calls did at instant at, except call skip: the calls made
// then, those that returned then (as rep.Shows says), and the ctxs that ended then.
func (s Schedule[K]) EventsAt(recs []Record, rep Report[K], at time.Duration, skip int) string {
	var evs []string
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			r := recs[c.ID]
			if c.ID == skip {
				continue
			}
			if r.Started && r.Start == at {
				evs = append(evs, fmt.Sprintf("%s called #%d %s", CallerName(i), c.ID, s.On(c)))
			}
			if r.Returned && r.Ret == at && rep.Shows(c) {
				evs = append(evs, fmt.Sprintf("#%d %s returned %s", c.ID, s.On(c), rep.Result(c, r)))
			}
		}
	}
	for _, c := range s.Calls()[1:] {
		r := recs[c.ID]
		if c.ID != skip && c.Waits() && r.Started && r.Start < at && c.Ctx == CtxTimeout && r.Start+c.D == at {
			evs = append(evs, fmt.Sprintf("the ctx of #%d ended", c.ID))
		}
		if c.ID != skip && c.Waits() && c.Ctx == CtxCancel && c.End == at {
			evs = append(evs, fmt.Sprintf("the judge canceled the ctx of #%d", c.ID))
		}
	}
	return strings.Join(evs, ", ")
}

// Story lists what each call returned and when, in time order, a line a call.
func (s Schedule[K]) Story(recs []Record, rep Report[K]) string {
	type line struct {
		at   time.Duration
		text string
	}
	var lines []line
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			r := recs[c.ID]
			switch {
			case !r.Started:
				continue
			case !r.Returned:
				lines = append(lines, line{r.Start, fmt.Sprintf("%s: #%d %s called at %v, never returned", CallerName(i), c.ID, s.On(c), r.Start)})
			case rep.Brief(c):
				text := fmt.Sprintf("%s: #%d %s at %v", CallerName(i), c.ID, s.On(c), r.Start)
				if res := rep.Result(c, r); res != "" {
					text += " " + res
				}
				lines = append(lines, line{r.Start, text})
			default:
				lines = append(lines, line{r.Start, fmt.Sprintf("%s: #%d %s called at %v, returned %s at %v", CallerName(i), c.ID, s.On(c), r.Start, rep.Result(c, r), r.Ret)})
			}
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at < lines[j].at })
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("    " + l.text)
	}
	return b.String()
}

// Hung names the calls of s that never returned: a waiting call with the instant its ctx
// ended, any other call as one that never waits.
func (s Schedule[K]) Hung(recs []Record) []string {
	calls := s.Calls()
	ends := CtxEnds(calls, recs)
	var hung []string
	for _, c := range calls[1:] {
		r := recs[c.ID]
		if !r.Started || r.Returned {
			continue
		}
		if c.Waits() {
			hung = append(hung, fmt.Sprintf("%s never returned, although its ctx ended at %v", s.DescribeCall(c.ID, r), ends[c.ID]))
		} else {
			hung = append(hung, fmt.Sprintf("%s never returned; it never waits", s.DescribeCall(c.ID, r)))
		}
	}
	return hung
}

// Deadlock renders a deadlock verdict: the first hung call, the others, and the
// learner's goroutines.
func Deadlock(hung []string, goroutines string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %s", hung[0])
	for _, h := range hung[1:] {
		fmt.Fprintf(&b, "\n  also: %s", h)
	}
	fmt.Fprintf(&b, "\n  your goroutines:\n%s", goroutines)
	return b.String()
}
