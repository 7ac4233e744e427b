package barriertest

import (
	"sort"
	"time"
)

// Errors as the outcomes show them.
const (
	errNil      = "nil"
	errBroken   = "ErrBroken"
	errCanceled = "context.Canceled"
	errDeadline = "context.DeadlineExceeded"
)

// A callOutcome is what one call of Await returned, and when. Arrival counts only when
// Err is nil (the judge sets it to 0 otherwise).
type callOutcome struct {
	Returned bool
	Arrival  int
	Err      string
	At       time.Duration
}

// An outcome is what every call of Await of a schedule returned: per waiter, its first
// call, then the call it made again, if any.
type outcome struct {
	Calls [][]callOutcome
}

type whyKind int

const (
	whyLast         whyKind = iota // it completed its generation
	whyReleased                    // the last of its generation arrived
	whyOwnCtx                      // its ctx ended while it waited
	whyDoneAtCall                  // its ctx was done when it arrived, not as the last: it broke the generation
	whyRefused                     // the last arrival with a done ctx returned ctx.Err() and changed nothing
	whyBrokenByCtx                 // another waiter's ctx broke its generation
	whyBrokenAtCall                // the barrier was broken when it arrived
	whyReset                       // a Reset broke its generation
	whyFinalReset                  // the judge's final Reset broke its generation
)

// A why is the reason the model gives for the outcome it wants of one call.
type why struct {
	kind  whyKind
	nth   int           // the caller was the nth to arrive in its generation (1-based)
	by    int           // the waiter that completed or broke the generation, -1 for none
	since time.Duration // whyBrokenAtCall: when the barrier broke
	reuse int           // whyReleased: a waiter that arrived for the next generation at the instant of release, -1 for none
}

// A model is what a correct Barrier does with a schedule.
type model struct {
	want outcome
	whys [][]why
}

type slot struct{ w, c, arrival int }

type barrierState struct {
	parties  int
	waiting  []slot
	broken   bool
	brokenAt time.Duration
	brokenBy int // the waiter whose ctx broke it, -1 for none
}

// simulate runs s on a sequential model of a cyclic barrier. Where the contract allows
// two behaviours (a ctx already done for the last arrival: proceed, or return ctx.Err()
// and change nothing; a broken barrier and a done ctx: ErrBroken or ctx.Err()), it
// follows the learner's outcome got.
func simulate(s schedule, got outcome) *model {
	m := &model{want: outcome{Calls: make([][]callOutcome, len(s.Waiters))}, whys: make([][]why, len(s.Waiters))}
	bs := make([]*barrierState, len(s.Parties))
	for i, p := range s.Parties {
		bs[i] = &barrierState{parties: p, brokenBy: -1}
	}
	gotCall := func(w, c int) (callOutcome, bool) {
		if w < len(got.Calls) && c < len(got.Calls[w]) {
			return got.Calls[w][c], true
		}
		return callOutcome{}, false
	}
	set := func(w, c int, o callOutcome, y why) {
		o.Returned = true
		if o.Err != errNil {
			o.Arrival = 0
		}
		for len(m.want.Calls[w]) <= c {
			m.want.Calls[w] = append(m.want.Calls[w], callOutcome{})
			m.whys[w] = append(m.whys[w], why{})
		}
		m.want.Calls[w][c], m.whys[w][c] = o, y
	}
	breakAll := func(b *barrierState, at time.Duration, kind whyKind, by int) {
		for _, sl := range b.waiting {
			set(sl.w, sl.c, callOutcome{Err: errBroken, At: at}, why{kind: kind, by: by})
		}
		b.waiting = nil
	}
	var call func(w, c int, at time.Duration)
	call = func(w, c int, at time.Duration) {
		wt := s.Waiters[w]
		b := bs[wt.Barrier]
		done := wt.ends() && wt.End <= at
		nth := len(b.waiting) + 1
		switch {
		case b.broken:
			want := callOutcome{Err: errBroken, At: at}
			if g, ok := gotCall(w, c); ok && done && g.Err == wt.ctxErr() {
				want.Err = g.Err // either is right
			}
			set(w, c, want, why{kind: whyBrokenAtCall, since: b.brokenAt, by: b.brokenBy})
		case nth == b.parties:
			if g, ok := gotCall(w, c); ok && done && g.Returned && g.Err != errNil {
				set(w, c, callOutcome{Err: wt.ctxErr(), At: at}, why{kind: whyRefused, nth: nth})
				return
			}
			reuse := -1
			if wt.Again && c == 0 {
				reuse = w
			}
			for _, sl := range b.waiting {
				set(sl.w, sl.c, callOutcome{Arrival: sl.arrival, Err: errNil, At: at}, why{kind: whyReleased, by: w, reuse: reuse, nth: b.parties - sl.arrival})
			}
			b.waiting = nil
			set(w, c, callOutcome{Arrival: 0, Err: errNil, At: at}, why{kind: whyLast, nth: nth, by: -1})
			if reuse >= 0 {
				call(w, 1, at)
			}
		case done:
			set(w, c, callOutcome{Err: wt.ctxErr(), At: at}, why{kind: whyDoneAtCall, nth: nth, by: -1})
			breakAll(b, at, whyBrokenByCtx, w)
			b.broken, b.brokenAt, b.brokenBy = true, at, w
		default:
			b.waiting = append(b.waiting, slot{w: w, c: c, arrival: b.parties - nth})
		}
	}
	ctxEnd := func(w int, at time.Duration) {
		b := bs[s.Waiters[w].Barrier]
		for k, sl := range b.waiting {
			if sl.w != w {
				continue
			}
			set(w, sl.c, callOutcome{Err: s.Waiters[w].ctxErr(), At: at}, why{kind: whyOwnCtx, nth: k + 1, by: -1})
			b.waiting = append(b.waiting[:k], b.waiting[k+1:]...)
			breakAll(b, at, whyBrokenByCtx, w)
			b.broken, b.brokenAt, b.brokenBy = true, at, w
			return
		}
	}
	doReset := func(i int, at time.Duration, kind whyKind) {
		b := bs[i]
		breakAll(b, at, kind, -1)
		b.broken, b.brokenBy = false, -1
	}

	type event struct {
		at time.Duration
		f  func()
	}
	var events []event
	for w, wt := range s.Waiters {
		events = append(events, event{wt.Start, func() { call(w, 0, wt.Start) }})
		if wt.ends() && wt.End > wt.Start {
			events = append(events, event{wt.End, func() { ctxEnd(w, wt.End) }})
		}
	}
	for _, r := range s.Resets {
		events = append(events, event{r.At, func() { doReset(r.Barrier, r.At, whyReset) }})
	}
	end := s.end()
	for i := range s.Parties {
		events = append(events, event{end, func() { doReset(i, end, whyFinalReset) }})
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at < events[j].at })
	for _, e := range events {
		e.f()
	}
	return m
}
