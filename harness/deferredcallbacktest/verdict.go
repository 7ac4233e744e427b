package deferredcallbacktest

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
)

// verdict returns the first rule the run of sc broke, or "", and the index of the
// Executor that broke it (-1 when it is not one Executor's fault: a deadlock, a leak).
// Every record is read under its lock.
func verdict(sc scene, recs []*record, stuck *harness.Stuck, errClosed error) (string, int) {
	for _, r := range recs {
		r.mu.Lock()
		defer r.mu.Unlock()
	}
	for i, r := range recs {
		if r.panicked != "" {
			if len(sc) > 1 {
				return r.panicked + "\n  schedule:" + sc.String(), i
			}
			return r.panicked, i
		}
	}
	if stuck != nil {
		return stuckVerdict(sc, recs, stuck), -1
	}
	for i, r := range recs {
		if msg := partVerdict(sc[i], r, errClosed); msg != "" {
			return msg + "\n  schedule:" + sc.String(), i
		}
	}
	return "", -1
}

// partVerdict returns the first rule that one Executor's part s of a run broke, or "".
// The caller holds r.mu.
func partVerdict(s schedule, r *record, errClosed error) string {
	specs := specsOf(s)
	closeAt := s.closeAt
	checks := []func() string{
		func() string { return goroutineVerdict(r) },
		func() string {
			if r.overlap != "" {
				r.breaks(r.overlapRun.start, r.runLane(r.overlapRun), "two actions at once")
			}
			return r.overlap
		},
		func() string { return earlyVerdict(r) },
		func() string { return twiceVerdict(r) },
		func() string { return errorVerdict(r, errClosed) },
		func() string { return afterCloseVerdict(r, closeAt) },
		func() string { return waitVerdict(r) },
		func() string { return closeVerdict(r, specs, closeAt) },
		func() string {
			if r.leftover == "" {
				return ""
			}
			var end time.Duration
			for _, c := range r.closes {
				end = max(end, c.returned)
			}
			r.breaks(end, judgeLane, "goroutine leak")
			return "goroutine leak: Close returned, but goroutines of yours are still there; Close must wait until the executor's goroutine has exited:\n" + r.leftover
		},
		func() string { return stableVerdict(r) },
		func() string {
			want := model(r, specs, closeAt)
			if d := harness.Diff(starts(want), observed(r)); d != "" {
				return fmt.Sprintf("%s\n  timeline (-want +got):\n%s", explain(want, r, closeAt), d) // explain notes where it broke
			}
			return ""
		},
	}
	for _, c := range checks {
		if msg := c(); msg != "" {
			return msg
		}
	}
	return ""
}

// goroutineVerdict checks that every action ran on one goroutine, started by New.
func goroutineVerdict(r *record) string {
	var first *runRec
	for _, x := range r.runs {
		if !r.executor[x.goroutine] || (first != nil && x.goroutine != first.goroutine) {
			r.breaksRun(x, "wrong goroutine")
		}
		switch {
		case r.harness.has(x.goroutine):
			return fmt.Sprintf("wrong goroutine: action %s ran on the goroutine that called AddAction or Close (goroutine %s); actions must run on the executor's own goroutine, started by New", x.name, x.goroutine)
		case r.others[x.goroutine] > 0:
			return fmt.Sprintf("wrong goroutine: action %s ran on goroutine %s, which the New of Executor %d started; every Executor must run its actions on its own goroutine", x.name, x.goroutine, r.others[x.goroutine])
		case !r.executor[x.goroutine]:
			started := "New started none"
			if len(r.executor) > 0 {
				started = "New started goroutine " + strings.Join(keys(r.executor), ", ")
			}
			return fmt.Sprintf("wrong goroutine: action %s ran on goroutine %s, which New did not start (%s); actions must run one at a time on the executor's own goroutine, not on a goroutine per action", x.name, x.goroutine, started)
		case first == nil:
			first = x
		case x.goroutine != first.goroutine:
			return fmt.Sprintf("wrong goroutine: action %s ran on goroutine %s but %s ran on goroutine %s; every action must run on the executor's one goroutine", x.name, x.goroutine, first.name, first.goroutine)
		}
	}
	return ""
}

