package barriertest

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

// judge plays s and returns the first rule the learner's Barrier broke, or "". When a
// schedule with several Barriers fails, it replays each Barrier's part alone: if each one
// passes alone, the Barriers share state.
func judge(t *testing.T, sub subject, s schedule) string {
	msg := judgeOne(t, sub, s)
	if msg == "" || len(s.Parties) == 1 {
		return msg
	}
	for i := range s.Parties {
		if alone := judgeOne(t, sub, s.only(i)); alone != "" {
			return alone
		}
	}
	return fmt.Sprintf("separate Barriers must not share state: with %d Barriers in use at once (each one alone passes), %s", len(s.Parties), msg)
}

// judgeOne plays s and returns the first rule broken, or "", with the run's timeline
// attached.
func judgeOne(t *testing.T, sub subject, s schedule) string {
	p := play(t, sub, s)
	m := simulate(s, p.got)
	culprit, broke, msg := -1, "", ""
	switch {
	case p.panicMsg != "":
		msg = p.panicMsg + "\n  schedule: " + s.String()
		culprit = slices.IndexFunc(p.panics, func(m string) bool { return m != "" })
	case p.stuck != nil && p.stuck.Leak:
		msg = fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a Barrier must leave nothing behind when Await returns (in particular when its ctx ends first)\n  schedule: %s\n  your goroutines:\n%s", s, p.stuck.Goroutines)
		broke = "goroutine leak"
	case p.stuck != nil:
		msg, broke = deadlockVerdict(s, m, p), "deadlock"
	}
	for k, took := range p.resets {
		if took != 0 && msg == "" {
			r := s.Resets[k]
			msg = fmt.Sprintf("sleeping: %sReset at %v took %v of fake time; Reset returns at once\n  schedule: %s", s.barrierName(r.Barrier), r.At, took, s)
		}
	}
	if msg == "" {
		var diff string
		diff, culprit = firstDifference(s, m, p.got)
		if diff == "" {
			return ""
		}
		msg = fmt.Sprintf("%s\n  schedule: %s\n  calls and results (-want +got):\n%s", diff, s, harness.Diff(m.want, p.got))
	}
	if broke == "" {
		broke = timeline.Rule(msg)
	}
	return p.timeline(s, culprit, broke).Attach(msg)
}

// firstDifference explains the earliest difference between the model's outcome and the
// learner's, or returns "" when there is none; it also returns the waiter whose call
// differs.
func firstDifference(s schedule, m *model, got outcome) (string, int) {
	type difference struct {
		at  time.Duration
		msg string
		w   int
	}
	var diffs []difference
	for w := range s.Waiters {
		for c, want := range m.want.Calls[w] {
			var g callOutcome
			if c < len(got.Calls[w]) {
				g = got.Calls[w][c]
			}
			if g == want {
				continue
			}
			at := want.At
			if g.Returned {
				at = min(at, g.At)
			}
			diffs = append(diffs, difference{at, callDifference(s, m, w, c, want, g), w})
		}
		if extra := len(got.Calls[w]) - len(m.want.Calls[w]); extra > 0 {
			diffs = append(diffs, difference{got.Calls[w][len(m.want.Calls[w])].At, fmt.Sprintf("wrong result: %s called Await again, which it does only after an Await that returned (0, nil) at once as the last arrival", waiterName(w)), w})
		}
	}
	if len(diffs) == 0 {
		return "", -1
	}
	sort.SliceStable(diffs, func(i, j int) bool { return diffs[i].at < diffs[j].at })
	return diffs[0].msg, diffs[0].w
}

func show(o callOutcome) string {
	if !o.Returned {
		return "nothing (it never returned)"
	}
	if o.Err == errNil {
		return fmt.Sprintf("(%d, nil) at %v", o.Arrival, o.At)
	}
	return fmt.Sprintf("%s at %v", o.Err, o.At)
}

