package pooltest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// pool is the kata's API with results of type int.
type pool interface {
	Submit(task func() (int, error)) future
	Close()
}

type future interface {
	Get(ctx context.Context) (int, error)
	Done() <-chan struct{}
}

// newPoolFunc makes a pool.
type newPoolFunc func(workers int) pool

// DoneLimit is how long, in fake time, a receive from Done waits when its plan sets no
// timeout: a Done that is never closed is reported after it.
const DoneLimit = 24 * time.Hour

// A run is one bubble: the plans of one or more Pools played at once, and what
// happened. Each seq number comes from one counter, so that comparing two of them tells
// which event happened first even within one instant of fake time.
type run struct {
	pkg   string
	w     *harness.Watchdog
	plans []plan
	logs  []*history

	seq   atomic.Int64
	start time.Time

	mu       sync.Mutex
	panicMsg string // the first panic in a call of the learner's code
	broke    *broke // where the first rule broke, for the timeline
}

// history is what happened to one Pool.
type history struct {
	mu      sync.Mutex
	submits map[int]*submitCall // by task
	closes  []*closeCall
	runs    map[int][]*runCall // by task
	running map[int]*runCall   // the tasks running now
	gids    map[string]bool    // the goroutines that ran tasks
	gets    []*getCall
	faults  []string // broken rules, as they happened
	ready   map[int]chan struct{}
	prefix  string // of the timeline's lanes: "P2 " when several Pools play
	broke   *broke // where the first rule broke, for the timeline
}

type submitCall struct {
	task            int
	from            string // the lane of the goroutine that called: "goroutine 1"
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
	fut             future
}

type closeCall struct {
	from            string
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
}

type runCall struct {
	task             int
	gid              string
	start, end       time.Duration
	startSeq, endSeq int64
	ended            bool
	panicked         bool
}

// A getCall is one Get, or one receive from Done and the Get after it.
type getCall struct {
	from            string // "getter 1", or the judge's for a final one
	act             getAct
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
	value           int
	err             error
	doneClosed      bool // for <-Done: the channel was closed before the timeout
	doneAt          time.Duration
	final           bool // made by the harness after every Close returned
}

// play runs plans in one synctest bubble and returns what happened, and a *Stuck when
// the bubble deadlocked or leaked goroutines.
func play(t *testing.T, pkg string, w *harness.Watchdog, newPool newPoolFunc, plans []plan) (*run, *harness.Stuck) {
	t.Helper()
	w.Record(nil) // the timeline is drawn from the records after the run (see picture)
	r := &run{pkg: pkg, w: w, plans: plans}
	for range plans {
		h := &history{submits: map[int]*submitCall{}, runs: map[int][]*runCall{}, running: map[int]*runCall{},
			gids: map[string]bool{}, ready: map[int]chan struct{}{}}
		if len(plans) > 1 {
			h.prefix = fmt.Sprintf("P%d ", len(r.logs)+1)
		}
		r.logs = append(r.logs, h)
	}
	stuck := harness.Bubble(t, pkg, func() { r.bubble(newPool) })
	return r, stuck
}

func (r *run) now() time.Duration { return time.Since(r.start) }

// fail notes a panic of a call made from lane, now.
func (r *run) fail(msg, lane string) {
	at := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.panicMsg == "" {
		r.panicMsg = msg
		r.broke = &broke{at: at, lane: lane, label: "panicked"}
		r.w.Notef("%s\n    (after that panic the run could not finish: the panicking call may have left a mutex locked)", msg)
	}
}

func (r *run) bubble(newPool newPoolFunc) {
	r.start = time.Now()
	// Channels made inside the bubble, so that waiting on them is durable.
	for i, p := range r.plans {
		for id := range p.tasks {
			r.logs[i].ready[id] = make(chan struct{})
		}
	}
	pools := make([]pool, len(r.plans))
	for i, p := range r.plans {
		if msg := harness.Call(r.pkg, fmt.Sprintf("New(%d)", p.workers), func() { pools[i] = newPool(p.workers) }); msg != "" {
			r.fail(msg, judgeLane)
			return
		}
	}
	done := make(chan struct{})
	routines := 0
	for i, p := range r.plans {
		for g, acts := range p.routines {
			if len(acts) > 0 {
				routines++
				go r.routine(i, fmt.Sprintf("%sgoroutine %d", r.logs[i].prefix, g+1), pools[i], acts, done)
			}
		}
		for g, gets := range p.getters {
			routines++
			go r.getter(i, fmt.Sprintf("%sgetter %d", r.logs[i].prefix, g+1), gets, done)
		}
	}
	for range routines {
		<-done
	}
	// Every Close has returned, so every Future must be done: look at each once more.
	for i := range r.plans {
		r.final(i)
	}
	// Every Close has returned: when this function returns, the bubble waits for the
	// learner's goroutines to exit, and reports those left blocked as a leak.
}

