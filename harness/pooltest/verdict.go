package pooltest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
)

// verdict returns the first rule the run broke, or "". Rules are judged in the order a
// learner should fix them: panics, too many tasks or goroutines at once, deadlocks,
// Submit waiting, tasks lost, run twice or run after Close, Close not waiting, results,
// goroutines left behind, then the order and the instant at which each task started.
func (r *run) verdict(stuck *harness.Stuck, errClosed error) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, h := range r.logs {
		h.mu.Lock()
		defer h.mu.Unlock()
	}
	if r.panicMsg != "" {
		return r.panicMsg
	}
	for i, h := range r.logs {
		if len(h.faults) > 0 {
			return r.which(i) + h.faults[0]
		}
	}
	if stuck != nil && !stuck.Leak {
		return r.deadlock(stuck)
	}
	for i, h := range r.logs {
		p := r.plans[i]
		for _, check := range []func() string{
			h.waited,
			func() string { return h.once(p) },
			h.closeWaits,
			func() string { return h.results(p, errClosed) },
		} {
			if msg := check(); msg != "" {
				return r.which(i) + msg
			}
		}
	}
	if stuck != nil {
		return "goroutine leak: Close returned, but goroutines of yours were left behind; Close must return only after every goroutine of the pool has exited\n  your goroutines:\n" + stuck.Goroutines
	}
	for i, h := range r.logs {
		if msg := h.order(); msg != "" {
			return r.which(i) + msg
		}
		if msg := h.timing(r.plans[i]); msg != "" {
			return r.which(i) + msg
		}
	}
	return ""
}

// which names Pool i when a run uses several.
func (r *run) which(i int) string {
	if len(r.logs) == 1 {
		return ""
	}
	return fmt.Sprintf("Pool %d (of %d in use at once): ", i+1, len(r.logs))
}

func (r *run) deadlock(stuck *harness.Stuck) string {
	var hung []string
	var hints []string
	for i, h := range r.logs {
		on := ""
		if len(r.logs) > 1 {
			on = fmt.Sprintf("Pool %d, ", i+1)
		}
		for _, s := range h.bySubmit() {
			if !s.returned {
				hung = append(hung, fmt.Sprintf("Submit of task %d (%scalled at %v)", s.task, on, s.callAt))
				hints = appendOnce(hints, "Submit must never wait")
			}
		}
		for _, g := range h.gets {
			if !g.returned {
				what := "Get"
				switch {
				case g.final:
					what = "Get (after every Close returned, and its Done was closed)"
				case g.act.done:
					what = "Get after <-Done()"
				}
				hung = append(hung, fmt.Sprintf("%s of task %d (%scalled at %v)", what, g.act.task, on, g.callAt))
				hints = appendOnce(hints, "every Get must return the result once the task has finished, also a Get called after that, and any number of Gets of one task")
			}
		}
		for _, c := range h.closes {
			if !c.returned {
				hung = append(hung, fmt.Sprintf("Close (%scalled at %v)", on, c.callAt))
				hints = appendOnce(hints, "Close must wake every idle worker and return once every submitted task has finished")
			}
		}
		first, _ := h.firstClose()
		for _, sc := range h.bySubmit() {
			if !sc.returned || len(h.runs[sc.task]) > 0 || first != nil && sc.retSeq > first.callSeq {
				continue
			}
			// An accepted task that never ran.
			if pr := h.panicked(time.Duration(1<<62), -1); pr != nil && (first == nil || pr.endSeq < first.callSeq) {
				hints = appendOnce(hints, fmt.Sprintf("task %d never ran, and task %d panicked at %v: a panic must not kill its worker", sc.task, pr.task, pr.end))
			} else if first != nil {
				hints = appendOnce(hints, fmt.Sprintf("task %d never ran, although it was submitted at %v, before Close was called (at %v): Close must let every task submitted before it start and finish", sc.task, sc.callAt, first.callAt))
			} else {
				hints = appendOnce(hints, fmt.Sprintf("task %d never ran, although it was submitted at %v", sc.task, sc.callAt))
			}
			break
		}
	}
	what := "every goroutine is blocked"
	if len(hung) > 0 {
		what = strings.Join(hung, ", ") + " never returned and every goroutine is blocked"
	}
	hint := ""
	if len(hints) > 0 {
		hint = "; " + strings.Join(hints, "; ")
	}
	return fmt.Sprintf("deadlock: %s%s\n  your goroutines:\n%s", what, hint, stuck.Goroutines)
}

