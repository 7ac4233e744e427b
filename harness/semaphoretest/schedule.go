package semaphoretest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A schedule is a test run laid out in fake time: the semaphores and their sizes, calls
// of TryAcquire and Release that a few goroutines make at given instants, and waiters
// that call Acquire at given instants with contexts that end at given instants. No two
// things happen at the same instant.
type schedule struct {
	Sizes  []int64 // New(size) of each semaphore
	Actors int     // goroutines that make the TryAcquire and Release calls
	Events []event // in time order
}

type kind int

const (
	tryAcquire kind = iota
	release
	acquire
)

// An event is one call: TryAcquire or Release by an actor, or Acquire by a waiter (a
// goroutine of its own).
type event struct {
	At    time.Duration
	Kind  kind
	Sem   int
	N     int64
	Actor int           // TryAcquire, Release
	Ctx   ctxKind       // Acquire
	End   time.Duration // Acquire: when its ctx ends; At for a ctx already done
}

type ctxKind int

const (
	ctxTimeout  ctxKind = iota // context.WithTimeout made when Acquire is called
	ctxDeadline                // context.WithDeadline made at the start
	ctxCancel                  // context.WithCancel, canceled by another goroutine at End
	ctxCanceled                // canceled before Acquire is called
	ctxExpired                 // deadline passed before Acquire is called
)

func (c ctxKind) done() bool { return c == ctxCanceled || c == ctxExpired }

// ctxErr is the error of the waiter's context once it has ended.
func (e event) ctxErr() string {
	if e.Ctx == ctxCancel || e.Ctx == ctxCanceled {
		return errCanceled
	}
	return errDeadline
}

func (e event) ctxString() string {
	switch e.Ctx {
	case ctxTimeout:
		return fmt.Sprintf("ctx from context.WithTimeout(%v), ends at %v", e.End-e.At, e.End)
	case ctxDeadline:
		return fmt.Sprintf("ctx from context.WithDeadline, ends at %v", e.End)
	case ctxCancel:
		return fmt.Sprintf("ctx canceled at %v", e.End)
	case ctxCanceled:
		return "ctx already canceled"
	}
	return "ctx deadline already passed"
}

func (e event) call() string {
	switch e.Kind {
	case tryAcquire:
		return fmt.Sprintf("TryAcquire(%d)", e.N)
	case release:
		return fmt.Sprintf("Release(%d)", e.N)
	}
	return fmt.Sprintf("Acquire(ctx, %d)", e.N)
}

func actorName(a int) string { return "goroutine " + string(rune('A'+a)) }

// waiterNames names each Acquire event: "waiter 1", ...
func (s schedule) waiterNames() map[int]string {
	names := map[int]string{}
	for i, e := range s.Events {
		if e.Kind == acquire {
			names[i] = fmt.Sprintf("waiter %d", len(names)+1)
		}
	}
	return names
}

func (s schedule) semName(i int) string {
	if len(s.Sizes) == 1 {
		return ""
	}
	return fmt.Sprintf("sem %c: ", 'A'+i)
}

// who names the caller of event i.
func (s schedule) who(i int) string {
	if e := s.Events[i]; e.Kind != acquire {
		return actorName(e.Actor)
	}
	return s.waiterNames()[i]
}

// String renders the schedule as a timeline, one event a line.
func (s schedule) String() string {
	type line struct {
		at   time.Duration
		text string
	}
	var lines []line
	names := s.waiterNames()
	for i, e := range s.Events {
		if e.Kind != acquire {
			lines = append(lines, line{e.At, fmt.Sprintf("%s: %s%s", actorName(e.Actor), s.semName(e.Sem), e.call())})
			continue
		}
		lines = append(lines, line{e.At, fmt.Sprintf("%s: %s%s, %s", names[i], s.semName(e.Sem), e.call(), e.ctxString())})
		if e.End != e.At {
			lines = append(lines, line{e.End, fmt.Sprintf("the ctx of %s ends", names[i])})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at < lines[j].at })
	var b strings.Builder
	for i, size := range s.Sizes {
		if i > 0 {
			b.WriteString("; ")
		}
		name := strings.TrimSuffix(s.semName(i), ": ")
		if name == "" {
			name = "sem"
		}
		fmt.Fprintf(&b, "%s = New(%d)", name, size)
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "\n    at %-9v %s", l.at, l.text)
	}
	return b.String()
}

