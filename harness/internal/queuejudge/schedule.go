package queuejudge

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// A Kind is a kata's kind of call in a schedule.
type Kind interface {
	comparable
	// Render renders a call of this kind with value v: "Put(3)", "Take()".
	Render(v int) string
	// Puts reports whether the call adds the item v (each gets a value of its own).
	Puts() bool
	// Waits reports whether the call takes a ctx and may wait.
	Waits() bool
	// Cancels reports whether the call is the judge's cancel of another call's ctx.
	Cancels() bool
}

// A CtxKind is the kind of ctx a waiting call of a schedule gets.
type CtxKind int

const (
	CtxTimeout  CtxKind = iota // context.WithTimeout(D), made when the call is made
	CtxCancel                  // context.WithCancel made at the start, canceled at End (or earlier by a cancel call)
	CtxCanceled                // canceled before the call
	CtxExpired                 // deadline passed before the call
)

// A Call is one call of a Caller.
type Call[K Kind] struct {
	Kind   K
	V      int           // the value of a call that Puts, unique in the schedule
	Ctx    CtxKind       // a call that Waits
	D      time.Duration // CtxTimeout: the timeout
	End    time.Duration // CtxCancel: the instant a goroutine of the judge cancels the ctx
	Target int           // a call that Cancels: the call (by id) whose ctx it cancels
	ID     int           // the call's number in the schedule, from 1 in drawing order
	Q      int           // the Queue it is made on
}

func (c Call[K]) String() string {
	if c.Kind.Cancels() {
		return fmt.Sprintf("cancel(ctx of call #%d)", c.Target)
	}
	return c.Kind.Render(c.V)
}

// Waits reports whether c takes a ctx and may wait.
func (c Call[K]) Waits() bool { return c.Kind.Waits() }

// CtxString describes the ctx of c.
func (c Call[K]) CtxString() string {
	switch c.Ctx {
	case CtxTimeout:
		return fmt.Sprintf("ctx from context.WithTimeout(%v)", c.D)
	case CtxCancel:
		return fmt.Sprintf("ctx canceled at %v at the latest", c.End)
	case CtxCanceled:
		return "ctx already canceled"
	}
	return "ctx deadline already passed"
}

// CtxErr is the error of the call's context once it has ended.
func (c Call[K]) CtxErr() string {
	if c.Ctx == CtxCancel || c.Ctx == CtxCanceled {
		return ErrCanceled
	}
	return ErrDeadline
}

// A Caller is one goroutine: its first call at At, the next ones as soon as the one
// before returns.
type Caller[K Kind] struct {
	At    time.Duration
	Calls []Call[K]
}

// A Schedule is a test run laid out in fake time: one or two Queues, each holding a few
// items (Base+1, Base+2, ...) put by the main goroutine before anything else, then
// goroutines that each start at an instant of their own and make a few calls back to
// back. A call that waits holds up the calls after it in its goroutine.
type Schedule[K Kind] struct {
	Prefill []int // per Queue: how many items the main goroutine puts first
	Base    int   // the items put first are Base+1, Base+2, ...
	Callers []Caller[K]
}

// A First is one of the main goroutine's Puts before anything else.
type First struct{ Q, V int }

// Firsts returns the main goroutine's Puts, in order: Queue 1's items, then Queue 2's.
func (s Schedule[K]) Firsts() []First {
	var fs []First
	v := s.Base
	for q, n := range s.Prefill {
		for range n {
			v++
			fs = append(fs, First{q, v})
		}
	}
	return fs
}

// QueueName names Queue i in messages: "q" when there is one.
func (s Schedule[K]) QueueName(i int) string {
	if len(s.Prefill) == 1 {
		return "q"
	}
	return fmt.Sprintf("q%d", i+1)
}

// On renders a call with its Queue when there are several: "q2.Put(3)".
func (s Schedule[K]) On(c Call[K]) string {
	if len(s.Prefill) == 1 || c.Kind.Cancels() {
		return c.String()
	}
	return s.QueueName(c.Q) + "." + c.String()
}

