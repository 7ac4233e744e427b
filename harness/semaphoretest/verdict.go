package semaphoretest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// judge plays s and returns the first rule the learner's semaphore broke, or "". When a
// schedule with several semaphores fails, it replays each one's part alone: if each
// passes alone (a few times), the semaphores share state.
func judge(t *testing.T, pkg string, newWeighted func(int64) Weighted, s schedule) string {
	msg := judgeOne(t, pkg, newWeighted, s)
	if msg == "" || len(s.Sizes) == 1 {
		return msg
	}
	// A bug can depend on a select's random choice, so each part gets a few tries alone.
	for i := range s.Sizes {
		for range 5 {
			if alone := judgeOne(t, pkg, newWeighted, s.only(i)); alone != "" {
				return alone
			}
		}
	}
	return fmt.Sprintf("separate semaphores must not share state: with %d semaphores in use at once (each one alone passes), %s", len(s.Sizes), msg)
}

// judgeOne plays s and returns the first rule broken, or "", with the run's timeline
// attached.
func judgeOne(t *testing.T, pkg string, newWeighted func(int64) Weighted, s schedule) string {
	m := simulate(s)
	p := play(t, pkg, newWeighted, s)
	culprit, broke, msg, at := -1, "", "", time.Duration(-1)
	switch {
	case p.panicMsg != "":
		msg = p.panicMsg + "\n  schedule: " + s.String()
		if i := slices.IndexFunc(p.panics, func(m string) bool { return m != "" }); i >= 0 {
			culprit = i
		}
	case p.stuck != nil && p.stuck.Leak:
		msg = fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a semaphore must leave nothing behind when Acquire returns (in particular when its ctx ends first)\n  schedule: %s\n  your goroutines:\n%s", s, p.stuck.Goroutines)
		broke = "goroutine leak"
	case p.stuck != nil:
		msg, broke = deadlockVerdict(s, m, p), "deadlock"
	default:
		var diff string
		diff, culprit, at = firstDifference(s, m, p.got)
		if diff == "" {
			return ""
		}
		msg = fmt.Sprintf("%s\n  schedule: %s\n  calls and results (-want +got):\n%s", diff, s, harness.Diff(m.want, p.got))
	}
	if broke == "" {
		broke = timeline.Rule(msg)
	}
	return p.timeline(s, culprit, broke, at).Attach(msg)
}

// A difference between the model and the learner's run, when it shows, and its event.
type difference struct {
	at    time.Duration
	msg   string
	event int
}

// firstDifference explains the earliest difference between the model's outcome and the
// learner's, or returns "" when there is none; it also returns the event that differs
// and the instant the difference shows.
func firstDifference(s schedule, m *model, got outcome) (string, int, time.Duration) {
	var diffs []difference
	for i, e := range s.Events {
		want, g := m.want.Calls[i], got.Calls[i]
		if want == g {
			continue
		}
		at := want.At
		if g.Returned && g.At < at {
			at = g.At
		}
		diffs = append(diffs, difference{at, explain(s, m, i, e, want, g), i})
	}
	if len(diffs) == 0 {
		return "", -1, -1
	}
	sort.SliceStable(diffs, func(i, j int) bool { return diffs[i].at < diffs[j].at })
	return diffs[0].msg, diffs[0].event, diffs[0].at
}

func (st snapshot) free(size int64) int64 { return size - st.cur }

func waitersText(s schedule, ws []int) string {
	names := s.waiterNames()
	var parts []string
	for _, w := range ws {
		parts = append(parts, fmt.Sprintf("%s (Acquire(ctx, %d))", names[w], s.Events[w].N))
	}
	return strings.Join(parts, ", ")
}