func (s schedule) who(w, c int) string {
	wt := s.Waiters[w]
	if c > 0 {
		return fmt.Sprintf("the second Await of %s (%scalled again at once, %s)", waiterName(w), s.barrierName(wt.Barrier), wt.ctxString())
	}
	return fmt.Sprintf("Await of %s (%scalled at %v, %s)", waiterName(w), s.barrierName(wt.Barrier), wt.Start, wt.ctxString())
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

// callDifference explains how one call differed from the model's. Each message starts
// with its rule, up to the first colon (rapid shrinks a failure while it breaks the same
// rule), then the details.
func callDifference(s schedule, m *model, w, c int, want, got callOutcome) string {
	y := m.whys[w][c]
	who := s.who(w, c)
	parties := s.Parties[s.Waiters[w].Barrier]
	head := fmt.Sprintf("%s returned %s, want %s", who, show(got), show(want))
	if got.Returned && got.Err == errNil && want.Err == errNil && got.At == want.At {
		return fmt.Sprintf("wrong arrival: %s: it was the %s of %d to arrive in its generation, and arrival is parties-1 for the first to arrive and 0 for the last", head, ordinal(y.nth), parties)
	}
	if got.Returned && got.At < want.At && got.Err == errNil {
		return fmt.Sprintf("early: %s: it returned before the last of its generation arrived (a generation is %d arrivals)", head, parties)
	}
	if got.Returned && got.At < want.At {
		return fmt.Sprintf("early: %s: at %v its generation was neither complete nor broken, its ctx had not ended and nobody had called Reset", head, got.At)
	}
	waitedFor := y.kind == whyOwnCtx || y.kind == whyBrokenByCtx || y.kind == whyReset || y.kind == whyFinalReset
	if got.Returned && got.Err == want.Err && got.At > want.At && waitedFor {
		return fmt.Sprintf("late: %s: a waiter goes on at the instant its generation completes or breaks or its ctx ends (block on a channel or sync.Cond; never poll or sleep)", head)
	}
	switch y.kind {
	case whyLast:
		return fmt.Sprintf("not released: %s: it was the %s of %d to arrive, the last of its generation, so it returns at once", head, ordinal(y.nth), parties)
	case whyReleased:
		if y.reuse >= 0 {
			return fmt.Sprintf("reuse bug: %s: its generation was complete at %v, when %s arrived as the last, and that goroutine called Await again at once, for the next generation, before the released waiters had run again; a goroutine of the next generation never joins or holds up the current one", head, want.At, waiterName(y.by))
		}
		return fmt.Sprintf("not released: %s: its generation was complete at %v, when %s arrived as the last of %d, and that releases every waiter of the generation at once (block on a channel or sync.Cond; never poll or sleep)", head, want.At, waiterName(y.by), parties)
	case whyOwnCtx:
		return fmt.Sprintf("ctx ignored: %s: its ctx ended while it waited, and then Await returns ctx.Err() at once (and breaks the generation)", head)
	case whyDoneAtCall:
		return fmt.Sprintf("ctx ignored: %s: its ctx was already done and it was not the last to arrive, so it returns ctx.Err() at once and breaks the generation", head)
	case whyRefused:
		return fmt.Sprintf("wrong result: %s: its ctx was done and it was the last to arrive; it may proceed (0, nil) or return ctx.Err() changing nothing", head)
	case whyBrokenByCtx:
		return fmt.Sprintf("broken generation: %s: the ctx of %s ended at %v while it waited in the same generation; that breaks the generation, and every other waiter of it returns ErrBroken at once", head, waiterName(y.by), want.At)
	case whyBrokenAtCall:
		by := "the ctx of " + waiterName(y.by)
		return fmt.Sprintf("broken barrier: %s: the barrier has been broken since %v (by %s), and until Reset every Await returns ErrBroken at once", head, y.since, by)
	case whyReset:
		return fmt.Sprintf("Reset left a waiter: %s: Reset at %v breaks the waiting generation, and its waiters return ErrBroken at once", head, want.At)
	}
	return fmt.Sprintf("Reset left a waiter: %s: the judge's final Reset at %v breaks the waiting generation, and its waiters return ErrBroken at once", head, want.At)
}

// deadlockVerdict names the calls that never returned when every goroutine was blocked.
func deadlockVerdict(s schedule, m *model, p *played) string {
	var hung []string
	for w := range s.Waiters {
		for c := range 2 {
			if !p.calling[w][c] || (c < len(p.got.Calls[w]) && p.got.Calls[w][c].Returned) {
				continue
			}
			if c < len(m.want.Calls[w]) {
				hung = append(hung, callDifference(s, m, w, c, m.want.Calls[w][c], callOutcome{}))
			} else {
				hung = append(hung, s.who(w, c)+" never returned")
			}
		}
	}
	if len(hung) == 0 {
		hung = append(hung, "Reset never returned; Reset never blocks")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %s", hung[0])
	for _, h := range hung[1:] {
		fmt.Fprintf(&b, "\n  also: %s", h)
	}
	fmt.Fprintf(&b, "\n  schedule: %s\n  your goroutines:\n%s", s, p.stuck.Goroutines)
	return b.String()
}

// sequential checks New's panic and ErrBroken's text.
func sequential(t *testing.T, sub subject) {
	t.Helper()
	if sub.errBroken == nil || sub.errBroken.Error() != "barrier: broken" {
		t.Fatalf("ErrBroken is %v, want errors.New(\"barrier: broken\")", sub.errBroken)
	}
	for _, n := range []int{0, -1} {
		var got any
		func() {
			defer func() { got = recover() }()
			sub.newBarrier(n)
		}()
		if kata, ok := harness.NotImplemented(got); ok {
			t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
		}
		const want = "barrier: parties < 1"
		switch {
		case got == nil:
			t.Fatalf("New(%d) returned; want a panic %q", n, want)
		case fmt.Sprint(got) != want:
			t.Fatalf("New(%d) panicked with %q; want %q", n, fmt.Sprint(got), want)
		}
	}
}
