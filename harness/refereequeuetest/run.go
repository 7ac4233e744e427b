package refereequeuetest

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
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
	tl    *timeline.Timeline // what each goroutine did, for the verdict

	// The verdict judged at the end of the run, in the bubble (if settled), when r.seq
	// was judged.
	settled bool
	judged  int64
	msg     string
	culprit blame

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
	culprit  blame                 // where the rule the verdict names broke
}

// A blame is the lane of the goroutine at fault and a short label, for the timeline,
// and the call whose return (or, when begun is set, whose start) broke the rule: the
// timeline marks the rule broken right after it, or at the end of the run without one.
type blame struct {
	lane, label string
	sp          *timeline.Span
	begun       bool
}

// broke marks b in tl.
func (b blame) broke(tl *timeline.Timeline) {
	at := b.sp.Done()
	if b.begun {
		at = b.sp.Begun()
	}
	tl.BrokeAfter(at, b.lane, b.label)
}

type enqueueCall struct {
	user            int
	lane            string
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
	err             error
	sp              *timeline.Span // nil when folded
}

type closeCall struct {
	lane            string
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
	sp              *timeline.Span
}

type verifyCall struct {
	user, referee    int
	start, end       time.Duration
	startSeq, endSeq int64
	ended            bool
	sp               *timeline.Span // nil when folded
}

// play runs plans in one synctest bubble and returns what happened, and a *Stuck when
// the bubble deadlocked or leaked goroutines.
func play(t *testing.T, pkg string, w *harness.Watchdog, newQueue newQueueFunc, plans []plan, errClosed error) (*run, *harness.Stuck) {
	t.Helper()
	r := &run{pkg: pkg, w: w, plans: plans, owner: map[int]int{}}
	for i, p := range plans {
		r.logs = append(r.logs, &history{verifies: map[int][]*verifyCall{}, current: map[int]*verifyCall{}})
		for id := range p.service {
			r.owner[id] = i
		}
	}
	stuck := harness.Bubble(t, pkg, func() {
		r.bubble(newQueue, func() {
			r.judged, r.settled = r.seq.Load(), true
			r.msg, r.culprit = r.verdict(nil, errClosed)
			if r.culprit.lane != "" {
				r.culprit.broke(r.tl)
			}
			r.w.Progress()
		})
	})
	return r, stuck
}

func (r *run) now() time.Duration { return time.Since(r.start) }

func (r *run) fail(lane, msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.panicMsg == "" {
		r.panicMsg = msg
		r.tl.Broke(lane, "panicked")
		// The panic may have left a mutex of the learner's locked, so that the
		// bubble never ends; then the watchdog reports this.
		r.w.Notef("%s\n    (after that panic the run could not finish: the panicking call may have left a mutex locked)", msg)
	}
}

func (r *run) bubble(newQueue newQueueFunc, judge func()) {
	r.start = time.Now()
	r.tl = timeline.New()
	r.w.Record(r.tl)
	var lanes []string
	for i, p := range r.plans {
		for g, acts := range p.routines {
			if len(acts) > 0 {
				lanes = append(lanes, r.lane(i, fmt.Sprintf("goroutine %d", g+1)))
			}
		}
		for ref := range p.referees {
			lanes = append(lanes, r.lane(i, fmt.Sprintf("referee %d", ref)))
		}
	}
	r.tl.Lanes(append(lanes, "judge")...)
	queues := make([]queue, len(r.plans))
	for i, p := range r.plans {
		if msg := harness.Call(r.pkg, "New", func() { queues[i] = newQueue(p.referees, r.verify(i)) }); msg != "" {
			r.fail("judge", msg)
			return
		}
	}
	done := make(chan struct{})
	routines := 0
	for i, p := range r.plans {
		for g, acts := range p.routines {
			if len(acts) > 0 {
				routines++
				go r.routine(i, r.lane(i, fmt.Sprintf("goroutine %d", g+1)), queues[i], acts, done)
			}
		}
	}
	for range routines {
		<-done
	}
	r.settle()
	judge() // while the time is still the bubble's
	// Every Close has returned: when this function returns, the bubble waits for the
	// learner's goroutines to exit, and reports those that are left blocked (or
	// asleep) as a leak.
}

// settle waits, once every call has returned, for the end of the run: until the
// verifications of the accepted users are over and the learner's goroutines are all
// blocked or gone. The rules checked after the run mark the timeline then.
func (r *run) settle() {
	if d := r.finish() - r.now(); d > 0 {
		time.Sleep(d) // in one step, however many users are queued
	}
	for {
		synctest.Wait()
		end, busy := r.verifying()
		if !busy {
			return
		}
		time.Sleep(end - r.now())
	}
}

// finish returns when an ideal queue would have verified every accepted user.
func (r *run) finish() time.Duration {
	var end time.Duration
	for i, h := range r.logs {
		h.mu.Lock()
		var jobs []job
		for _, e := range h.byCall() {
			if e.returned && e.err == nil {
				jobs = append(jobs, job{user: e.user, arrival: e.callAt, service: r.plans[i].service[e.user]})
			}
		}
		h.mu.Unlock()
		starts, _ := ideal(r.plans[i].referees, jobs)
		for k, s := range starts {
			end = max(end, s.At+jobs[k].service)
		}
	}
	return end
}

