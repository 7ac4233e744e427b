package refereequeuetest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gokata/workbook/harness"
)

// verdict returns the first rule the run broke, or "". Rules are judged in the order a
// learner should fix them: panics, referees misused, deadlocks, Enqueue waiting or
// answering wrongly, users lost or verified twice, Close not waiting, goroutines left
// behind, then the order and the instant at which each user started.
//
// It also returns where the rule broke, for the timeline; a zero blame when the
// timeline already marks it (a panic, a bad call of verify) or when no rule broke.
func (r *run) verdict(stuck *harness.Stuck, errClosed error) (string, blame) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, h := range r.logs {
		h.mu.Lock()
		defer h.mu.Unlock()
	}
	if r.panicMsg != "" {
		return r.panicMsg, blame{}
	}
	for i, h := range r.logs {
		if len(h.faults) > 0 {
			return r.which(i) + h.faults[0], blame{}
		}
	}
	if stuck != nil && !stuck.Leak {
		return r.deadlock(stuck), blame{lane: "judge", label: "deadlock"}
	}
	for i, h := range r.logs {
		for _, check := range []func() string{
			h.waited,
			func() string { return h.answers(errClosed) },
			h.once,
			h.closeWaits,
		} {
			if msg := check(); msg != "" {
				return r.which(i) + msg, r.blame(i, h.culprit)
			}
		}
	}
	if stuck != nil {
		return "goroutine leak: Close returned, but goroutines of yours were left behind; Close must return only after every referee's goroutine has exited\n  your goroutines:\n" + stuck.Goroutines, blame{lane: "judge", label: "goroutine leak"}
	}
	for i, h := range r.logs {
		if msg := h.order(); msg != "" {
			return r.which(i) + msg, r.blame(i, h.culprit)
		}
		if msg := h.timing(r.plans[i].referees); msg != "" {
			return r.which(i) + msg, h.culprit
		}
	}
	return "", blame{}
}

// blame names the lane of Queue i's goroutine at fault. The lanes of the calls carry
// their Queue's number already; those of the referees do not.
func (r *run) blame(i int, b blame) blame {
	if b.lane != "judge" && !strings.HasPrefix(b.lane, r.lane(i, "")) {
		b.lane = r.lane(i, b.lane)
	}
	return b
}

// which names Queue i when a run uses several.
func (r *run) which(i int) string {
	if len(r.logs) == 1 {
		return ""
	}
	return fmt.Sprintf("Queue %d (of %d in use at once): ", i+1, len(r.logs))
}

func (r *run) deadlock(stuck *harness.Stuck) string {
	var hung []string
	closing, enqueuing := false, false
	for i, h := range r.logs {
		on := ""
		if len(r.logs) > 1 {
			on = fmt.Sprintf("Queue %d, ", i+1)
		}
		for _, e := range h.enqueues {
			if !e.returned {
				enqueuing = true
				hung = append(hung, fmt.Sprintf("Enqueue(User{ID: %d}) (%scalled at %v)", e.user, on, e.callAt))
			}
		}
		for _, c := range h.closes {
			if !c.returned {
				closing = true
				hung = append(hung, fmt.Sprintf("Close (%scalled at %v)", on, c.callAt))
			}
		}
	}
	what := "every goroutine is blocked"
	if len(hung) > 0 {
		what = strings.Join(hung, ", ") + " never returned and every goroutine is blocked"
	}
	hint := ""
	if enqueuing {
		hint += "; Enqueue must never wait"
	}
	if closing {
		hint += "; Close must wake every idle referee and return once every accepted user has been verified"
	}
	return fmt.Sprintf("deadlock: %s%s\n  your goroutines:\n%s", what, hint, stuck.Goroutines)
}

// byCall returns the Enqueue calls in the order they were made.
func (h *history) byCall() []*enqueueCall {
	es := slices.Clone(h.enqueues)
	slices.SortFunc(es, func(a, b *enqueueCall) int { return cmp.Compare(a.callSeq, b.callSeq) })
	return es
}

// waited: Enqueue returns at the instant it was called.
func (h *history) waited() string {
	for _, e := range h.byCall() {
		if e.returned && e.retAt != e.callAt {
			h.culprit = blame{lane: e.lane, label: "Enqueue waited", sp: e.sp}
			return fmt.Sprintf("Enqueue(User{ID: %d}) was called at %v and returned at %v: Enqueue must add the user to the queue and return at once, never waiting for a referee (the queue grows as long as needed)",
				e.user, e.callAt, e.retAt)
		}
	}
	return ""
}

