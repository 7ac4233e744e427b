package latchtest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A schedule is a test run laid out in fake time: the Latches and their counts, the
// calls of a few goroutines at given instants, and the waiters with their contexts.
// Every instant is distinct (no two things happen at once), except the calls of one
// step, which one goroutine makes back to back.
type schedule struct {
	Counts  []int // New(count) of each Latch
	Actors  int   // goroutines that make the steps' calls
	Steps   []step
	Waiters []waiter
}

// A step is what one goroutine does at one instant: a few calls on one Latch, back to
// back, without yielding in between.
type step struct {
	At    time.Duration
	Actor int
	Latch int
	Ops   []op
}

type opKind int

const (
	opCountDown opKind = iota
	opCount
	opTrySetCount
)

// An op is one call of a step.
type op struct {
	Kind opKind
	N    int // TrySetCount's argument
}

func (o op) String() string {
	switch o.Kind {
	case opCountDown:
		return "CountDown()"
	case opCount:
		return "Count()"
	}
	return fmt.Sprintf("TrySetCount(%d)", o.N)
}

type ctxKind int

const (
	ctxTimeout  ctxKind = iota // context.WithTimeout made when Wait is called
	ctxDeadline                // context.WithDeadline made at the start
	ctxCancel                  // context.WithCancel, canceled by another goroutine at End
	ctxCanceled                // canceled before Wait is called
	ctxExpired                 // deadline passed before Wait is called
)

// A waiter is a goroutine that calls Wait at Start with a context that ends at End.
type waiter struct {
	Latch int
	Start time.Duration
	End   time.Duration // == Start for ctxCanceled and ctxExpired
	Ctx   ctxKind
}

// ctxErr is the error of the waiter's context once it has ended.
func (w waiter) ctxErr() string {
	if w.Ctx == ctxCancel || w.Ctx == ctxCanceled {
		return errCanceled
	}
	return errDeadline
}

func (w waiter) ctxString() string {
	switch w.Ctx {
	case ctxTimeout:
		return fmt.Sprintf("ctx from context.WithTimeout(%v), ends at %v", w.End-w.Start, w.End)
	case ctxDeadline:
		return fmt.Sprintf("ctx from context.WithDeadline, ends at %v", w.End)
	case ctxCancel:
		return fmt.Sprintf("ctx canceled at %v", w.End)
	case ctxCanceled:
		return "ctx already canceled"
	}
	return "ctx deadline already passed"
}

// draw generates a schedule: every draw is labelled, and the whole schedule is drawn
// before it runs. Each step and waiter draws its own instants (nanoseconds, not round
// numbers), so that rapid can drop one without moving the others; instants that clash
// are then moved on by a nanosecond at a time, so that no two things happen at once.
func draw(rt *rapid.T) schedule {
	var s schedule
	latches := rapid.IntRange(1, 3).Draw(rt, "latches")
	for i := range latches {
		s.Counts = append(s.Counts, rapid.IntRange(0, 4).Draw(rt, fmt.Sprintf("latch %d count", i+1)))
	}
	s.Actors = rapid.IntRange(1, 3).Draw(rt, "goroutines")
	kinds := []opKind{opCountDown, opCountDown, opCountDown, opTrySetCount, opTrySetCount, opCount}
	s.Steps = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) step {
		st := step{
			At:    time.Duration(rapid.Int64Range(1, 20_000).Draw(rt, "at ns")),
			Actor: rapid.IntRange(0, 2).Draw(rt, "goroutine") % s.Actors,
			Latch: rapid.IntRange(0, 2).Draw(rt, "latch") % latches,
		}
		for range rapid.IntRange(1, 3).Draw(rt, "calls") {
			o := op{Kind: rapid.SampledFrom(kinds).Draw(rt, "call")}
			if o.Kind == opTrySetCount {
				o.N = rapid.IntRange(-1, 4).Draw(rt, "TrySetCount")
			}
			st.Ops = append(st.Ops, o)
		}
		return st
	}), 1, 10).Draw(rt, "steps")
	ctxs := []ctxKind{ctxTimeout, ctxDeadline, ctxCancel, ctxCanceled, ctxExpired}
	s.Waiters = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) waiter {
		w := waiter{
			Latch: rapid.IntRange(0, 2).Draw(rt, "latch") % latches,
			Ctx:   rapid.SampledFrom(ctxs).Draw(rt, "ctx"),
			Start: time.Duration(rapid.Int64Range(1, 20_000).Draw(rt, "call at ns")),
		}
		w.End = w.Start
		if w.Ctx != ctxCanceled && w.Ctx != ctxExpired {
			// Some contexts end milliseconds later, so that a Wait that polls is late.
			long := rapid.Bool().Draw(rt, "ctx ends much later")
			hi := int64(20_000)
			if long {
				hi = 40_000_000
			}
			w.End += time.Duration(rapid.Int64Range(1, hi).Draw(rt, "ctx ends after ns"))
		}
		return w
	}), 0, 6).Draw(rt, "waiters")
	s.separate()
	return s
}