// verifying reports whether a verification is in progress, and when the last one
// ends.
func (r *run) verifying() (end time.Duration, busy bool) {
	for i, h := range r.logs {
		h.mu.Lock()
		for _, v := range h.current {
			end, busy = max(end, v.start+r.plans[i].service[v.user]), true
		}
		h.mu.Unlock()
	}
	return end, busy
}

// lane names a goroutine of Queue qi in the timeline ("goroutine 1", "referee 0"), with
// the Queue's number when a run uses several.
func (r *run) lane(qi int, name string) string {
	if len(r.plans) == 1 {
		return name
	}
	return "Q" + strconv.Itoa(qi+1) + " " + name
}

// routine makes the calls of one goroutine of a plan, each at its time.
func (r *run) routine(qi int, lane string, q queue, acts []action, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h, p := r.logs[qi], r.plans[qi]
	var folded *timeline.Span // the Enqueue calls past p.fold, drawn as one span
	for i, a := range acts {
		if d := a.at - r.now(); d > 0 {
			time.Sleep(d)
		}
		var msg string
		if a.close {
			folded.End("returned")
			folded = nil
			sp := r.tl.Begin(lane, timeline.Call, "Close")
			c := &closeCall{lane: lane, sp: sp, callAt: r.now(), callSeq: r.seq.Add(1)}
			h.mu.Lock()
			h.closes = append(h.closes, c)
			h.mu.Unlock()
			msg = harness.Call(r.pkg, "Close", q.Close)
			seq, at := r.seq.Add(1), r.now()
			h.mu.Lock()
			c.retSeq, c.retAt, c.returned = seq, at, msg == ""
			h.mu.Unlock()
			sp.End(ended(msg))
		} else {
			var sp *timeline.Span
			switch {
			case p.fold == 0 || i < p.fold:
				sp = r.tl.Begin(lane, timeline.Call, "Enqueue("+strconv.Itoa(a.user)+")")
			case folded == nil:
				folded = r.tl.Begin(lane, timeline.Call, fmt.Sprintf("Enqueue ×%d", enqueues(acts[i:])))
			}
			e := &enqueueCall{user: a.user, lane: lane, sp: sp, callAt: r.now(), callSeq: r.seq.Add(1)}
			h.mu.Lock()
			h.enqueues = append(h.enqueues, e)
			h.mu.Unlock()
			var err error
			msg = harness.Call(r.pkg, fmt.Sprintf("Enqueue(User{ID: %d})", a.user), func() { err = q.Enqueue(a.user) })
			seq, at := r.seq.Add(1), r.now()
			h.mu.Lock()
			e.retSeq, e.retAt, e.returned, e.err = seq, at, msg == "", err
			h.mu.Unlock()
			sp.End(outcome(msg, err))
			if msg != "" {
				folded.End("panicked")
			}
		}
		r.w.Progress()
		if msg != "" {
			r.fail(lane, msg)
			return
		}
	}
	folded.End("returned")
}

// enqueues counts the Enqueue calls among acts, up to the first Close.
func enqueues(acts []action) int {
	n := 0
	for _, a := range acts {
		if a.close {
			break
		}
		n++
	}
	return n
}

// ended is how a call ended, for the timeline: "returned" or "panicked".
func ended(panicMsg string) string {
	if panicMsg != "" {
		return "panicked"
	}
	return "returned"
}

// outcome is how a call of Enqueue or Close ended, for the timeline: "returned nil",
// "panicked", "ErrClosed".
func outcome(panicMsg string, err error) string {
	switch {
	case panicMsg != "":
		return "panicked"
	case err == nil:
		return "returned nil"
	case err.Error() == "refereequeue: closed":
		return "ErrClosed"
	default:
		return "err"
	}
}

// verify returns the verify function of Queue qi: it records the call, checks the
// referee, and takes the user's service time in fake time.
func (r *run) verify(qi int) func(referee, user int) {
	h, p := r.logs[qi], r.plans[qi]
	return func(referee, user int) {
		lane := r.lane(qi, "referee "+strconv.Itoa(referee))
		var sp *timeline.Span
		if p.fold == 0 || user <= p.fold {
			sp = r.tl.Begin(lane, timeline.Wait, "verify("+strconv.Itoa(user)+")")
		}
		v := &verifyCall{user: user, referee: referee, sp: sp, start: r.now(), startSeq: r.seq.Add(1)}
		h.mu.Lock()
		faults := len(h.faults)
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
		bad := len(h.faults) > faults
		h.mu.Unlock()
		if bad {
			r.tl.Broke(lane, "bad verify call")
		}

		time.Sleep(p.service[user])

		seq, at := r.seq.Add(1), r.now()
		h.mu.Lock()
		v.end, v.endSeq, v.ended = at, seq, true
		if h.current[referee] == v {
			delete(h.current, referee)
		}
		h.mu.Unlock()
		sp.End("")
		r.w.Progress()
	}
}

// faultf records a broken rule; h.mu is held.
func (h *history) faultf(format string, args ...any) {
	h.faults = append(h.faults, fmt.Sprintf(format, args...))
}
