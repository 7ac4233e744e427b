package latchtest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// judge plays s and returns the first rule the learner's Latch broke, or "", with the
// timeline of the run whose verdict it is. When a schedule with several Latches fails,
// it replays each Latch's part alone: if each one passes alone, the Latches share state.
func judge(t *testing.T, pkg string, newLatch func(int) Latch, s schedule) (string, *timeline.Timeline) {
	msg, tl := judgeOne(t, pkg, newLatch, s)
	if msg == "" || len(s.Counts) == 1 {
		return msg, tl
	}
	for i := range s.Counts {
		if alone, tl := judgeOne(t, pkg, newLatch, s.only(i)); alone != "" {
			return alone, tl
		}
	}
	return fmt.Sprintf("separate Latches must not share state: with %d Latches in use at once (each one alone passes), %s", len(s.Counts), msg), tl
}

func judgeOne(t *testing.T, pkg string, newLatch func(int) Latch, s schedule) (string, *timeline.Timeline) {
	m := simulate(s)
	p := play(t, pkg, newLatch, s, m)
	// The rule broken: where (lane), when (at, or at the end when atEnd) and what.
	var broke difference
	atEnd := true
	var msg string
	switch {
	case p.panicMsg != "":
		msg = p.panicMsg + "\n  schedule: " + s.String()
		broke = difference{lane: p.brokeLane, label: "panicked"}
	case p.stuck != nil && p.stuck.Leak:
		msg = fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a Latch must leave nothing behind when Wait returns (in particular when its ctx ends first)\n  schedule: %s\n  your goroutines:\n%s", s, p.stuck.Goroutines)
		broke = difference{lane: judgeLane, label: "goroutine leak"}
	case p.stuck != nil:
		msg = deadlockVerdict(s, m, p)
		broke = difference{lane: judgeLane, label: "deadlock"}
	default:
		broke = firstDifference(s, m, p.got)
		if broke.msg == "" {
			return "", nil
		}
		atEnd = false
		msg = fmt.Sprintf("%s\n  schedule: %s\n  calls and results (-want +got):\n%s", broke.msg, s, harness.Diff(m.want, p.got))
	}
	traces := p.traces
	if !atEnd {
		j := newTrace(broke.lane, 3, nil)
		j.markAt(broke.at, timeline.Broke, broke.label)
		traces = append(traces, j)
	}
	tl := timeline.Replay(p.lanes, events(traces))
	if atEnd {
		tl.Broke(broke.lane, broke.label)
	}
	return msg, tl
}

// A difference between the model and the learner's run: when it shows, in which lane
// of the timeline, a short label, and the verdict.
type difference struct {
	at    time.Duration
	lane  string
	label string
	msg   string
}

// firstDifference explains the earliest difference between the model's outcome and the
// learner's, or returns a difference with no msg when there is none.
func firstDifference(s schedule, m *model, got outcome) difference {
	var diffs []difference
	for i, st := range s.Steps {
		want, g := m.want.Steps[i], got.Steps[i]
		for k, o := range st.Ops {
			if k >= len(g.Results) || g.Results[k] == want.Results[k] {
				continue
			}
			diffs = append(diffs, difference{st.At, actorName(st.Actor), "wrong result", callDifference(s, st, o, m.before[i][k], value(want.Results[k]), value(g.Results[k]))})
			break
		}
		if g.Took != 0 {
			diffs = append(diffs, difference{st.At, actorName(st.Actor), "slept", fmt.Sprintf("sleeping: %s of %s at %v took %v of fake time; CountDown, Count and TrySetCount return at once: they never wait or sleep", calls(st), actorName(st.Actor), st.At, g.Took)})
		}
	}
	for i, wt := range s.Waiters {
		want, g := m.want.Waiters[i], got.Waiters[i]
		if want == g {
			continue
		}
		msg := waitDifference(s, m, i, wt, want, g)
		diffs = append(diffs, difference{min(want.At, g.At), waiterName(i), waitLabel(msg), msg})
	}
	if len(diffs) == 0 {
		return difference{}
	}
	sort.SliceStable(diffs, func(i, j int) bool { return diffs[i].at < diffs[j].at })
	return diffs[0]
}

// waitLabel is the timeline's label of a Wait's difference: its rule, shortened.
func waitLabel(msg string) string {
	rule, _, _ := strings.Cut(msg, ":")
	switch rule {
	case "Wait returned an error at zero":
		return "error at zero"
	case "waiter not released":
		return "not released"
	}
	return rule
}

func calls(st step) string {
	var cs []string
	for _, o := range st.Ops {
		cs = append(cs, o.String())
	}
	return strings.Join(cs, ", ")
}

// value returns the result part of "Count() = 2".
func value(result string) string {
	_, v, _ := strings.Cut(result, " = ")
	return v
}

func callDifference(s schedule, st step, o op, before int, want, got string) string {
	head := fmt.Sprintf("wrong result: %s%v at %v (%s) returned %s, want %s", s.latchName(st.Latch), o, st.At, actorName(st.Actor), got, want)
	switch o.Kind {
	case opCount:
		if n, err := strconv.Atoi(got); err == nil && n < 0 {
			return head + ": the count never goes negative (CountDown at zero does nothing)"
		}
		return head
	case opTrySetCount:
		switch {
		case got == "true" && before != 0:
			return fmt.Sprintf("%s: the count was %d, and TrySetCount starts a round only when the count is zero", head, before)
		case got == "true":
			return head + ": a round needs a count > 0"
		default:
			return fmt.Sprintf("%s: the count was 0 and %d > 0, so TrySetCount starts a new round", head, o.N)
		}
	}
	return head
}

