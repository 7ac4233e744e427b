package workqueuetest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// A schedule is a test run laid out in fake time: one or two Queues, each holding a few
// items (1, 2, ...) put by the main goroutine before anything else, then goroutines that
// each start at an instant of their own and make a few calls back to back. A call that
// waits holds up the calls after it in its goroutine.
type schedule struct {
	Prefill []int // per Queue: how many items the main goroutine puts first
	Base    int   // the items put first are Base+1, Base+2, ...
	Callers []caller
}

// A first is one of the main goroutine's Puts before anything else.
type first struct{ Q, V int }

// firsts returns the main goroutine's Puts, in order: Queue 1's items, then Queue 2's.
func (s schedule) firsts() []first {
	var fs []first
	v := s.Base
	for q, n := range s.Prefill {
		for range n {
			v++
			fs = append(fs, first{q, v})
		}
	}
	return fs
}

// queueName names Queue i in messages: "q" when there is one.
func (s schedule) queueName(i int) string {
	if len(s.Prefill) == 1 {
		return "q"
	}
	return fmt.Sprintf("q%d", i+1)
}

// on renders a call with its Queue when there are several: "q2.Put(3)".
func (s schedule) on(c call) string {
	if len(s.Prefill) == 1 || c.Kind == opCancel {
		return c.String()
	}
	return s.queueName(c.Q) + "." + c.String()
}

// only returns the part of s that concerns Queue i, as a schedule of one Queue: the
// items keep their values, the calls are numbered again.
func (s schedule) only(i int) schedule {
	one := schedule{Prefill: []int{s.Prefill[i]}, Base: s.Base}
	for _, n := range s.Prefill[:i] {
		one.Base += n
	}
	all := s.calls()
	ids := map[int]int{}
	for _, c := range all[1:] {
		if c.Q == i && c.Kind != opCancel {
			ids[c.ID] = len(ids) + 1
		}
	}
	for _, c := range all[1:] {
		if c.Kind == opCancel && all[c.Target].Q == i {
			ids[c.ID] = len(ids) + 1
		}
	}
	for _, cl := range s.Callers {
		var calls []call
		for _, c := range cl.Calls {
			if id, ok := ids[c.ID]; ok {
				c.Q, c.ID = 0, id
				if c.Kind == opCancel {
					c.Target = ids[c.Target]
				}
				calls = append(calls, c)
			}
		}
		if len(calls) > 0 {
			one.Callers = append(one.Callers, caller{At: cl.At, Calls: calls})
		}
	}
	return one
}

// A caller is one goroutine: its first call at At, the next ones as soon as the one
// before returns.
type caller struct {
	At    time.Duration
	Calls []call
}

type callKind int

const (
	opPut callKind = iota
	opGet
	opTaskDone
	opJoin
	opCancel // cancels the ctx of another call
)

type ctxKind int

const (
	ctxTimeout  ctxKind = iota // context.WithTimeout(D), made when the call is made
	ctxCancel                  // context.WithCancel made at the start, canceled at End (or earlier by a cancel call)
	ctxCanceled                // canceled before the call
	ctxExpired                 // deadline passed before the call
)

// A call is one call of a caller.
type call struct {
	Kind   callKind
	V      int           // Put's value, unique in the schedule
	Ctx    ctxKind       // Get and Join
	D      time.Duration // ctxTimeout: the timeout
	End    time.Duration // ctxCancel: the instant a goroutine of the judge cancels the ctx
	Target int           // opCancel: the call (by id) whose ctx it cancels
	ID     int           // the call's number in the schedule, from 1 in drawing order
	Q      int           // the Queue it is made on
}

func (c call) waits() bool { return c.Kind == opGet || c.Kind == opJoin }

func (c call) String() string {
	switch c.Kind {
	case opPut:
		return fmt.Sprintf("Put(%d)", c.V)
	case opGet:
		return "Get()"
	case opTaskDone:
		return "TaskDone()"
	case opJoin:
		return "Join()"
	}
	return fmt.Sprintf("cancel(ctx of call #%d)", c.Target)
}

func (c call) ctxString() string {
	switch c.Ctx {
	case ctxTimeout:
		return fmt.Sprintf("ctx from context.WithTimeout(%v)", c.D)
	case ctxCancel:
		return fmt.Sprintf("ctx canceled at %v at the latest", c.End)
	case ctxCanceled:
		return "ctx already canceled"
	}
	return "ctx deadline already passed"
}

// ctxErr is the error of the call's context once it has ended.
func (c call) ctxErr() string {
	if c.Ctx == ctxCancel || c.Ctx == ctxCanceled {
		return errCanceled
	}
	return errDeadline
}

