package boundedqueuetest

import (
	"fmt"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// A schedule is a queuejudge.Schedule of Queues of some capacity each, filled with a
// few items by the main goroutine before anything else.
type schedule struct {
	queuejudge.Schedule[callKind]
	Caps []int // the capacity of each Queue
}

// only returns the part of s that concerns Queue i, as a schedule of one Queue: the
// items keep their values, the calls are numbered again.
func (s schedule) only(i int) schedule {
	return schedule{Schedule: s.Schedule.Only(i), Caps: []int{s.Caps[i]}}
}

// A callKind is the kind of a call in a schedule; its methods make it a queuejudge.Kind.
type callKind int

const (
	opPut callKind = iota
	opTake
	opLen
	opCancel // cancels the ctx of another call
)

func (k callKind) Render(v int) string {
	switch k {
	case opPut:
		return fmt.Sprintf("Put(%d)", v)
	case opTake:
		return "Take()"
	}
	return "Len()"
}

func (k callKind) Puts() bool    { return k == opPut }
func (k callKind) Waits() bool   { return k == opPut || k == opTake }
func (k callKind) Cancels() bool { return k == opCancel }

// A call is one call of a caller: Put and Take get a ctx.
type call = queuejudge.Call[callKind]

// A caller is one goroutine: its first call at At, the next ones as soon as the one
// before returns.
type caller = queuejudge.Caller[callKind]

type ctxKind = queuejudge.CtxKind

const (
	ctxTimeout  = queuejudge.CtxTimeout
	ctxCancel   = queuejudge.CtxCancel
	ctxCanceled = queuejudge.CtxCanceled
	ctxExpired  = queuejudge.CtxExpired
)

// draw generates a schedule: every draw is labelled, the whole schedule is drawn before
// it runs, and each goroutine draws its own instants (odd nanoseconds), so that rapid can
// drop one without moving the others.
func draw(rt *rapid.T) schedule {
	var s schedule
	queues := rapid.IntRange(1, 2).Draw(rt, "queues")
	for i := range queues {
		s.Caps = append(s.Caps, rapid.IntRange(1, 3).Draw(rt, fmt.Sprintf("queue %d capacity", i+1)))
		s.Prefill = append(s.Prefill, rapid.IntRange(0, s.Caps[i]).Draw(rt, fmt.Sprintf("queue %d items put first", i+1)))
	}
	kinds := []callKind{opPut, opPut, opPut, opTake, opTake, opTake, opLen, opCancel}
	ctxs := []ctxKind{ctxTimeout, ctxCancel, ctxCancel, ctxCanceled, ctxExpired}
	s.Callers = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) caller {
		c := caller{At: time.Duration(rapid.Int64Range(1, 20_000).Draw(rt, "at ns"))}
		for range rapid.IntRange(1, 3).Draw(rt, "calls") {
			k := call{Kind: rapid.SampledFrom(kinds).Draw(rt, "call")}
			if k.Kind != opCancel {
				k.Q = rapid.IntRange(0, 1).Draw(rt, "queue") % queues
			}
			switch k.Kind {
			case opPut, opTake:
				k.Ctx = rapid.SampledFrom(ctxs).Draw(rt, "ctx")
				if k.Ctx == ctxTimeout || k.Ctx == ctxCancel {
					// Some contexts end milliseconds later, so that a call that polls is late.
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
	s.Number(len(s.Firsts()), opLen) // a cancel without a ctx to cancel becomes Len
	s.Separate()
	return s
}

// String renders the schedule: the capacity and the items put first, then each
// goroutine's calls.
func (s schedule) String() string {
	return s.Render(func(i int) string { return fmt.Sprintf("New(%d)", s.Caps[i]) })
}