func earlyVerdict(r *record) string {
	for _, x := range r.runs {
		c := r.addCall(x.name)
		if c != nil && x.start < c.due() {
			r.breaksRun(x, fmt.Sprintf("early: due at %v", c.due()))
			return fmt.Sprintf("early: action %s ran at %v, before it was due at %v (added at %v by %s with after %v)", x.name, x.start, c.due(), c.at, c.from, c.after)
		}
	}
	return ""
}

func twiceVerdict(r *record) string {
	n := map[string]int{}
	for _, x := range r.runs {
		n[x.name]++
		if n[x.name] == 2 {
			r.breaksRun(x, "ran twice")
			return fmt.Sprintf("action ran twice: %s ran at %v and at %v; each action must run exactly once", x.name, r.runs[indexOf(r, x.name)].start, x.start)
		}
	}
	return ""
}

func indexOf(r *record, name string) int {
	for i, x := range r.runs {
		if x.name == name {
			return i
		}
	}
	return -1
}

// firstClose returns the harness counter when the first Close began and when the first
// Close returned.
func firstClose(r *record) (began, returned int64) {
	began, returned = 1<<62, 1<<62
	for _, c := range r.closes {
		began = min(began, c.seq0)
		if c.done {
			returned = min(returned, c.seq1)
		}
	}
	return began, returned
}

// errorVerdict checks what AddAction returned: nil before Close, ErrClosed after it
// returned, one of the two while it ran.
func errorVerdict(r *record, errClosed error) string {
	began, returned := firstClose(r)
	for _, c := range r.adds {
		if !c.done {
			continue
		}
		isClosed := errors.Is(c.err, errClosed)
		if (c.seq1 < began && c.err != nil) || (c.seq0 > returned && !isClosed) || (c.err != nil && !isClosed) {
			r.breaks(c.returned, r.lane(c.from), "wrong error")
		}
		switch {
		case c.seq1 < began && c.err != nil:
			return fmt.Sprintf("wrong error: AddAction(%v, %s) by %s at %v returned %q before Close was called; want nil", c.after, c.name, c.from, c.at, c.err)
		case c.seq0 > returned && !isClosed:
			return fmt.Sprintf("wrong error: AddAction(%v, %s) by %s at %v, after Close had returned, returned %v; want ErrClosed", c.after, c.name, c.from, c.at, c.err)
		case c.err != nil && !isClosed:
			return fmt.Sprintf("wrong error: AddAction(%v, %s) by %s at %v, while Close ran, returned %q; want nil or ErrClosed", c.after, c.name, c.from, c.at, c.err)
		}
	}
	for _, x := range r.runs {
		if c := r.addCall(x.name); c != nil && c.err != nil {
			r.breaksRun(x, "ran, AddAction failed")
			return fmt.Sprintf("action ran although AddAction failed: %s ran at %v although AddAction returned %q for it", x.name, x.start, c.err)
		}
	}
	return ""
}

// afterCloseVerdict checks that no action started after Close was called.
func afterCloseVerdict(r *record, closeAt time.Duration) string {
	_, returned := firstClose(r)
	for _, x := range r.runs {
		if x.start > closeAt || x.seq0 > returned {
			r.breaksRun(x, "started after Close")
		}
		switch {
		case x.start > closeAt:
			return fmt.Sprintf("started after Close: action %s started at %v, after Close was called at %v; no action may start after Close is called (pending actions are dropped)", x.name, x.start, closeAt)
		case x.seq0 > returned:
			return fmt.Sprintf("started after Close: action %s started after Close had returned; no action may start after Close is called (pending actions are dropped)", x.name)
		}
	}
	return ""
}

// waitVerdict checks that AddAction never took fake time.
func waitVerdict(r *record) string {
	for _, c := range r.adds {
		if c.done && c.returned != c.at {
			r.breaks(c.returned, r.lane(c.from), "AddAction waited")
			return fmt.Sprintf("AddAction waited: AddAction(%v, %s) by %s was called at %v and returned at %v, %v later; AddAction must never wait (for a running action, or anything else)", c.after, c.name, c.from, c.at, c.returned, c.returned-c.at)
		}
	}
	return ""
}

