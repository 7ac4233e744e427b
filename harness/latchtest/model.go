package latchtest

import (
	"fmt"
	"sort"
	"time"
)

// How a Wait ended, as the outcome records it.
const (
	errNil      = "nil"
	errCanceled = "context.Canceled"
	errDeadline = "context.DeadlineExceeded"
)

// An outcome is what happened in a run of a schedule: the model's (want) or the
// learner's (got). go-cmp diffs two of them.
type outcome struct {
	Steps   []stepOutcome // in the order of schedule.Steps
	Waiters []waitOutcome // in the order of schedule.Waiters
}

type stepOutcome struct {
	Results  []string      // one per call that returned: "CountDown()", "Count() = 2", "TrySetCount(3) = true"
	Returned bool          // every call of the step returned
	Took     time.Duration // fake time the calls took; always 0 in the model
}

type waitOutcome struct {
	Returned bool
	Err      string        // errNil, errCanceled, errDeadline, or another error
	At       time.Duration // when Wait returned
}

// A model is the sequential model's run of a schedule, with what it needs to explain a
// difference to a learner.
type model struct {
	want    outcome
	before  [][]int         // per step and call: the count just before the call
	changes [][]countChange // per Latch: the count after each step, in time order
	renewed []string        // per waiter: the TrySetCount that started a new round right after its round ended
	// The CountDowns that took a count down, for the race detector: each one happens
	// before every Wait that its round releases returns.
	decrements [][]bool    // per step and call: a CountDown that took the count down
	released   [][]callRef // per waiter that returns nil: the decrementing CountDowns of its round
}

// A callRef names one call of a schedule: step Step, call Op.
type callRef struct{ Step, Op int }

type countChange struct {
	at    time.Duration
	count int
}

// simulate runs s on the sequential model. Every instant in s is distinct, so the model
// applies the events in time order, and a released waiter returns at the instant its
// round reaches zero.
func simulate(s schedule) *model {
	m := &model{
		want:    outcome{Steps: make([]stepOutcome, len(s.Steps)), Waiters: make([]waitOutcome, len(s.Waiters))},
		before:  make([][]int, len(s.Steps)),
		changes: make([][]countChange, len(s.Counts)),
		renewed: make([]string, len(s.Waiters)),

		decrements: make([][]bool, len(s.Steps)),
		released:   make([][]callRef, len(s.Waiters)),
	}
	rounds := make([][]callRef, len(s.Counts)) // per Latch: the decrementing CountDowns of its current round
	type event struct {
		at   time.Duration
		kind int // 0 step, 1 waiter calls Wait, 2 waiter's ctx ends
		i    int
	}
	var events []event
	for i, st := range s.Steps {
		events = append(events, event{st.At, 0, i})
	}
	for i, w := range s.Waiters {
		events = append(events, event{w.Start, 1, i})
		if w.End != w.Start {
			events = append(events, event{w.End, 2, i})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at < events[j].at })

	count := append([]int(nil), s.Counts...)
	waiting := map[int]bool{}
	for _, ev := range events {
		switch ev.kind {
		case 0:
			st := s.Steps[ev.i]
			l := st.Latch
			var released []int // waiters released earlier in this step
			res := &m.want.Steps[ev.i]
			m.decrements[ev.i] = make([]bool, len(st.Ops))
			for k, o := range st.Ops {
				m.before[ev.i] = append(m.before[ev.i], count[l])
				switch o.Kind {
				case opCountDown:
					if count[l] > 0 {
						m.decrements[ev.i][k] = true
						rounds[l] = append(rounds[l], callRef{ev.i, k})
						count[l]--
						if count[l] == 0 {
							for _, w := range sortedKeys(waiting) {
								if s.Waiters[w].Latch == l {
									m.want.Waiters[w] = waitOutcome{Returned: true, Err: errNil, At: st.At}
									m.released[w] = rounds[l]
									delete(waiting, w)
									released = append(released, w)
								}
							}
						}
					}
					res.Results = append(res.Results, o.String())
				case opCount:
					res.Results = append(res.Results, fmt.Sprintf("%v = %d", o, count[l]))
				case opTrySetCount:
					ok := count[l] == 0 && o.N > 0
					if ok {
						count[l] = o.N
						rounds[l] = nil
						for _, w := range released {
							if m.renewed[w] == "" {
								m.renewed[w] = o.String()
							}
						}
					}
					res.Results = append(res.Results, fmt.Sprintf("%v = %t", o, ok))
				}
			}
			res.Returned = true
			m.changes[l] = append(m.changes[l], countChange{st.At, count[l]})
		case 1:
			w := s.Waiters[ev.i]
			switch {
			case count[w.Latch] == 0:
				m.want.Waiters[ev.i] = waitOutcome{Returned: true, Err: errNil, At: w.Start}
				m.released[ev.i] = rounds[w.Latch]
			case w.End == w.Start:
				m.want.Waiters[ev.i] = waitOutcome{Returned: true, Err: w.ctxErr(), At: w.Start}
			default:
				waiting[ev.i] = true
			}
		case 2:
			if waiting[ev.i] {
				w := s.Waiters[ev.i]
				m.want.Waiters[ev.i] = waitOutcome{Returned: true, Err: w.ctxErr(), At: w.End}
				delete(waiting, ev.i)
			}
		}
	}
	return m
}

// countAt returns the count of Latch l just after instant at, in the model.
func (m *model) countAt(s schedule, l int, at time.Duration) int {
	c := s.Counts[l]
	for _, ch := range m.changes[l] {
		if ch.at > at {
			break
		}
		c = ch.count
	}
	return c
}

func sortedKeys(m map[int]bool) []int {
	var ks []int
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	return ks
}
