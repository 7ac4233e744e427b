package barriertest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A schedule is a test run laid out in fake time: the Barriers and their parties, the
// goroutines that call Await with their contexts, and the calls of Reset. Every instant
// is distinct (no two things happen at once), except a call of Await made again right
// after one that returned at once as the last arrival. After the last instant, the judge
// calls Reset on every Barrier, which releases whoever still waits.
type schedule struct {
	Parties []int // New(parties) of each Barrier
	Waiters []waiter
	Resets  []reset
}

type ctxKind int

const (
	ctxNever    ctxKind = iota // context.Background()
	ctxTimeout                 // context.WithTimeout made when Await is called
	ctxDeadline                // context.WithDeadline made at the start
	ctxCancel                  // context.WithCancel, canceled by another goroutine at End
	ctxCanceled                // canceled before Await is called
	ctxExpired                 // deadline passed before Await is called
)

// A waiter is a goroutine that calls Await at Start with a context that ends at End.
// With Again, when that Await returns at once as the last arrival, the goroutine calls
// Await again right away with the same ctx (the next generation's first arrival, before
// the waiters just released have run again: the classic reuse bug).
type waiter struct {
	Barrier int
	Start   time.Duration
	End     time.Duration // == Start for ctxCanceled and ctxExpired; unused for ctxNever
	Ctx     ctxKind
	Again   bool
}

// A reset is a call of Reset by a goroutine of its own.
type reset struct {
	Barrier int
	At      time.Duration
}

func (w waiter) ends() bool { return w.Ctx != ctxNever }

// ctxErr is the error of the waiter's context once it has ended.
func (w waiter) ctxErr() string {
	if w.Ctx == ctxCancel || w.Ctx == ctxCanceled {
		return errCanceled
	}
	return errDeadline
}

func (w waiter) ctxString() string {
	switch w.Ctx {
	case ctxNever:
		return "ctx never ends"
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
// before it runs.
func draw(rt *rapid.T) schedule {
	var s schedule
	barriers := rapid.IntRange(1, 3).Draw(rt, "barriers")
	for i := range barriers {
		s.Parties = append(s.Parties, rapid.IntRange(1, 4).Draw(rt, fmt.Sprintf("barrier %d parties", i+1)))
	}
	ctxs := []ctxKind{ctxNever, ctxNever, ctxNever, ctxTimeout, ctxDeadline, ctxCancel, ctxCanceled, ctxExpired}
	s.Waiters = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) waiter {
		w := waiter{
			Barrier: rapid.IntRange(0, 2).Draw(rt, "barrier") % barriers,
			Start:   time.Duration(rapid.Int64Range(1, 20_000).Draw(rt, "call at ns")),
			Ctx:     rapid.SampledFrom(ctxs).Draw(rt, "ctx"),
		}
		w.End = w.Start
		switch w.Ctx {
		case ctxTimeout, ctxDeadline, ctxCancel:
			// Some contexts end milliseconds later, so that an Await that polls is late.
			hi := int64(20_000)
			if rapid.Bool().Draw(rt, "ctx ends much later") {
				hi = 40_000_000
			}
			w.End += time.Duration(rapid.Int64Range(1, hi).Draw(rt, "ctx ends after ns"))
		}
		if w.Ctx != ctxCanceled && w.Ctx != ctxExpired {
			w.Again = rapid.Bool().Draw(rt, "calls Await again at once if it was the last")
		}
		return w
	}), 0, 10).Draw(rt, "waiters")
	s.Resets = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) reset {
		return reset{
			Barrier: rapid.IntRange(0, 2).Draw(rt, "barrier") % barriers,
			At:      time.Duration(rapid.Int64Range(1, 20_000).Draw(rt, "Reset at ns")),
		}
	}), 0, 3).Draw(rt, "resets")
	s.separate()
	return s
}

// separate moves instants that clash on by a nanosecond at a time, in a fixed order,
// until every call, every end of a context and every Reset has an instant of its own.
func (s *schedule) separate() {
	used := map[time.Duration]bool{}
	free := func(at time.Duration) time.Duration {
		for used[at] {
			at++
		}
		used[at] = true
		return at
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
	for i := range s.Resets {
		s.Resets[i].At = free(s.Resets[i].At)
	}
	sort.SliceStable(s.Resets, func(i, j int) bool { return s.Resets[i].At < s.Resets[j].At })
}

// end is the instant of the judge's final Reset: after everything else.
func (s schedule) end() time.Duration {
	var last time.Duration
	for _, w := range s.Waiters {
		last = max(last, w.Start, w.End)
	}
	for _, r := range s.Resets {
		last = max(last, r.At)
	}
	return last + time.Microsecond
}

// only returns the part of s that concerns Barrier i, as a schedule of one Barrier.
func (s schedule) only(i int) schedule {
	one := schedule{Parties: []int{s.Parties[i]}}
	for _, w := range s.Waiters {
		if w.Barrier == i {
			w.Barrier = 0
			one.Waiters = append(one.Waiters, w)
		}
	}
	for _, r := range s.Resets {
		if r.Barrier == i {
			r.Barrier = 0
			one.Resets = append(one.Resets, r)
		}
	}
	return one
}

func (s schedule) barrierName(i int) string {
	if len(s.Parties) == 1 {
		return ""
	}
	return fmt.Sprintf("barrier %d ", i+1)
}

func waiterName(i int) string { return fmt.Sprintf("waiter %d", i+1) }

// String renders the schedule as a timeline, one event a line.
func (s schedule) String() string {
	type line struct {
		at   time.Duration
		text string
	}
	var lines []line
	for i, w := range s.Waiters {
		again := ""
		if w.Again {
			again = "; if it returns at once as the last arrival, Await again at once"
		}
		lines = append(lines, line{w.Start, fmt.Sprintf("%s: %sAwait(ctx), %s%s", waiterName(i), s.barrierName(w.Barrier), w.ctxString(), again)})
		if w.End != w.Start && w.ends() {
			lines = append(lines, line{w.End, fmt.Sprintf("the ctx of %s ends", waiterName(i))})
		}
	}
	for _, r := range s.Resets {
		lines = append(lines, line{r.At, fmt.Sprintf("%sReset()", s.barrierName(r.Barrier))})
	}
	lines = append(lines, line{s.end(), "the judge calls Reset() on every barrier"})
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at < lines[j].at })
	var b strings.Builder
	for i, p := range s.Parties {
		if i > 0 {
			b.WriteString("; ")
		}
		name := s.barrierName(i)
		if name == "" {
			name = "barrier "
		}
		fmt.Fprintf(&b, "%s= New(%d)", name, p)
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "\n    at %-9v %s", l.at, l.text)
	}
	return b.String()
}