// draw generates a schedule: every draw is labelled, the whole schedule is drawn before
// it runs, and each goroutine draws its own instants (odd nanoseconds).
func draw(rt *rapid.T) schedule {
	var s schedule
	queues := rapid.IntRange(1, 2).Draw(rt, "queues")
	for i := range queues {
		s.Prefill = append(s.Prefill, rapid.IntRange(0, 3).Draw(rt, fmt.Sprintf("queue %d items put first", i+1)))
	}
	kinds := []callKind{opPut, opPut, opGet, opGet, opTaskDone, opTaskDone, opJoin, opJoin, opCancel}
	ctxs := []ctxKind{ctxTimeout, ctxCancel, ctxCancel, ctxCanceled, ctxExpired}
	s.Callers = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) caller {
		c := caller{At: time.Duration(rapid.Int64Range(1, 20_000).Draw(rt, "at ns"))}
		for range rapid.IntRange(1, 4).Draw(rt, "calls") {
			k := call{Kind: rapid.SampledFrom(kinds).Draw(rt, "call")}
			if k.Kind != opCancel {
				k.Q = rapid.IntRange(0, 1).Draw(rt, "queue") % queues
			}
			switch k.Kind {
			case opGet, opJoin:
				k.Ctx = rapid.SampledFrom(ctxs).Draw(rt, "ctx")
				if k.Ctx == ctxTimeout || k.Ctx == ctxCancel {
					hi := int64(20_000)
					if rapid.Bool().Draw(rt, "ctx ends much later") {
						hi = 40_000_000
					}
					d := time.Duration(rapid.Int64Range(1, hi).Draw(rt, "ctx ends after ns"))
					if k.Ctx == ctxTimeout {
						k.D = d
					} else {
						k.End = c.At + d
					}
				}
			case opCancel:
				k.Target = rapid.IntRange(0, 15).Draw(rt, "cancels ctx of call")
			}
			c.Calls = append(c.Calls, k)
		}
		return c
	}), 1, 6).Draw(rt, "goroutines")
	s.number()
	s.separate()
	return s
}

// number gives each call its id and each Put its value, and points each cancel at a call
// with a ctx it can cancel (a cancel without one becomes TaskDone).
func (s *schedule) number() {
	id, v := 0, s.Base+len(s.firsts())
	var cancelable []int
	for i := range s.Callers {
		for k := range s.Callers[i].Calls {
			c := &s.Callers[i].Calls[k]
			id++
			c.ID = id
			if c.Kind == opPut {
				v++
				c.V = v
			}
			if c.waits() && c.Ctx == ctxCancel {
				cancelable = append(cancelable, id)
			}
		}
	}
	for i := range s.Callers {
		for k := range s.Callers[i].Calls {
			c := &s.Callers[i].Calls[k]
			if c.Kind != opCancel {
				continue
			}
			if len(cancelable) == 0 {
				c.Kind = opTaskDone
				continue
			}
			c.Target = cancelable[c.Target%len(cancelable)]
		}
	}
}

// separate moves instants that clash on by a nanosecond at a time, so that every
// goroutine starts at an instant of its own and no judge's cancel coincides with a start,
// and sorts the goroutines by start.
func (s *schedule) separate() {
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
			if c := &s.Callers[i].Calls[k]; c.Ctx == ctxCancel && c.waits() {
				c.End = free(max(c.End, s.Callers[i].At+1))
			}
		}
	}
	sort.SliceStable(s.Callers, func(i, j int) bool { return s.Callers[i].At < s.Callers[j].At })
}

// calls returns every call of s by id (index 0 unused).
func (s schedule) calls() []call {
	all := []call{{}}
	for _, c := range s.Callers {
		all = append(all, c.Calls...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}

// String renders the schedule: the items put first, then each goroutine's calls.
func (s schedule) String() string {
	var b strings.Builder
	for i := range s.Prefill {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s = New()", s.queueName(i))
	}
	if fs := s.firsts(); len(fs) > 0 {
		var vs []string
		for _, f := range fs {
			vs = append(vs, fmt.Sprintf("%s.Put(%d)", s.queueName(f.Q), f.V))
		}
		fmt.Fprintf(&b, "; first %s", strings.Join(vs, ", "))
	}
	for i, c := range s.Callers {
		var calls []string
		for _, k := range c.Calls {
			text := fmt.Sprintf("#%d %s", k.ID, s.on(k))
			if k.waits() {
				text += " with " + k.ctxString()
			}
			calls = append(calls, text)
		}
		fmt.Fprintf(&b, "\n    at %-9v %s: %s", c.At, queuejudge.CallerName(i), strings.Join(calls, ", then "))
	}
	return b.String()
}