// answers: Enqueue returns nil until Close has been called, ErrClosed after.
func (h *history) answers(errClosed error) string {
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
	for _, e := range h.byCall() {
		switch {
		case e.err != nil && !errors.Is(e.err, errClosed):
			h.culprit = blame{lane: e.lane, label: "wrong error", sp: e.sp}
			return fmt.Sprintf("Enqueue(User{ID: %d}) returned the error %q; want nil, or ErrClosed once Close has been called", e.user, e.err)
		case e.err == nil && first != nil && (e.callAt > first.callAt || firstRet >= 0 && e.callSeq > firstRet):
			h.culprit = blame{lane: e.lane, label: "accepted after Close", sp: e.sp}
			return fmt.Sprintf("Enqueue(User{ID: %d}) at %v returned nil after Close was called (at %v): once Close has been called, Enqueue must return ErrClosed", e.user, e.callAt, first.callAt)
		case e.err != nil && (first == nil || e.retSeq < first.callSeq):
			h.culprit = blame{lane: e.lane, label: "ErrClosed before Close", sp: e.sp}
			return fmt.Sprintf("Enqueue(User{ID: %d}) at %v returned ErrClosed before Close was called; it must accept users until then", e.user, e.callAt)
		}
	}
	return ""
}

// once: every accepted user is verified exactly once; rejected users never.
func (h *history) once() string {
	var firstClose int64 = -1
	for _, c := range h.closes {
		if firstClose < 0 || c.callSeq < firstClose {
			firstClose = c.callSeq
		}
	}
	for _, e := range h.byCall() {
		vs := h.verifies[e.user]
		switch {
		case e.err == nil && len(vs) == 0 && firstClose >= 0 && e.retSeq > firstClose:
			h.culprit = blame{lane: "judge", label: fmt.Sprintf("user %d never verified", e.user)}
			return fmt.Sprintf("user %d was never verified, although Enqueue accepted it at %v, concurrently with Close: an Enqueue concurrent with Close must either accept the user (and Close then waits until it has been verified) or return ErrClosed", e.user, e.callAt)
		case e.err == nil && len(vs) == 0:
			h.culprit = blame{lane: "judge", label: fmt.Sprintf("user %d never verified", e.user)}
			return fmt.Sprintf("user %d was never verified, although Enqueue accepted it at %v: every accepted user must be verified, also the ones still waiting when Close is called", e.user, e.callAt)
		case e.err == nil && len(vs) > 1:
			var refs []int
			for _, v := range vs {
				refs = append(refs, v.referee)
			}
			h.culprit = blame{lane: fmt.Sprintf("referee %d", vs[1].referee), label: fmt.Sprintf("user %d verified twice", e.user), sp: vs[1].sp, begun: true}
			return fmt.Sprintf("user %d was verified %d times (by referees %v), want once", e.user, len(vs), refs)
		case e.err != nil && len(vs) > 0:
			h.culprit = blame{lane: fmt.Sprintf("referee %d", vs[0].referee), label: fmt.Sprintf("verified rejected %d", e.user), sp: vs[0].sp, begun: true}
			return fmt.Sprintf("user %d was verified (by referee %d at %v) although Enqueue returned ErrClosed for it", e.user, vs[0].referee, vs[0].start)
		}
	}
	return ""
}

// closeWaits: every call of Close returns after every accepted user's verification.
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
		for _, e := range h.byCall() {
			if e.err != nil {
				continue
			}
			v := h.verifies[e.user][0]
			switch {
			case v.startSeq > c.retSeq:
				h.culprit = blame{lane: c.lane, label: "returned too early", sp: c.sp}
				return fmt.Sprintf("%s returned at %v before user %d was verified (its verification began at %v): Close must wait until every accepted user has been verified",
					which, c.retAt, e.user, v.start)
			case !v.ended || v.endSeq > c.retSeq:
				h.culprit = blame{lane: c.lane, label: "returned too early", sp: c.sp}
				return fmt.Sprintf("%s returned at %v while user %d was still being verified (since %v): Close must wait until every verification has finished",
					which, c.retAt, e.user, v.start)
			}
		}
	}
	return ""
}

