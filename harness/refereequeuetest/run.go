package refereequeuetest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// queue is the kata's API with users reduced to their IDs.
type queue interface {
	Enqueue(user int) error
	Close()
}

// newQueueFunc makes a queue; verify receives the referee and the user's ID.
type newQueueFunc func(referees int, verify func(referee, user int)) queue

// A run is one bubble: the plans of one or more Queues played at once, and what
// happened. Each seq number comes from one counter, so that comparing two of them tells
// which event happened first even within one instant of fake time.
type run struct {
	pkg   string
	w     *harness.Watchdog
	plans []plan
	logs  []*history
	owner map[int]int // user ID -> index of the Queue it is enqueued on

	seq   atomic.Int64
	start time.Time

	mu       sync.Mutex
	panicMsg string // the first panic in a call of the learner's code
}

// history is what happened to one Queue.
type history struct {
	mu       sync.Mutex
	enqueues []*enqueueCall
	closes   []*closeCall
	verifies map[int][]*verifyCall // by user ID
	current  map[int]*verifyCall   // by referee: the call in progress
	faults   []string              // broken rules, as they happened
}

type enqueueCall struct {
	user            int
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
	err             error
}

type closeCall struct {
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
}

type verifyCall struct {
	user, referee    int
	start, end       time.Duration
	startSeq, endSeq int64
	ended            bool
}

// play runs plans in one synctest bubble and returns what happened, and a *Stuck when
// the bubble deadlocked or leaked goroutines.
func play(t *testing.T, pkg string, w *harness.Watchdog, newQueue newQueueFunc, plans []plan) (*run, *harness.Stuck) {
	t.Helper()
	r := &run{pkg: pkg, w: w, plans: plans, owner: map[int]int{}}
	for i, p := range plans {
		r.logs = append(r.logs, &history{verifies: map[int][]*verifyCall{}, current: map[int]*verifyCall{}})
		for id := range p.service {
			r.owner[id] = i
		}
	}
	stuck := harness.Bubble(t, pkg, func() { r.bubble(newQueue) })
	return r, stuck
}

func (r *run) now() time.Duration { return time.Since(r.start) }

func (r *run) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.panicMsg == "" {
		r.panicMsg = msg
		// The panic may have left a mutex of the learner's locked, so that the
		// bubble never ends; then the watchdog reports this.
		r.w.Notef("%s\n    (after that panic the run could not finish: the panicking call may have left a mutex locked)", msg)
	}
}

func (r *run) bubble(newQueue newQueueFunc) {
	r.start = time.Now()
	queues := make([]queue, len(r.plans))
	for i, p := range r.plans {
		if msg := harness.Call(r.pkg, "New", func() { queues[i] = newQueue(p.referees, r.verify(i)) }); msg != "" {
			r.fail(msg)
			return
		}
	}
	done := make(chan struct{})
	routines := 0
	for i, p := range r.plans {
		for _, acts := range p.routines {
			if len(acts) > 0 {
				routines++
				go r.routine(i, queues[i], acts, done)
			}
		}
	}
	for range routines {
		<-done
	}
	// Every Close has returned: when this function returns, the bubble waits for the
	// learner's goroutines to exit, and reports those that are left blocked (or
	// asleep) as a leak.
}

// routine makes the calls of one goroutine of a plan, each at its time.
func (r *run) routine(qi int, q queue, acts []action, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h := r.logs[qi]
	for _, a := range acts {
		if d := a.at - r.now(); d > 0 {
			time.Sleep(d)
		}
		var msg string
		if a.close {
			c := &closeCall{callAt: r.now(), callSeq: r.seq.Add(1)}
			h.mu.Lock()
			h.closes = append(h.closes, c)
			h.mu.Unlock()
			msg = harness.Call(r.pkg, "Close", q.Close)
			seq, at := r.seq.Add(1), r.now()
			h.mu.Lock()
			c.retSeq, c.retAt, c.returned = seq, at, msg == ""
			h.mu.Unlock()
		} else {
			e := &enqueueCall{user: a.user, callAt: r.now(), callSeq: r.seq.Add(1)}
			h.mu.Lock()
			h.enqueues = append(h.enqueues, e)
			h.mu.Unlock()
			var err error
			msg = harness.Call(r.pkg, fmt.Sprintf("Enqueue(User{ID: %d})", a.user), func() { err = q.Enqueue(a.user) })
			seq, at := r.seq.Add(1), r.now()
			h.mu.Lock()
			e.retSeq, e.retAt, e.returned, e.err = seq, at, msg == "", err
			h.mu.Unlock()
		}
		r.w.Progress()
		if msg != "" {
			r.fail(msg)
			return
		}
	}
}

// verify returns the verify function of Queue qi: it records the call, checks the
// referee, and takes the user's service time in fake time.
func (r *run) verify(qi int) func(referee, user int) {
	h, p := r.logs[qi], r.plans[qi]
	return func(referee, user int) {
		v := &verifyCall{user: user, referee: referee, start: r.now(), startSeq: r.seq.Add(1)}
		h.mu.Lock()
		switch owner, known := r.owner[user]; {
		case referee < 0 || referee >= p.referees:
			h.faultf("verify was called with referee %d for user %d; with %d referee%s they are numbered 0..%d",
				referee, user, p.referees, plural(p.referees), p.referees-1)
		case h.current[referee] != nil:
			cur := h.current[referee]
			h.faultf("referee %d started verifying user %d at %v while it was still verifying user %d (since %v): a referee verifies one user at a time, so calls of verify with one referee number must never overlap",
				referee, user, v.start, cur.user, cur.start)
		case !known:
			h.faultf("verify was called with user %d, which was never enqueued", user)
		case owner != qi:
			h.faultf("verify of Queue %d was called with user %d, which was enqueued on Queue %d", qi+1, user, owner+1)
		}
		h.current[referee] = v
		h.verifies[user] = append(h.verifies[user], v)
		h.mu.Unlock()

		time.Sleep(p.service[user])

		seq, at := r.seq.Add(1), r.now()
		h.mu.Lock()
		v.end, v.endSeq, v.ended = at, seq, true
		if h.current[referee] == v {
			delete(h.current, referee)
		}
		h.mu.Unlock()
		r.w.Progress()
	}
}

// faultf records a broken rule; h.mu is held.
func (h *history) faultf(format string, args ...any) {
	h.faults = append(h.faults, fmt.Sprintf(format, args...))
}