// Only returns the part of s that concerns Queue i, as a schedule of one Queue: the
// items keep their values, the calls are numbered again.
func (s Schedule[K]) Only(i int) Schedule[K] {
	one := Schedule[K]{Prefill: []int{s.Prefill[i]}, Base: s.Base}
	for _, n := range s.Prefill[:i] {
		one.Base += n
	}
	all := s.Calls()
	ids := map[int]int{}
	for _, c := range all[1:] {
		if c.Q == i && !c.Kind.Cancels() {
			ids[c.ID] = len(ids) + 1
		}
	}
	for _, c := range all[1:] {
		if c.Kind.Cancels() && all[c.Target].Q == i {
			ids[c.ID] = len(ids) + 1
		}
	}
	for _, cl := range s.Callers {
		var calls []Call[K]
		for _, c := range cl.Calls {
			if id, ok := ids[c.ID]; ok {
				c.Q, c.ID = 0, id
				if c.Kind.Cancels() {
					c.Target = ids[c.Target]
				}
				calls = append(calls, c)
			}
		}
		if len(calls) > 0 {
			one.Callers = append(one.Callers, Caller[K]{At: cl.At, Calls: calls})
		}
	}
	return one
}

// Number gives each call its id and each call that Puts its value (after the first
// values), and points each cancel at a call with a ctx it can cancel (a cancel without
// one becomes a call of kind instead).
func (s *Schedule[K]) Number(first int, instead K) {
	id, v := 0, first
	var cancelable []int
	for i := range s.Callers {
		for k := range s.Callers[i].Calls {
			c := &s.Callers[i].Calls[k]
			id++
			c.ID = id
			if c.Kind.Puts() {
				v++
				c.V = v
			}
			if c.Waits() && c.Ctx == CtxCancel {
				cancelable = append(cancelable, id)
			}
		}
	}
	for i := range s.Callers {
		for k := range s.Callers[i].Calls {
			c := &s.Callers[i].Calls[k]
			if !c.Kind.Cancels() {
				continue
			}
			if len(cancelable) == 0 {
				c.Kind = instead
				continue
			}
			c.Target = cancelable[c.Target%len(cancelable)]
		}
	}
}

// Separate moves instants that clash on by a nanosecond at a time, so that every
// goroutine starts at an instant of its own and no judge's cancel coincides with a start,
// and sorts the goroutines by start.
func (s *Schedule[K]) Separate() {
	used := map[time.Duration]bool{}
	free := func(at time.Duration) time.Duration {
		for used[at] {
			at++
		}
		used[at] = true
		return at
	}
	for i := range s.Callers {
		s.Callers[i].At = free(s.Callers[i].At)
	}
	for i := range s.Callers {
		for k := range s.Callers[i].Calls {
			if c := &s.Callers[i].Calls[k]; c.Ctx == CtxCancel && c.Waits() {
				c.End = free(max(c.End, s.Callers[i].At+1))
			}
		}
	}
	sort.SliceStable(s.Callers, func(i, j int) bool { return s.Callers[i].At < s.Callers[j].At })
}

// Calls returns every call of s by id (index 0 unused).
func (s Schedule[K]) Calls() []Call[K] {
	all := []Call[K]{{}}
	for _, c := range s.Callers {
		all = append(all, c.Calls...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}

// Arrange readies a hand-written schedule: it numbers the calls and the values put as
// Number does, makes the End of each CtxCancel call, given as a duration after its
// goroutine starts like D, an instant, clears what a ctx kind does not use, and
// separates the instants.
func (s *Schedule[K]) Arrange() {
	id, v := 0, s.Base+len(s.Firsts())
	for i := range s.Callers {
		for k := range s.Callers[i].Calls {
			c := &s.Callers[i].Calls[k]
			id++
			c.ID = id
			if c.Kind.Puts() {
				v++
				c.V = v
			}
			if c.Ctx == CtxCancel && c.Waits() {
				c.End += s.Callers[i].At
			} else {
				c.End = 0
			}
			if c.Ctx != CtxTimeout {
				c.D = 0
			}
		}
	}
	s.Separate()
}

// Render renders the schedule: how each Queue is made (newCall(i), as "New(2)") and the
// items put first, then each goroutine's calls.
func (s Schedule[K]) Render(newCall func(i int) string) string {
	var b strings.Builder
	for i := range s.Prefill {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s = %s", s.QueueName(i), newCall(i))
	}
	if fs := s.Firsts(); len(fs) > 0 {
		var vs []string
		for _, f := range fs {
			vs = append(vs, fmt.Sprintf("%s.Put(%d)", s.QueueName(f.Q), f.V))
		}
		fmt.Fprintf(&b, "; first %s", strings.Join(vs, ", "))
	}
	for i, c := range s.Callers {
		var calls []string
		for _, k := range c.Calls {
			text := fmt.Sprintf("#%d %s", k.ID, s.On(k))
			if k.Waits() {
				text += " with " + k.CtxString()
			}
			calls = append(calls, text)
		}
		fmt.Fprintf(&b, "\n    at %-9v %s: %s", c.At, CallerName(i), strings.Join(calls, ", then "))
	}
	return b.String()
}