// explain says how call i differed from the model's. Each message starts with its rule,
// up to the first colon (rapid shrinks a failure while it breaks the same rule).
func explain(s schedule, m *model, i int, e event, want, got callOutcome) string {
	size := s.Sizes[e.Sem]
	sem := s.semName(e.Sem)
	if e.Kind != acquire {
		who := fmt.Sprintf("%s%s of %s at %v", sem, e.call(), actorName(e.Actor), e.At)
		st := m.before(e.Sem, e.At)
		switch {
		case e.Kind == release && got.Result != want.Result:
			return fmt.Sprintf("wrong result: %s %s, while %d tokens were held", who, got.Result, st.cur)
		case got.At != want.At || !got.Returned:
			return fmt.Sprintf("sleeping: %s took %v of fake time; TryAcquire and Release never wait or sleep", who, got.At-want.At)
		case got.Result == "true" && len(st.line) > 0:
			return fmt.Sprintf("not first come, first served: %s took tokens while %s waited; TryAcquire takes tokens only when nobody waits", who, waitersText(s, st.line))
		case got.Result == "true":
			return fmt.Sprintf("too many tokens: %s returned true while %d of %d tokens were free", who, st.free(size), size)
		case len(st.line) > 0:
			return fmt.Sprintf("wrong result: %s returned false, want true", who)
		case len(st.oversize) > 0:
			return fmt.Sprintf("held up: %s returned false, want true: %d of %d tokens were free, and %s, larger than the semaphore, does not count as waiting: a request for more than size waits for its ctx outside the line and holds up nobody", who, st.free(size), size, waitersText(s, st.oversize))
		}
		return fmt.Sprintf("tokens lost: %s returned false, want true: %d of %d tokens were free and nobody waited (every token taken must come back: by Release, or when a waiter gives up)", who, st.free(size), size)
	}
	who := fmt.Sprintf("%s%s of %s (called at %v, %s)", sem, e.call(), s.waiterNames()[i], e.At, e.ctxString())
	if !got.Returned {
		return fmt.Sprintf("never returned: %s; want %s at %v", who, want.Result, want.At)
	}
	wantIn, gotIn := want.Result == errNil, got.Result == errNil
	switch {
	case wantIn && gotIn && got.At < want.At, !wantIn && gotIn:
		// In too early: the model's state just before the learner let it in.
		st := m.before(e.Sem, got.At)
		if got.At == e.At {
			st = m.before(e.Sem, e.At)
		}
		var earlier []int
		for _, w := range st.line {
			if w < i {
				earlier = append(earlier, w)
			}
		}
		if len(earlier) > 0 {
			return fmt.Sprintf("not first come, first served: %s got in at %v while %s, which came first, still waited; a waiter gets in only once every earlier waiter has got in or given up (a large request must not be starved by small ones)", who, got.At, waitersText(s, earlier))
		}
		if e.N > size {
			return fmt.Sprintf("too many tokens: %s returned nil at %v, but %d > size %d can never be had; it waits until its ctx ends", who, got.At, e.N, size)
		}
		return fmt.Sprintf("too many tokens: %s got in at %v while %d of %d tokens were free", who, got.At, st.free(size), size)
	case wantIn:
		// In too late, or never: why the model let it in at want.At.
		why := s.eventAt(want.At)
		late := fmt.Sprintf("went on only at %v", got.At)
		if !gotIn {
			late = fmt.Sprintf("returned %s at %v", got.Result, got.At)
		}
		if ev := s.eventAt(got.At); ev != "" && got.At != want.At {
			late += ", when " + ev
		}
		st := m.before(e.Sem, want.At)
		if want.At == e.At {
			why = "it was called"
		}
		switch {
		case len(st.oversize) > 0 && !gotIn:
			return fmt.Sprintf("held up: %s %s; want nil at %v, when %s, although %s, larger than the semaphore, still waited: a request for more than size waits for its ctx outside the line and holds up nobody", who, late, want.At, why, waitersText(s, st.oversize))
		case want.At == e.At:
			return fmt.Sprintf("waited for nothing: %s %s; want nil at once: %d of %d tokens were free and nobody waited", who, late, st.free(size), size)
		case strings.HasPrefix(why, "the ctx of"):
			return fmt.Sprintf("stranded: %s %s; want nil at %v: %s, first in line, and this waiter behind it then fit in the free tokens; a waiter at the head that gives up must let in the waiters behind it that now fit", who, late, want.At, why)
		case strings.Contains(why, "Release"):
			return fmt.Sprintf("waiters not woken: %s %s; want nil at %v, when %s and freed the tokens it needed as it was first in line; Release lets in every waiter at the head that fits, not just one", who, late, want.At, why)
		}
		return fmt.Sprintf("late: %s %s; want nil at %v, when %s: block on a channel or sync.Cond; never poll or sleep", who, late, want.At, why)
	case got.Result != want.Result:
		return fmt.Sprintf("wrong error: %s returned %s at %v, want %s at %v: when its ctx ends first, Acquire returns ctx.Err()", who, got.Result, got.At, want.Result, want.At)
	case got.At > want.At:
		return fmt.Sprintf("late: %s returned %s at %v, want at %v, when its ctx ended: watch ctx.Done() instead of polling", who, got.Result, got.At, want.At)
	}
	return fmt.Sprintf("early: %s returned %s at %v, before its ctx ended at %v", who, got.Result, got.At, want.At)
}

// deadlockVerdict names the calls that never returned when every goroutine was blocked.
func deadlockVerdict(s schedule, m *model, p *played) string {
	var hung []string
	names := s.waiterNames()
	for i, e := range s.Events {
		if !p.started[i] || p.got.Calls[i].Returned {
			continue
		}
		want := m.want.Calls[i]
		if e.Kind != acquire {
			hung = append(hung, fmt.Sprintf("%s%s of %s at %v never returned; TryAcquire and Release never block", s.semName(e.Sem), e.call(), actorName(e.Actor), e.At))
			continue
		}
		hung = append(hung, fmt.Sprintf("%s%s of %s (called at %v, %s) never returned; want %s at %v", s.semName(e.Sem), e.call(), names[i], e.At, e.ctxString(), want.Result, want.At))
	}
	if len(hung) == 0 {
		hung = append(hung, "the run never finished")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %s", hung[0])
	for _, h := range hung[1:] {
		fmt.Fprintf(&b, "\n  also: %s", h)
	}
	fmt.Fprintf(&b, "\n  schedule: %s\n  your goroutines:\n%s", s, p.stuck.Goroutines)
	return b.String()
}