// eventAt describes what happens at instant at in the schedule, or returns "".
func (s schedule) eventAt(at time.Duration) string {
	names := s.waiterNames()
	for i, e := range s.Events {
		switch {
		case e.At == at && e.Kind == acquire:
			return fmt.Sprintf("%s called %s%s", names[i], s.semName(e.Sem), e.call())
		case e.At == at:
			return fmt.Sprintf("%s called %s%s", actorName(e.Actor), s.semName(e.Sem), e.call())
		case e.Kind == acquire && e.End == at && e.End != e.At:
			return fmt.Sprintf("the ctx of %s ended", names[i])
		}
	}
	return ""
}

// draw generates a schedule, event after event in time order, so that each draw can
// depend on the state the events before it leave (a Release gives back at most what is
// held). Every draw is labelled. An Acquire with a ctx already done is drawn only where
// it cannot get in at once (where it can, both answers are right and the rest of the
// schedule would depend on the learner's choice; "sequential" checks that case). At the
// end, goroutine A takes every free token of each semaphore with TryAcquire, then tries
// for one more: tokens lost or made up show there.
func draw(rt *rapid.T) schedule {
	var s schedule
	sems := rapid.IntRange(1, 2).Draw(rt, "semaphores")
	for i := range sems {
		s.Sizes = append(s.Sizes, int64(rapid.IntRange(1, 4).Draw(rt, fmt.Sprintf("sem %d size", i+1))))
	}
	s.Actors = rapid.IntRange(1, 2).Draw(rt, "goroutines")
	m := newModel(s)
	used := map[time.Duration]bool{}
	free := func(at time.Duration) time.Duration {
		for used[at] {
			at++
		}
		used[at] = true
		return at
	}
	var now time.Duration
	n := rapid.IntRange(1, 14).Draw(rt, "events")
	for range n {
		gap := rapid.Int64Range(1, 3000).Draw(rt, "after ns")
		now = free(now + time.Duration(gap))
		e := event{At: now, Sem: rapid.IntRange(0, sems-1).Draw(rt, "sem") % sems}
		m.advance(now)
		size, cur := s.Sizes[e.Sem], m.sems[e.Sem].cur
		switch k := rapid.IntRange(0, 5).Draw(rt, "call"); {
		case k == 0 || (k == 1 && cur == 0):
			e.Kind = tryAcquire
			e.N = int64(rapid.IntRange(0, int(size)+1).Draw(rt, "TryAcquire n"))
			e.Actor = rapid.IntRange(0, 1).Draw(rt, "goroutine") % s.Actors
		case k == 1:
			e.Kind = release
			e.N = int64(rapid.IntRange(1, int(cur)).Draw(rt, "Release n"))
			e.Actor = rapid.IntRange(0, 1).Draw(rt, "goroutine") % s.Actors
		default:
			e.Kind = acquire
			e.N = int64(rapid.IntRange(0, int(size)+1).Draw(rt, "Acquire n"))
			e.Ctx = rapid.SampledFrom([]ctxKind{ctxTimeout, ctxTimeout, ctxDeadline, ctxCancel, ctxCanceled, ctxExpired}).Draw(rt, "ctx")
			if e.Ctx.done() && m.fitsNow(e.Sem, e.N) {
				e.Ctx = ctxTimeout
			}
			e.End = e.At
			if !e.Ctx.done() {
				hi := int64(20_000)
				if rapid.Bool().Draw(rt, "ctx ends much later") {
					hi = 40_000_000 // so that a waiter that polls is late
				}
				e.End = free(e.At + time.Duration(rapid.Int64Range(1, hi).Draw(rt, "ctx ends after ns")))
			}
		}
		s.Events = append(s.Events, e)
		m.add(e)
	}
	// Audit: after every ctx has ended, take what is free, then try for one more.
	m.advance(time.Duration(1 << 62))
	last := now
	for i := range s.Events {
		last = max(last, s.Events[i].End)
	}
	for sem, size := range s.Sizes {
		last = free(last + 1000)
		e := event{At: last, Kind: tryAcquire, Sem: sem, N: size - m.sems[sem].cur}
		s.Events = append(s.Events, e)
		m.add(e)
		last = free(last + 1000)
		s.Events = append(s.Events, event{At: last, Kind: tryAcquire, Sem: sem, N: 1})
	}
	return s
}