// routine makes the calls of one goroutine of a plan, each at its time.
// lane names the goroutine in the timeline.
func (r *run) routine(pi int, lane string, p pool, acts []action, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h := r.logs[pi]
	for _, a := range acts {
		if d := a.at - r.now(); d > 0 {
			time.Sleep(d)
		}
		var msg string
		if a.close {
			c := &closeCall{from: lane, callAt: r.now(), callSeq: r.seq.Add(1)}
			h.mu.Lock()
			h.closes = append(h.closes, c)
			h.mu.Unlock()
			msg = harness.Call(r.pkg, "Close", p.Close)
			seq, at := r.seq.Add(1), r.now()
			h.mu.Lock()
			c.retSeq, c.retAt, c.returned = seq, at, msg == ""
			h.mu.Unlock()
		} else {
			s := &submitCall{task: a.task, from: lane, callAt: r.now(), callSeq: r.seq.Add(1)}
			h.mu.Lock()
			h.submits[a.task] = s
			h.mu.Unlock()
			var f future
			fn := r.task(pi, a.task)
			msg = harness.Call(r.pkg, fmt.Sprintf("Submit (task %d)", a.task), func() { f = p.Submit(fn) })
			seq, at := r.seq.Add(1), r.now()
			h.mu.Lock()
			s.retSeq, s.retAt, s.returned, s.fut = seq, at, msg == "", f
			h.mu.Unlock()
			if msg == "" {
				close(h.ready[a.task])
			}
		}
		r.w.Progress()
		if msg != "" {
			r.fail(msg, lane)
			return
		}
	}
}

// taskError is the error a failing task returns.
type taskError struct{ task int }

func (e *taskError) Error() string { return fmt.Sprintf("task %d failed", e.task) }

// panicValue is what task id panics with.
func panicValue(id int) string {
	return fmt.Sprintf("boom from task %d", id)
}

// value is what task id returns.
func value(id int) int { return 1000 + id }

// task returns the task function of task id of Pool pi: it records its run, checks how
// many tasks run at once and on which goroutines, takes its time in fake time, and
// returns, fails or panics.
func (r *run) task(pi, id int) func() (int, error) {
	h, p := r.logs[pi], r.plans[pi]
	t := p.tasks[id]
	return func() (int, error) {
		rc := &runCall{task: id, gid: goid(), start: r.now(), startSeq: r.seq.Add(1)}
		h.mu.Lock()
		if len(h.running) >= p.workers {
			h.breaks(rc.start, "", rc.gid, "too many at once")
			h.faultf("more than %d task%s ran at once: task %d started at %v while %s still running; at most workers (%d) tasks may run at once",
				p.workers, plural(p.workers), id, rc.start, taskList(h.running), p.workers)
		}
		if !h.gids[rc.gid] && len(h.gids) >= p.workers {
			h.breaks(rc.start, "", rc.gid, "one goroutine too many")
			h.faultf("tasks ran on more than %d goroutine%s: task %d started at %v on a goroutine that had run no task before, after %d others had; a pool runs its tasks on at most workers (%d) goroutines that stay for the pool's life, not on a new goroutine per task",
				p.workers, plural(p.workers), id, rc.start, len(h.gids), p.workers)
		}
		h.gids[rc.gid] = true
		h.running[id] = rc
		h.runs[id] = append(h.runs[id], rc)
		h.mu.Unlock()

		time.Sleep(t.run)

		seq, at := r.seq.Add(1), r.now()
		h.mu.Lock()
		rc.end, rc.endSeq, rc.ended, rc.panicked = at, seq, true, t.outcome == panics
		if h.running[id] == rc {
			delete(h.running, id)
		}
		h.mu.Unlock()
		r.w.Progress()
		switch t.outcome {
		case panics:
			panic(panicValue(id))
		case fails:
			return value(id), &taskError{id}
		}
		return value(id), nil
	}
}

func taskList(running map[int]*runCall) string {
	var ids []string
	for id := range running {
		ids = append(ids, fmt.Sprint(id))
	}
	if len(ids) == 1 {
		return "task " + ids[0] + " was"
	}
	return "tasks " + strings.Join(sorted(ids), ", ") + " were"
}

