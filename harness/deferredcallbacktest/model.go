package deferredcallbacktest

import (
	"fmt"
	"slices"
	"time"
)

// A planned action is one the sequential model runs.
type planned struct {
	name       string
	add, due   time.Duration
	start, end time.Duration
	after      time.Duration
	from       string
}

// model plays the accepted actions of a run (those whose AddAction returned nil) on a
// sequential executor and returns the actions it must start, in order, with their
// instants.
//
// The executor is free at 0. When it is free at f, the next start is at
// s = max(f, earliest due instant); of the actions due at s, the one with the earliest
// due instant starts, then the one added first; it is busy until s + its sleep (or
// closeAt, when its sleep ends early), and the actions it adds are added at s. Close is
// called at closeAt: every action the model
// starts before closeAt must start; of those it starts exactly at closeAt (a race with
// Close) a prefix may start; none after.
//
// Whether two actions due at the same instant, added by concurrent AddAction calls,
// were "added first" is not defined; the model takes the order the executor chose (and
// stableVerdict checks calls that did not overlap).
func model(r *record, specs map[string]*spec, closeAt time.Duration) []planned {
	rank := map[string]int{}
	for i, x := range r.runs {
		if _, ok := rank[x.name]; !ok {
			rank[x.name] = i
		}
	}
	key := func(c *addCall) int64 {
		if i, ok := rank[c.name]; ok {
			return int64(i)
		}
		return 1<<40 + c.seq0
	}
	type cand struct {
		p   planned
		key int64
	}
	var pending []cand
	accept := func(c *addCall, at time.Duration) {
		if c == nil || !c.done || c.err != nil {
			return
		}
		p := planned{name: c.name, add: at, due: at + max(c.after, 0), after: c.after, from: c.from}
		pending = append(pending, cand{p, key(c)})
	}
	for _, c := range r.adds {
		if _, ok := specs[c.name]; ok && !isChild(c) {
			accept(c, c.at)
		}
	}
	var out []planned
	free := time.Duration(0)
	for len(pending) > 0 {
		next := 0
		for i, c := range pending {
			if c.p.due < pending[next].p.due {
				next = i
			}
		}
		s := max(free, pending[next].p.due)
		if s > closeAt {
			break
		}
		for i, c := range pending {
			b := pending[next]
			if c.p.due <= s && (c.p.due < b.p.due || c.p.due == b.p.due && c.key < b.key) {
				next = i
			}
		}
		p := pending[next].p
		pending = slices.Delete(pending, next, next+1)
		sp := specs[p.name]
		p.start, p.end = s, min(s+sp.sleep, closeAt) // a sleeping action returns when Close is called
		out = append(out, p)
		if r.ran(p.name) {
			for _, c := range sp.children {
				accept(r.addCall(c.name), s)
			}
		}
		free = p.end
	}

	// Keep what must start, and the prefix of the actions at closeAt that did start.
	var want []planned
	for _, p := range out {
		if p.start < closeAt {
			want = append(want, p)
		}
	}
	var atClose []planned
	started := 0
	for _, p := range out {
		if p.start == closeAt {
			atClose = append(atClose, p)
			if r.ran(p.name) {
				started++
			}
		}
	}
	return append(want, atClose[:started]...)
}

func isChild(c *addCall) bool { return len(c.from) > 7 && c.from[:7] == "action " }

// specsOf indexes the actions of s by name.
func specsOf(s schedule) map[string]*spec {
	m := map[string]*spec{}
	var walk func(sp *spec)
	walk = func(sp *spec) {
		m[sp.name] = sp
		for _, c := range sp.children {
			walk(c)
		}
	}
	for _, steps := range s.adders {
		for _, st := range steps {
			walk(st.act)
		}
	}
	return m
}

// starts lists which action starts when, one line each: "a3 at 1.5s".
func starts(ps []planned) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s at %v", p.name, p.start))
	}
	return out
}

// observed is the timeline of a run.
func observed(r *record) []string {
	out := []string{}
	for _, x := range r.runs {
		out = append(out, fmt.Sprintf("%s at %v", x.name, x.start))
	}
	return out
}

// explain says, for a learner, where the observed timeline first leaves the model's.
func explain(want []planned, r *record, closeAt time.Duration) string {
	got := r.runs
	byName := map[string]planned{}
	for _, p := range want {
		byName[p.name] = p
	}
	for i := 0; ; i++ {
		switch {
		case i >= len(want) && i >= len(got):
			return "the timeline differs from the model's"
		case i >= len(got):
			p := want[i]
			r.breaks(closeAt, r.prefix+"executor", "missing "+p.name)
			return fmt.Sprintf("missing action: action %s never ran: %s, and Close was called at %v", p.name, describe(p), closeAt)
		case i >= len(want):
			x := got[i]
			r.breaksRun(x, "unexpected")
			return fmt.Sprintf("unexpected action: action %s started at %v although it should not have started before Close (called at %v)", x.name, x.start, closeAt)
		}
		p, x := want[i], got[i]
		if p.name != x.name {
			q, ok := byName[x.name]
			if !ok {
				r.breaksRun(x, "unexpected")
				return fmt.Sprintf("unexpected action: action %s started at %v although it should not have started before Close (called at %v)", x.name, x.start, closeAt)
			}
			if !slices.ContainsFunc(got, func(y *runRec) bool { return y.name == p.name }) {
				r.breaks(closeAt, r.prefix+"executor", "missing "+p.name)
				return fmt.Sprintf("missing action: action %s never ran: %s, and Close was called at %v", p.name, describe(p), closeAt)
			}
			r.breaksRun(x, "wrong order")
			msg := fmt.Sprintf("wrong order: action %s ran before %s, %s due at %v, %s due at %v", x.name, p.name, p.name, p.due, x.name, q.due)
			if q.after < 0 {
				msg += fmt.Sprintf(" (%s was added at %v with after %v; an action added with after <= 0 is due at the instant AddAction is called, not earlier)", x.name, q.add, q.after)
			}
			return msg
		}
		if x.start != p.start {
			word := "late"
			if x.start < p.start {
				word = "early"
			}
			r.breaks(min(x.start, p.start), r.runLane(x), fmt.Sprintf("%s: want %v", word, p.start))
			msg := fmt.Sprintf("%s: action %s ran at %v, want %v: %s", word, x.name, x.start, p.start, describe(p))
			if p.start > p.due {
				msg += fmt.Sprintf("; the action before it returned at %v", p.start)
			}
			return msg
		}
	}
}

func describe(p planned) string {
	return fmt.Sprintf("added at %v by %s with after %v, it was due at %v", p.add, p.from, p.after, p.due)
}