// waitDifference explains how waiter i's Wait differed from the model's. Each message
// starts with its rule, up to the first colon (rapid shrinks a failure while it breaks
// the same rule), then the details.
func waitDifference(s schedule, m *model, i int, wt waiter, want, got waitOutcome) string {
	who := fmt.Sprintf("Wait of %s (%scalled at %v, %s)", waiterName(i), s.latchName(wt.Latch), wt.Start, wt.ctxString())
	released := want.Err == errNil && want.At > wt.Start // by its round reaching zero
	switch {
	case want.Err == errNil && got.Err == errNil && got.At < want.At:
		return fmt.Sprintf("early: %s returned nil at %v while the count was %d; want nil at %v, when the count reaches zero", who, got.At, m.countAt(s, wt.Latch, got.At), want.At)
	case want.Err == errNil && !released && got.Err != errNil:
		return fmt.Sprintf("Wait returned an error at zero: %s returned %s, want nil: the count was 0 when it was called, and then Wait returns nil at once, even if its ctx is done", who, got.Err)
	case want.Err == errNil && !released:
		return fmt.Sprintf("sleeping: %s returned nil at %v, want at once: the count was 0 when it was called", who, got.At)
	case released && m.renewed[i] != "":
		return fmt.Sprintf("lost wakeup: %s returned %s at %v, want nil at %v: its round reached zero at %v, and %s started the next round at the same instant, before the waiter ran again; a waiter released by one round must never be held by the next (remember which round a waiter waits on instead of re-checking the count)", who, got.Err, got.At, want.At, want.At, m.renewed[i])
	case released:
		if ev := s.eventAt(got.At); ev != "" {
			return fmt.Sprintf("waiter not released: %s returned %s at %v, want nil at %v: its round reached zero then, and that releases every waiter of the round at once; this one went on only at %v, when %s", who, got.Err, got.At, want.At, got.At, ev)
		}
		return fmt.Sprintf("late: %s returned %s at %v, want nil at %v, when the count of its round reached zero: a waiter must be released at once (block on a channel or sync.Cond; never poll or sleep)", who, got.Err, got.At, want.At)
	case got.Err == errNil && got.At <= want.At:
		return fmt.Sprintf("early: %s returned nil at %v while the count was %d; want %s at %v, when its ctx ends, because the count of its round never reached zero", who, got.At, m.countAt(s, wt.Latch, got.At), want.Err, want.At)
	case got.Err == errNil:
		return fmt.Sprintf("wrong result: %s returned nil at %v, want %s at %v, when its ctx ended, because the count of its round never reached zero", who, got.At, want.Err, want.At)
	case got.Err != want.Err:
		return fmt.Sprintf("wrong error: %s returned %s at %v, want %s at %v: when its ctx ends first, Wait returns ctx.Err()", who, got.Err, got.At, want.Err, want.At)
	case got.At > want.At && s.eventAt(got.At) != "":
		return fmt.Sprintf("late: %s returned %s at %v, want at %v, when its ctx ended: watch ctx.Done(); this one went on only at %v, when %s", who, got.Err, got.At, want.At, got.At, s.eventAt(got.At))
	case got.At > want.At:
		return fmt.Sprintf("late: %s returned %s at %v, want at %v, when its ctx ended: watch ctx.Done() instead of polling", who, got.Err, got.At, want.At)
	}
	return fmt.Sprintf("early: %s returned %s at %v, before its ctx ended at %v", who, got.Err, got.At, want.At)
}

// deadlockVerdict names the calls that never returned when every goroutine was blocked.
func deadlockVerdict(s schedule, m *model, p *played) string {
	var hung []string
	for i, st := range s.Steps {
		if p.started[i] && !p.got.Steps[i].Returned {
			k := len(p.got.Steps[i].Results)
			hung = append(hung, fmt.Sprintf("%s%v of %s at %v never returned; CountDown, Count and TrySetCount never block", s.latchName(st.Latch), st.Ops[k], actorName(st.Actor), st.At))
		}
	}
	for i, wt := range s.Waiters {
		if !p.waiting[i] || p.got.Waiters[i].Returned {
			continue
		}
		want := m.want.Waiters[i]
		who := fmt.Sprintf("Wait of %s (%scalled at %v, %s)", waiterName(i), s.latchName(wt.Latch), wt.Start, wt.ctxString())
		switch {
		case want.Err == errNil && m.renewed[i] != "":
			hung = append(hung, fmt.Sprintf("lost wakeup: %s never returned; want nil at %v: its round reached zero then, and %s started the next round at the same instant, before the waiter ran again; a waiter released by one round must never be held by the next", who, want.At, m.renewed[i]))
		case want.Err == errNil && want.At == wt.Start:
			hung = append(hung, fmt.Sprintf("%s never returned; want nil at once: the count was 0", who))
		case want.Err == errNil:
			hung = append(hung, fmt.Sprintf("%s never returned; want nil at %v, when the count of its round reached zero", who, want.At))
		default:
			hung = append(hung, fmt.Sprintf("%s never returned; want %s at %v: when its ctx ends first, Wait returns ctx.Err()", who, want.Err, want.At))
		}
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