// closeVerdict checks that Close waited for the running action and no longer.
func closeVerdict(r *record, specs map[string]*spec, closeAt time.Duration) string {
	for _, c := range r.closes {
		for _, x := range r.runs {
			if x.seq0 < c.seq1 && (!x.ended || x.seq1 > c.seq1) {
				r.breaks(c.returned, r.lane(c.from), "returned too soon")
				return fmt.Sprintf("Close did not wait: Close (called at %v) returned at %v while action %s (started at %v) was still running; Close must wait for the running action to return", c.at, c.returned, x.name, x.start)
			}
		}
		// Close returns when the last action that started by then has returned.
		want := c.at
		for _, x := range r.runs {
			if x.seq0 < c.seq1 && x.ended {
				want = max(want, x.end)
			}
		}
		if c.returned > want {
			r.breaks(want, r.lane(c.from), "late")
			return fmt.Sprintf("late: Close (called at %v) returned at %v, but the executor was done at %v; Close must return as soon as the running action has returned and the executor's goroutine has exited", c.at, c.returned, want)
		}
	}
	return ""
}

// stableVerdict checks that actions due at the same instant ran in the order they were
// added, where one AddAction call returned before the other began.
func stableVerdict(r *record) string {
	pos := map[string]int{}
	for i, x := range r.runs {
		if _, ok := pos[x.name]; !ok {
			pos[x.name] = i
		}
	}
	for _, a := range r.adds {
		for _, b := range r.adds {
			if !a.done || !b.done || a.err != nil || b.err != nil || a.due() != b.due() || a.seq1 >= b.seq0 {
				continue
			}
			pa, ranA := pos[a.name]
			pb, ranB := pos[b.name]
			if ranB && (!ranA || pa > pb) {
				x := r.runs[pb]
				r.breaksRun(x, "wrong order")
				msg := fmt.Sprintf("wrong order: action %s ran before %s, both due at %v and %s was added first (at %v by %s; %s at %v by %s); actions due at the same instant must run in the order they were added",
					b.name, a.name, a.due(), a.name, a.at, a.from, b.name, b.at, b.from)
				if b.after < 0 {
					msg += fmt.Sprintf(" (%s was added with after %v; an action added with after <= 0 is due at the instant AddAction is called, not earlier)", b.name, b.after)
				}
				return msg
			}
		}
	}
	return ""
}

// stuckVerdict describes a run of sc that deadlocked or leaked. The caller holds the
// records' locks.
func stuckVerdict(sc scene, recs []*record, stuck *harness.Stuck) string {
	if stuck.Leak {
		if left := recs[0].leftover; left != "" {
			return "goroutine leak: Close returned, but goroutines of yours are still there; Close must wait until the executor's goroutine has exited:\n" + left + "\n  schedule:" + sc.String()
		}
		return fmt.Sprintf("goroutine leak: goroutines of yours were left blocked after Close returned\n  schedule:%s\n  your goroutines:\n%s", sc, stuck.Goroutines)
	}
	var hung []string
	for i, r := range recs {
		of := ""
		if len(recs) > 1 {
			of = fmt.Sprintf(" of Executor %d", i+1)
		}
		for _, c := range r.adds {
			if !c.done {
				hung = append(hung, fmt.Sprintf("AddAction(%v, %s)%s by %s (called at %v)", c.after, c.name, of, c.from, c.at))
			}
		}
		for _, c := range r.closes {
			if !c.done {
				hung = append(hung, fmt.Sprintf("Close%s (called at %v)", of, c.at))
			}
		}
		for _, x := range r.runs {
			if !x.ended {
				hung = append(hung, fmt.Sprintf("action %s%s (started at %v)", x.name, of, x.start))
			}
		}
	}
	what := "nothing of the harness's was waiting"
	if len(hung) > 0 {
		what = strings.Join(hung, ", ") + " never returned"
	}
	return fmt.Sprintf("deadlock: %s, and every goroutine is blocked\n  schedule:%s\n  your goroutines:\n%s", what, sc, stuck.Goroutines)
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