func appendOnce(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// bySubmit returns the Submit calls in the order they were made.
func (h *history) bySubmit() []*submitCall {
	var ss []*submitCall
	for _, s := range h.submits {
		ss = append(ss, s)
	}
	slices.SortFunc(ss, func(a, b *submitCall) int { return cmp.Compare(a.callSeq, b.callSeq) })
	return ss
}

// panicked returns the first panicking task of the plan that ended before at (and
// before seq, unless seq < 0), or nil.
func (h *history) panicked(at time.Duration, seq int64) *runCall {
	var first *runCall
	for _, rs := range h.runs {
		for _, rc := range rs {
			if rc.ended && rc.panicked && rc.end <= at && (seq < 0 || rc.endSeq < seq) && (first == nil || rc.endSeq < first.endSeq) {
				first = rc
			}
		}
	}
	return first
}

// firstClose returns the first call of Close and the seq at which the first Close
// returned (-1 if none did).
func (h *history) firstClose() (*closeCall, int64) {
	var first *closeCall
	var firstRet int64 = -1
	for _, c := range h.closes {
		if first == nil || c.callSeq < first.callSeq {
			first = c
		}
		if c.returned && (firstRet < 0 || c.retSeq < firstRet) {
			firstRet = c.retSeq
		}
	}
	return first, firstRet
}

// waited: Submit returns at the instant it was called.
func (h *history) waited() string {
	for _, s := range h.bySubmit() {
		if s.returned && s.retAt != s.callAt {
			h.breaks(s.retAt, s.from, "", "Submit waited")
			return fmt.Sprintf("Submit of task %d was called at %v and returned at %v: Submit must queue the task and return at once, never waiting for a worker (the queue grows as long as needed)",
				s.task, s.callAt, s.retAt)
		}
	}
	return ""
}

// once: every task submitted before Close runs exactly once; a task submitted after
// Close never runs; one submitted concurrently with the first Close at most once.
func (h *history) once(p plan) string {
	first, firstRet := h.firstClose()
	for _, s := range h.bySubmit() {
		rs := h.runs[s.task]
		mustAccept := first == nil || s.retSeq < first.callSeq
		mustReject := first != nil && (s.callAt > first.callAt || firstRet >= 0 && s.callSeq > firstRet)
		switch {
		case len(rs) > 1:
			h.breaks(rs[1].start, "", rs[1].gid, "ran twice")
			return fmt.Sprintf("task %d ran %d times (from %v and from %v), want once", s.task, len(rs), rs[0].start, rs[1].start)
		case len(rs) == 0 && mustAccept && first != nil:
			h.breaksAtEnd(judgeLane, fmt.Sprintf("task %d never ran", s.task))
			return fmt.Sprintf("task %d never ran, although it was submitted at %v, before Close was called (at %v): Close must let every task submitted before it start and finish", s.task, s.callAt, first.callAt)
		case len(rs) == 0 && mustAccept:
			h.breaksAtEnd(judgeLane, fmt.Sprintf("task %d never ran", s.task))
			return fmt.Sprintf("task %d never ran, although it was submitted at %v", s.task, s.callAt)
		case len(rs) == 1 && mustReject:
			h.breaks(rs[0].start, "", rs[0].gid, "ran after Close")
			return fmt.Sprintf("task %d ran (at %v) although it was submitted at %v, after Close was called (at %v): once Close has been called, Submit must refuse the task (its Future's Get returns ErrClosed)", s.task, rs[0].start, s.callAt, first.callAt)
		}
	}
	return ""
}

// closeWaits: every call of Close returns once every task that ran has finished, and at
// that instant.
func (h *history) closeWaits() string {
	closes := slices.Clone(h.closes)
	slices.SortFunc(closes, func(a, b *closeCall) int { return cmp.Compare(a.callSeq, b.callSeq) })
	for i, c := range closes {
		if !c.returned {
			continue
		}
		which := "Close"
		if len(closes) > 1 {
			which = fmt.Sprintf("Close (call %d of %d, called at %v)", i+1, len(closes), c.callAt)
		}
		want, last := c.callAt, 0
		for _, s := range h.bySubmit() {
			for _, rc := range h.runs[s.task] {
				switch {
				case rc.startSeq > c.retSeq:
					h.breaks(c.retAt, c.from, "", "returned too soon")
					return fmt.Sprintf("%s returned at %v before task %d started (at %v): Close must let every queued task start and finish, and wait for it",
						which, c.retAt, s.task, rc.start)
				case !rc.ended || rc.endSeq > c.retSeq:
					h.breaks(c.retAt, c.from, "", "returned too soon")
					return fmt.Sprintf("%s returned at %v while task %d was still running (since %v): Close must wait until every task has finished",
						which, c.retAt, s.task, rc.start)
				}
				if rc.end > want {
					want, last = rc.end, s.task
				}
			}
		}
		if c.retAt > want {
			since := fmt.Sprintf("it was called at %v and no task was running or queued", c.callAt)
			if last != 0 {
				since = fmt.Sprintf("the last task (task %d) finished at %v", last, want)
			}
			h.breaks(want, c.from, "", fmt.Sprintf("late: want %v", want))
			return fmt.Sprintf("late: %s returned at %v, want %v: %s; Close must return at that instant, woken, not polling", which, c.retAt, want, since)
		}
	}
	return ""
}

// results: every Get returns the task's result at the instant it is ready (at once if
// it already is), or ctx.Err() when its ctx ends first; Done is closed at that instant.
func (h *history) results(p plan, errClosed error) string {
	gets := slices.Clone(h.gets)
	slices.SortFunc(gets, func(a, b *getCall) int { return cmp.Compare(a.callSeq, b.callSeq) })
	for _, g := range gets {
		if !g.returned {
			continue
		}
		if msg := h.result(p, g, errClosed); msg != "" {
			at, label := g.retAt, "wrong result"
			if g.act.done {
				at = g.doneAt
			}
			rule, _, _ := strings.Cut(msg, ":")
			switch {
			case rule == "early" || rule == "late":
				label = rule
			case strings.HasPrefix(msg, "Done of"):
				label = "Done not closed"
			}
			h.breaks(at, g.from, "", label)
			return msg
		}
	}
	return ""
}

func (h *history) result(p plan, g *getCall, errClosed error) string {
	id, t := g.act.task, p.tasks[g.act.task]
	call := fmt.Sprintf("Get of task %d (called at %v", id, g.callAt)
	if g.act.timeout > 0 {
		call += fmt.Sprintf(" with a %v timeout", g.act.timeout)
	}
	call += ")"
	if g.act.done {
		call = fmt.Sprintf("Get of task %d after <-Done() (received at %v)", id, g.doneAt)
	}
	rs := h.runs[id]
	if g.final {
		call = fmt.Sprintf("Get of task %d after Close returned (at %v)", id, g.callAt)
		if !g.doneClosed {
			what := "task %d was refused after Close, and the Future of a refused task is done at once"
			if len(rs) > 0 {
				what = "task %d finished before, and Done must be closed at the instant the result is ready"
			}
			return fmt.Sprintf("Done of task %d was not closed after Close returned (at %v): "+what, id, g.callAt, id)
		}
	}
	if len(rs) == 0 {
		// Refused after Close: ErrClosed at once.
		switch {
		case g.act.done && (!g.doneClosed || g.doneAt != g.callAt):
			return fmt.Sprintf("Done of task %d, submitted after Close and never run, was not closed when it was received from at %v: the Future of a refused task is done at once", id, g.callAt)
		case !errors.Is(g.err, errClosed):
			return fmt.Sprintf("%s returned (%d, %v); task %d was submitted after Close and never ran, so want (0, ErrClosed)", call, g.value, g.err, id)
		case g.retAt != g.callAt:
			return fmt.Sprintf("%s returned ErrClosed at %v; for a task refused after Close it must return at once", call, g.retAt)
		}
		return ""
	}
	rc := rs[0]
	end := rc.end
	if !rc.ended {
		end = 1 << 62
	}
	// ready: when the result is ready as seen from this call.
	ready := max(end, g.callAt)
	limit := g.act.timeout
	if limit == 0 && g.act.done && !g.final {
		limit = DoneLimit
	}
	deadline := g.callAt + limit
	resultDue := limit == 0 || ready < deadline // the result must be returned
	ctxDue := limit > 0 && ready > deadline     // ctx must end the wait
	finished := fmt.Sprintf("task %d finished at %v", id, end)
	if !rc.ended {
		finished = fmt.Sprintf("task %d never finished", id)
	}
	if g.act.done {
		switch {
		case g.doneClosed && g.doneAt < end:
			return fmt.Sprintf("early: Done of task %d was closed at %v, but %s: Done must be closed when the result is ready", id, g.doneAt, finished)
		case resultDue && !g.doneClosed:
			return fmt.Sprintf("Done of task %d was not closed by %v, but %s (received from since %v): Done must be closed at the instant the result is ready", id, g.doneAt, finished, g.callAt)
		case g.doneClosed && g.doneAt > ready:
			return fmt.Sprintf("late: Done of task %d was closed at %v, want %v: %s", id, g.doneAt, ready, finished)
		case ctxDue && g.doneClosed:
			return fmt.Sprintf("early: Done of task %d was closed at %v, but %s", id, g.doneAt, finished)
		case !g.doneClosed:
			return ""
		}
		ready, resultDue, ctxDue = g.doneAt, true, false
	}
	gotResult := !isDeadline(g.err)
	switch {
	case resultDue && !gotResult:
		return fmt.Sprintf("%s returned %v at %v, but %s, before its ctx ended: Get must return the result at the instant it is ready (at once if it already is)", call, g.err, g.retAt, finished)
	case ctxDue && gotResult:
		return fmt.Sprintf("%s returned (%d, %v) at %v, but %s, after its ctx ended at %v: Get must return ctx.Err() when ctx ends first", call, g.value, g.err, g.retAt, finished, deadline)
	case !gotResult && g.retAt != deadline:
		return fmt.Sprintf("late: %s returned ctx.Err() at %v, want %v, when its ctx ended", call, g.retAt, deadline)
	case !gotResult:
		return ""
	case g.retAt > ready:
		return fmt.Sprintf("late: %s returned the result at %v, want %v: %s; Get must return at the instant the result is ready (at once if it already is)", call, g.retAt, ready, finished)
	case g.retAt < ready:
		return fmt.Sprintf("early: %s returned at %v, but %s", call, g.retAt, finished)
	}
	switch t.outcome {
	case returns:
		if g.value != value(id) || g.err != nil {
			return fmt.Sprintf("%s returned (%d, %v); the task returned (%d, nil)", call, g.value, g.err, value(id))
		}
	case fails:
		var te *taskError
		if g.value != value(id) || !errors.As(g.err, &te) || te.task != id {
			return fmt.Sprintf("%s returned (%d, %v); the task returned (%d, %q): Get returns what the task returned", call, g.value, g.err, value(id), (&taskError{id}).Error())
		}
	case panics:
		pv := panicValue(id)
		if g.err == nil || !strings.Contains(strings.ToLower(g.err.Error()), "panic") || !strings.Contains(g.err.Error(), pv) {
			return fmt.Sprintf("%s returned (%d, %v); the task panicked with %q, so want an error whose message says it panicked and contains %q", call, g.value, g.err, pv, pv)
		}
		if g.value != 0 {
			return fmt.Sprintf("%s returned (%d, %v); for a task that panicked the value is the zero value, 0", call, g.value, g.err)
		}
	}
	return ""
}

// A started is a task that ran, with its Submit and its one run.
type started struct {
	s  *submitCall
	rc *runCall
}

func (h *history) started() []started {
	var out []started
	for _, s := range h.bySubmit() {
		if rs := h.runs[s.task]; len(rs) > 0 {
			out = append(out, started{s, rs[0]})
		}
	}
	return out
}

// order: when Submit(u) returned before Submit(v) was called, u starts no later than v.
// Tasks submitted by concurrent calls may go in either order.
func (h *history) order() string {
	bySubmit := h.started()
	byRet := slices.Clone(bySubmit)
	slices.SortFunc(byRet, func(a, b started) int { return cmp.Compare(a.s.retSeq, b.s.retSeq) })
	var latest *started
	i := 0
	for _, s := range bySubmit {
		for ; i < len(byRet) && byRet[i].s.retSeq < s.s.callSeq; i++ {
			if latest == nil || byRet[i].rc.start > latest.rc.start {
				latest = &byRet[i]
			}
		}
		if latest != nil && latest.rc.start > s.rc.start {
			u, v := latest, s
			h.breaks(v.rc.start, "", v.rc.gid, fmt.Sprintf("started before task %d", u.s.task))
			return fmt.Sprintf("task %d started before task %d, which was submitted first: task %d started at %v, task %d at %v, but the Submit of task %d returned (at %v) before the Submit of task %d was called (at %v); tasks must start in the order they were submitted",
				v.s.task, u.s.task, v.s.task, v.rc.start, u.s.task, u.rc.start, u.s.task, u.s.retAt, v.s.task, v.s.callAt)
		}
	}
	return ""
}

// timing: each task starts at the instant an ideal first-come-first-served pool with the
// same workers would start it: max(submission, the earliest time a worker is free).
func (h *history) timing(p plan) string {
	ss := h.started()
	slices.SortStableFunc(ss, func(a, b started) int {
		return cmp.Or(cmp.Compare(a.rc.start, b.rc.start), cmp.Compare(a.s.callAt, b.s.callAt))
	})
	var jobs []job
	var got []Start
	for _, s := range ss {
		jobs = append(jobs, job{task: s.s.task, arrival: s.s.callAt, run: s.rc.end - s.rc.start})
		got = append(got, Start{Task: s.s.task, At: s.rc.start})
	}
	want, free := ideal(p.workers, jobs)
	show := func(starts []Start) []string {
		var out []string
		for _, s := range starts {
			out = append(out, fmt.Sprintf("task %d at %v", s.Task, s.At))
		}
		return out
	}
	for i := range got {
		g, w, j := got[i], want[i], jobs[i]
		var msg string
		switch {
		case g.At > w.At:
			h.breaks(w.At, "", ss[i].rc.gid, fmt.Sprintf("late: task %d due", g.Task))
			msg = fmt.Sprintf("late: task %d started at %v, want %v: it was submitted at %v and a worker was free from %v; no task may wait while a worker is idle",
				g.Task, g.At, w.At, j.arrival, free[i])
			if pr := h.panicked(g.At, -1); pr != nil {
				msg += fmt.Sprintf(" (task %d panicked at %v: does a panic kill its worker?)", pr.task, pr.end)
			}
		case g.At < w.At:
			h.breaks(g.At, "", ss[i].rc.gid, fmt.Sprintf("early: task %d", g.Task))
			msg = fmt.Sprintf("early: task %d started at %v, want %v: it was submitted at %v and every worker was busy until %v",
				g.Task, g.At, w.At, j.arrival, free[i])
		default:
			continue
		}
		return msg + "\n  task starts, first come, first served (-want +got):\n" + clip(harness.Diff(show(want), show(got)), 40)
	}
	return ""
}

// clip keeps the first n lines of s.
func clip(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("\t... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}