// An served is an accepted user with its one verification.
type served struct {
	e *enqueueCall
	v *verifyCall
}

func (h *history) served() []served {
	var out []served
	for _, e := range h.byCall() {
		if e.err == nil {
			out = append(out, served{e, h.verifies[e.user][0]})
		}
	}
	return out
}

// order: when Enqueue(u) returned before Enqueue(v) was called, u starts no later than
// v. Users enqueued by concurrent calls may go in either order.
func (h *history) order() string {
	byCall := h.served()
	byRet := slices.Clone(byCall)
	slices.SortFunc(byRet, func(a, b served) int { return cmp.Compare(a.e.retSeq, b.e.retSeq) })
	var latest *served // the latest to start of the users enqueued before the current one
	i := 0
	for _, s := range byCall {
		for ; i < len(byRet) && byRet[i].e.retSeq < s.e.callSeq; i++ {
			if latest == nil || byRet[i].v.start > latest.v.start {
				latest = &byRet[i]
			}
		}
		if latest != nil && latest.v.start > s.v.start {
			u, v := latest, s
			h.culprit = blame{lane: fmt.Sprintf("referee %d", v.v.referee), label: fmt.Sprintf("started %d before %d", v.e.user, u.e.user), sp: v.v.sp, begun: true}
			return fmt.Sprintf("user %d started verification before user %d, which was enqueued first: user %d started at %v, user %d at %v, but Enqueue(User{ID: %d}) returned (at %v) before Enqueue(User{ID: %d}) was called (at %v); users must start in the order they were enqueued",
				v.e.user, u.e.user, v.e.user, v.v.start, u.e.user, u.v.start, u.e.user, u.e.retAt, v.e.user, v.e.callAt)
		}
	}
	return ""
}

// timing: each user starts at the instant an ideal first-come-first-served queue with
// the same referees would start it: max(arrival, the earliest time a referee is free).
// The users are taken in the order they started (which order broke no rule above);
// users that started at one instant and arrived at one instant may be taken in any
// order without changing the ideal schedule.
func (h *history) timing(referees int) string {
	ss := h.served()
	slices.SortStableFunc(ss, func(a, b served) int {
		return cmp.Or(cmp.Compare(a.v.start, b.v.start), cmp.Compare(a.e.callAt, b.e.callAt))
	})
	var jobs []job
	var got []Start
	for _, s := range ss {
		jobs = append(jobs, job{user: s.e.user, arrival: s.e.callAt, service: s.v.end - s.v.start})
		got = append(got, Start{User: s.e.user, At: s.v.start})
	}
	want, free := ideal(referees, jobs)
	var firstClose *closeCall
	for _, c := range h.closes {
		if firstClose == nil || c.callSeq < firstClose.callSeq {
			firstClose = c
		}
	}
	show := func(starts []Start) []string {
		var out []string
		for _, s := range starts {
			out = append(out, fmt.Sprintf("user %d at %v", s.User, s.At))
		}
		return out
	}
	for i := range got {
		g, w, j := got[i], want[i], jobs[i]
		var msg string
		switch {
		case g.At > w.At:
			h.culprit = blame{lane: "judge", label: fmt.Sprintf("user %d late", g.User), sp: ss[i].v.sp, begun: true}
			msg = fmt.Sprintf("late: user %d started verification at %v, want %v: it was enqueued at %v and a referee was free from %v; no user may wait while a referee is free",
				g.User, g.At, w.At, j.arrival, free[i])
			if e := ss[i].e; firstClose != nil && e.retSeq > firstClose.callSeq {
				// The free referee may have left: it found the queue closed and empty
				// before this Enqueue added the user.
				msg += fmt.Sprintf(" (its Enqueue was concurrent with Close, called at %v: if the free referee found the queue closed and empty and left, your Enqueue accepted the user after Close had closed the queue, where it must return ErrClosed)", firstClose.callAt)
			}
		case g.At < w.At:
			h.culprit = blame{lane: "judge", label: fmt.Sprintf("user %d early", g.User), sp: ss[i].v.sp, begun: true}
			msg = fmt.Sprintf("early: user %d started verification at %v, want %v: it was enqueued at %v and every referee was busy until %v",
				g.User, g.At, w.At, j.arrival, free[i])
		default:
			continue
		}
		return msg + "\n  verification starts, first come, first served (-want +got):\n" + clip(harness.Diff(show(want), show(got)), 40)
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