func sorted(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if len(s[j]) < len(s[i]) || len(s[j]) == len(s[i]) && s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// goid returns the calling goroutine's ID.
func goid() string {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	id, _, _ := strings.Cut(strings.TrimPrefix(string(buf[:n]), "goroutine "), " ")
	return id
}

// getter waits for results, one after another.
func (r *run) getter(pi int, lane string, gets []getAct, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h := r.logs[pi]
	for _, a := range gets {
		<-h.ready[a.task]
		h.mu.Lock()
		s := h.submits[a.task]
		h.mu.Unlock()
		if d := s.retAt + a.wait - r.now(); d > 0 {
			time.Sleep(d)
		}
		g := &getCall{from: lane, act: a, callAt: r.now(), callSeq: r.seq.Add(1)}
		h.mu.Lock()
		h.gets = append(h.gets, g)
		h.mu.Unlock()
		var (
			msg        string
			value      int
			err        error
			doneClosed bool
			doneAt     time.Duration
		)
		if a.done {
			var ch <-chan struct{}
			msg = harness.Call(r.pkg, fmt.Sprintf("Done (task %d)", a.task), func() { ch = s.fut.Done() })
			if msg == "" {
				limit := a.timeout
				if limit == 0 {
					limit = DoneLimit
				}
				timer := time.NewTimer(limit)
				select {
				case <-ch:
					doneClosed = true
				case <-timer.C:
				}
				timer.Stop()
				doneAt = r.now()
				if doneClosed {
					msg = harness.Call(r.pkg, fmt.Sprintf("Get (task %d)", a.task), func() { value, err = s.fut.Get(context.Background()) })
				}
			}
		} else {
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if a.timeout > 0 {
				ctx, cancel = context.WithTimeout(ctx, a.timeout)
			}
			msg = harness.Call(r.pkg, fmt.Sprintf("Get (task %d)", a.task), func() { value, err = s.fut.Get(ctx) })
			cancel()
		}
		seq, at := r.seq.Add(1), r.now()
		h.mu.Lock()
		g.retSeq, g.retAt, g.returned = seq, at, msg == ""
		g.value, g.err, g.doneClosed, g.doneAt = value, err, doneClosed, doneAt
		h.mu.Unlock()
		r.w.Progress()
		if msg != "" {
			r.fail(msg, lane)
			return
		}
	}
}

// final checks, after every Close returned, that the Future of each task is done and
// that Get returns its result (ErrClosed for a task refused after Close).
func (r *run) final(pi int) {
	h := r.logs[pi]
	h.mu.Lock()
	subs := h.bySubmit()
	h.mu.Unlock()
	for _, s := range subs {
		if !s.returned {
			continue
		}
		g := &getCall{from: judgeLane, act: getAct{task: s.task, done: true}, callAt: r.now(), callSeq: r.seq.Add(1), final: true}
		h.mu.Lock()
		h.gets = append(h.gets, g)
		h.mu.Unlock()
		var (
			value      int
			err        error
			doneClosed bool
		)
		same := true
		msg := harness.Call(r.pkg, fmt.Sprintf("Done (task %d)", s.task), func() {
			d := s.fut.Done()
			same = d == s.fut.Done()
			select {
			case <-d:
				doneClosed = true
			default:
			}
		})
		if msg == "" && !same {
			msg = fmt.Sprintf("Done of task %d returned a different channel each call; every call must return the same channel", s.task)
		}
		if msg == "" && doneClosed {
			msg = harness.Call(r.pkg, fmt.Sprintf("Get (task %d)", s.task), func() { value, err = s.fut.Get(context.Background()) })
		}
		seq, at := r.seq.Add(1), r.now()
		h.mu.Lock()
		g.retSeq, g.retAt, g.returned = seq, at, msg == ""
		g.value, g.err, g.doneClosed, g.doneAt = value, err, doneClosed, g.callAt
		h.mu.Unlock()
		r.w.Progress()
		if msg != "" {
			r.fail(msg, judgeLane)
			return
		}
	}
}

// faultf records a broken rule; h.mu is held.
func (h *history) faultf(format string, args ...any) {
	h.faults = append(h.faults, fmt.Sprintf(format, args...))
}

var errDeadline = context.DeadlineExceeded

func isDeadline(err error) bool { return errors.Is(err, errDeadline) }