// separate moves instants that clash on by a nanosecond at a time, in a fixed order, until
// every step, every call of Wait and every end of a context has an instant of its own,
// and sorts the steps by time.
func (s *schedule) separate() {
	used := map[time.Duration]bool{}
	free := func(at time.Duration) time.Duration {
		for used[at] {
			at++
		}
		used[at] = true
		return at
	}
	for i := range s.Steps {
		s.Steps[i].At = free(s.Steps[i].At)
	}
	for i := range s.Waiters {
		w := &s.Waiters[i]
		d := w.End - w.Start
		w.Start = free(w.Start)
		w.End = w.Start
		if d > 0 {
			w.End = free(w.Start + d)
		}
	}
	sort.SliceStable(s.Steps, func(i, j int) bool { return s.Steps[i].At < s.Steps[j].At })
}

func indexes(n int) []int {
	ix := make([]int, n)
	for i := range ix {
		ix[i] = i
	}
	return ix
}

// only returns the part of s that concerns Latch i, as a schedule of one Latch.
func (s schedule) only(i int) schedule {
	one := schedule{Counts: []int{s.Counts[i]}, Actors: s.Actors}
	for _, st := range s.Steps {
		if st.Latch == i {
			st.Latch = 0
			one.Steps = append(one.Steps, st)
		}
	}
	for _, w := range s.Waiters {
		if w.Latch == i {
			w.Latch = 0
			one.Waiters = append(one.Waiters, w)
		}
	}
	return one
}

func (s schedule) latchName(i int) string {
	if len(s.Counts) == 1 {
		return ""
	}
	return fmt.Sprintf("latch %d ", i+1)
}

func actorName(a int) string { return "goroutine " + string(rune('A'+a)) }

func waiterName(i int) string { return fmt.Sprintf("waiter %d", i+1) }

// String renders the schedule as a timeline, one event a line.
func (s schedule) String() string {
	type line struct {
		at   time.Duration
		text string
	}
	var lines []line
	for _, st := range s.Steps {
		var calls []string
		for _, o := range st.Ops {
			calls = append(calls, o.String())
		}
		lines = append(lines, line{st.At, fmt.Sprintf("%s: %s%s", actorName(st.Actor), s.latchName(st.Latch), strings.Join(calls, ", "))})
	}
	for i, w := range s.Waiters {
		lines = append(lines, line{w.Start, fmt.Sprintf("%s: %sWait(ctx), %s", waiterName(i), s.latchName(w.Latch), w.ctxString())})
		if w.End != w.Start {
			lines = append(lines, line{w.End, fmt.Sprintf("the ctx of %s ends", waiterName(i))})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at < lines[j].at })
	var b strings.Builder
	for i, c := range s.Counts {
		if i > 0 {
			b.WriteString("; ")
		}
		name := s.latchName(i)
		if name == "" {
			name = "latch "
		}
		fmt.Fprintf(&b, "%s= New(%d)", name, c)
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "\n    at %-9v %s", l.at, l.text)
	}
	return b.String()
}

// eventAt describes what happens at instant at in the schedule, or returns "".
func (s schedule) eventAt(at time.Duration) string {
	for _, st := range s.Steps {
		if st.At == at {
			return fmt.Sprintf("%s called %s%s", actorName(st.Actor), s.latchName(st.Latch), calls(st))
		}
	}
	for i, w := range s.Waiters {
		switch {
		case w.Start == at:
			return fmt.Sprintf("%s called %sWait", waiterName(i), s.latchName(w.Latch))
		case w.End == at:
			return fmt.Sprintf("the ctx of %s ended", waiterName(i))
		}
	}
	return ""
}