// only returns the part of s that concerns semaphore i, as a schedule of one.
func (s schedule) only(i int) schedule {
	one := schedule{Sizes: []int64{s.Sizes[i]}, Actors: s.Actors}
	for _, e := range s.Events {
		if e.Sem == i {
			e.Sem = 0
			one.Events = append(one.Events, e)
		}
	}
	return one
}

// ns is a duration in nanoseconds, for hand-written schedules.
func ns(n int64) time.Duration { return time.Duration(n) }

// classics are hand-written schedules run before the generated ones, so that the
// classic bugs are found on every run, whatever the seed.
var classics = []struct {
	name string
	s    schedule
}{
	{"first come, first served: a large waiter is not starved by small ones", schedule{Sizes: []int64{3}, Actors: 1, Events: []event{
		{At: ns(1000), Kind: tryAcquire, N: 2},
		{At: ns(2000), Kind: acquire, N: 3, Ctx: ctxTimeout, End: ns(900_000)},
		{At: ns(3000), Kind: acquire, N: 1, Ctx: ctxTimeout, End: ns(800_000)},
		{At: ns(4000), Kind: tryAcquire, N: 1},
		{At: ns(5000), Kind: release, N: 2},
		{At: ns(6000), Kind: release, N: 3},
		{At: ns(7000), Kind: tryAcquire, N: 3},
		{At: ns(8000), Kind: tryAcquire, N: 1},
	}}},
	{"one Release lets in every waiter at the head that fits", schedule{Sizes: []int64{4}, Actors: 1, Events: []event{
		{At: ns(1000), Kind: tryAcquire, N: 4},
		{At: ns(2000), Kind: acquire, N: 2, Ctx: ctxTimeout, End: ns(900_000)},
		{At: ns(3000), Kind: acquire, N: 1, Ctx: ctxTimeout, End: ns(800_000)},
		{At: ns(4000), Kind: acquire, N: 1, Ctx: ctxCancel, End: ns(700_000)},
		{At: ns(5000), Kind: acquire, N: 2, Ctx: ctxTimeout, End: ns(600_000)},
		{At: ns(6000), Kind: release, N: 4},
		{At: ns(1_000_000), Kind: tryAcquire, N: 1},
	}}},
	{"a waiter whose ctx ends gives its place back, and no token is lost", schedule{Sizes: []int64{3}, Actors: 1, Events: []event{
		{At: ns(1000), Kind: tryAcquire, N: 2},
		{At: ns(2000), Kind: acquire, N: 3, Ctx: ctxTimeout, End: ns(3000)},
		{At: ns(4000), Kind: release, N: 2},
		{At: ns(5000), Kind: tryAcquire, N: 3},
		{At: ns(6000), Kind: tryAcquire, N: 1},
	}}},
	{"a waiter at the head gives up, and the waiters behind it that fit get in", schedule{Sizes: []int64{4}, Actors: 1, Events: []event{
		{At: ns(1000), Kind: tryAcquire, N: 2},
		{At: ns(2000), Kind: acquire, N: 4, Ctx: ctxCancel, End: ns(5000)},
		{At: ns(3000), Kind: acquire, N: 1, Ctx: ctxTimeout, End: ns(900_000)},
		{At: ns(4000), Kind: acquire, N: 1, Ctx: ctxDeadline, End: ns(800_000)},
		{At: ns(6000), Kind: tryAcquire, N: 1},
		{At: ns(1_000_000), Kind: tryAcquire, N: 1},
	}}},
	{"a request larger than the semaphore waits for its ctx and holds up nobody", schedule{Sizes: []int64{2}, Actors: 1, Events: []event{
		{At: ns(1000), Kind: tryAcquire, N: 2},
		{At: ns(2000), Kind: acquire, N: 3, Ctx: ctxTimeout, End: ns(900_000)},
		{At: ns(3000), Kind: acquire, N: 1, Ctx: ctxTimeout, End: ns(800_000)},
		{At: ns(4000), Kind: release, N: 1},
		{At: ns(5000), Kind: tryAcquire, N: 1},
	}}},
}
