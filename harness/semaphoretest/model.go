package semaphoretest

import (
	"slices"
	"time"
)

// How a call ended, as an outcome records it.
const (
	errNil      = "nil"
	errCanceled = "context.Canceled"
	errDeadline = "context.DeadlineExceeded"
)

// An outcome is what happened in a run of a schedule, per event: the model's (want) or
// the learner's (got). go-cmp diffs two of them.
type outcome struct {
	Calls []callOutcome // in the order of schedule.Events
}

type callOutcome struct {
	Returned bool
	Result   string        // TryAcquire: "true" or "false"; Acquire: errNil, errCanceled, ...; Release: ""
	At       time.Duration // when the call returned
}

// The model is golang.org/x/sync/semaphore's Weighted, run on a schedule's events in time
// order: a line of waiters served first come, first served, each let in at the instant it
// is first in line and its tokens are free; a waiter whose ctx ends leaves the line, and
// when it was first, the waiters behind it that now fit get in.
type model struct {
	s     schedule
	sems  []*semState
	want  outcome
	moves [][]snapshot // per semaphore: its state after each instant that changed it
}

type semState struct {
	cur      int64
	line     []int // Acquire events waiting their turn, first come first
	oversize []int // Acquire events with n > size, waiting for their ctx
}

// A snapshot is a semaphore's state from instant at on.
type snapshot struct {
	at       time.Duration
	cur      int64
	line     []int
	oversize []int
}

func newModel(s schedule) *model {
	m := &model{s: s, want: outcome{Calls: make([]callOutcome, len(s.Events))}, moves: make([][]snapshot, len(s.Sizes))}
	for range s.Sizes {
		m.sems = append(m.sems, &semState{})
	}
	return m
}

// add appends event e to the model's schedule and applies it (for drawing a schedule
// event by event).
func (m *model) add(e event) {
	m.s.Events = append(m.s.Events, e)
	m.want.Calls = append(m.want.Calls, callOutcome{})
	m.apply(len(m.s.Events)-1, e)
}

// simulate runs s on the model.
func simulate(s schedule) *model {
	m := newModel(s)
	for i, e := range s.Events {
		m.advance(e.At)
		m.apply(i, e)
	}
	m.advance(time.Duration(1 << 62))
	return m
}

func (m *model) snap(sem int, at time.Duration) {
	st := m.sems[sem]
	m.moves[sem] = append(m.moves[sem], snapshot{at, st.cur, slices.Clone(st.line), slices.Clone(st.oversize)})
}

// before returns semaphore sem's state just before instant at.
func (m *model) before(sem int, at time.Duration) snapshot {
	var s snapshot
	for _, mv := range m.moves[sem] {
		if mv.at >= at {
			break
		}
		s = mv
	}
	return s
}

// fitsNow reports whether Acquire(n) on sem would get in at once.
func (m *model) fitsNow(sem int, n int64) bool {
	st := m.sems[sem]
	return m.s.Sizes[sem]-st.cur >= n && len(st.line) == 0
}

// advance ends, in time order, the contexts that end before instant t.
func (m *model) advance(t time.Duration) {
	for {
		next, at := -1, t
		for _, st := range m.sems {
			for _, w := range append(slices.Clone(st.line), st.oversize...) {
				if e := m.s.Events[w]; e.End < at {
					next, at = w, e.End
				}
			}
		}
		if next < 0 {
			return
		}
		e := m.s.Events[next]
		st := m.sems[e.Sem]
		m.want.Calls[next] = callOutcome{Returned: true, Result: e.ctxErr(), At: e.End}
		st.oversize = slices.DeleteFunc(st.oversize, func(w int) bool { return w == next })
		first := len(st.line) > 0 && st.line[0] == next
		st.line = slices.DeleteFunc(st.line, func(w int) bool { return w == next })
		if first {
			m.notify(e.Sem, e.End)
		}
		m.snap(e.Sem, e.End)
	}
}

// apply makes event i at its instant.
func (m *model) apply(i int, e event) {
	st := m.sems[e.Sem]
	switch e.Kind {
	case tryAcquire:
		ok := m.fitsNow(e.Sem, e.N)
		if ok {
			st.cur += e.N
		}
		m.want.Calls[i] = callOutcome{Returned: true, Result: boolText(ok), At: e.At}
	case release:
		st.cur -= e.N
		m.want.Calls[i] = callOutcome{Returned: true, At: e.At}
		m.notify(e.Sem, e.At)
	case acquire:
		switch {
		case m.fitsNow(e.Sem, e.N):
			st.cur += e.N
			m.want.Calls[i] = callOutcome{Returned: true, Result: errNil, At: e.At}
		case e.Ctx.done():
			m.want.Calls[i] = callOutcome{Returned: true, Result: e.ctxErr(), At: e.At}
		case e.N > m.s.Sizes[e.Sem]:
			st.oversize = append(st.oversize, i)
		default:
			st.line = append(st.line, i)
		}
	}
	m.snap(e.Sem, e.At)
}

// notify lets in the waiters at the head of the line that fit, in order, at instant at.
func (m *model) notify(sem int, at time.Duration) {
	st := m.sems[sem]
	for len(st.line) > 0 {
		w := st.line[0]
		n := m.s.Events[w].N
		if m.s.Sizes[sem]-st.cur < n {
			return
		}
		st.cur += n
		st.line = st.line[1:]
		m.want.Calls[w] = callOutcome{Returned: true, Result: errNil, At: at}
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
