package deferredcallbacktest

import (
	"fmt"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A spec is one action of a schedule: what it is called, the delay it is added with,
// and what its body does when it runs: it adds its children (from inside the action,
// in order, at the instant it starts), then sleeps in fake time, until sleep has passed
// or Close is called, whichever comes first. (Close may wait for a running action in
// sync.Mutex.Lock, which is correct, but stops fake time: so a running action never
// needs fake time to pass once Close has been called.)
type spec struct {
	name     string
	after    time.Duration
	sleep    time.Duration
	children []*spec
}

// A step is one AddAction call of an adder goroutine.
type step struct {
	wait   time.Duration // fake time the goroutine sleeps before the call
	settle bool          // wait until the executor is asleep (synctest.Wait) before the call
	act    *spec
}

// A schedule is what one Executor's part of a bubble plays: adder goroutines, each a
// list of steps started at instant 0, and Close called at closeAt by one goroutine, or
// by two at once.
type schedule struct {
	adders  [][]step
	closeAt time.Duration
	closers int
}

// A scene is what one bubble plays: one schedule per Executor, all at once, each
// Executor made by its own call of New. (At most one step of a scene may settle: two
// goroutines may not wait for the bubble at once.)
type scene []schedule

// seed is the README's example: A after 3 s, B after 2 s, C after 1 s, D after 7 s run
// as C, B, A, D at 1, 2, 3 and 7 s.
func seed() schedule {
	var steps []step
	for _, a := range []struct {
		name  string
		after time.Duration
	}{{"A", 3 * time.Second}, {"B", 2 * time.Second}, {"C", time.Second}, {"D", 7 * time.Second}} {
		steps = append(steps, step{act: &spec{name: a.name, after: a.after}})
	}
	return schedule{adders: [][]step{steps}, closeAt: 8 * time.Second, closers: 1}
}

// wakeup is the 30-minute action that is pending when a 5-minute one arrives, while the
// executor sleeps toward the 30-minute one: the 5-minute one must run at 5 minutes.
func wakeup() schedule {
	return schedule{adders: [][]step{{
		{act: &spec{name: "thirty", after: 30 * time.Minute}},
		{settle: true, act: &spec{name: "five", after: 5 * time.Minute}},
	}}, closeAt: 31 * time.Minute, closers: 1}
}

// independent is two Executors in use at once. Executor 1 runs A1 at 1 s, which sleeps
// until Executor 1 is closed at 2 s, and drops A2. Executor 2, closed at 5 s, runs B1 at
// 1 s (while A1 runs), B2 at 3 s, and B3, added at 2.5 s (after Executor 1 was closed),
// at 3.5 s.
func independent() scene {
	one := schedule{adders: [][]step{{
		{act: &spec{name: "A1", after: time.Second, sleep: 2 * time.Second}},
		{act: &spec{name: "A2", after: 3 * time.Second}},
	}}, closeAt: 2 * time.Second, closers: 1}
	two := schedule{adders: [][]step{{
		{act: &spec{name: "B1", after: time.Second}},
		{act: &spec{name: "B2", after: 3 * time.Second}},
		{wait: 2500 * time.Millisecond, act: &spec{name: "B3", after: time.Second}},
	}}, closeAt: 5 * time.Second, closers: 1}
	return scene{one, two}
}

// drawScene generates a scene: one Executor, or two in use at once, each with a
// schedule of its own.
func drawScene(rt *rapid.T) scene {
	sc := scene{draw(rt, 0)}
	if rapid.IntRange(1, 2).Draw(rt, "executors") == 2 {
		sc = append(sc, draw(rt, 1))
	}
	return sc
}

// draw generates the schedule of Executor e (0, 1): 1-4 goroutines adding up to 6
// actions each at instants in nanoseconds, with delays that are random, <= 0, or equal
// to an earlier action's due instant (ties); actions that add actions from inside and
// sleep; Close at a random instant, at a due instant, or after everything, by one
// goroutine or two at once. Executor 1's actions are a1, a2, ..., Executor 2's b1, ...
func draw(rt *rapid.T, e int) schedule {
	label := func(format string, args ...any) string {
		if e == 0 {
			return fmt.Sprintf(format, args...)
		}
		return fmt.Sprintf("executor %d %s", e+1, fmt.Sprintf(format, args...))
	}
	var s schedule
	s.closers = rapid.IntRange(1, 2).Draw(rt, label("closers"))
	var dues []time.Duration // due instants of the actions the goroutines add
	var last time.Duration   // the latest add instant
	n := 0
	goroutines := rapid.IntRange(1, 4).Draw(rt, label("goroutines"))
	for g := range goroutines {
		var steps []step
		at := time.Duration(0)
		for i := range rapid.IntRange(1, 6).Draw(rt, label("g%d adds", g+1)) {
			wait := time.Duration(0)
			if rapid.IntRange(0, 2).Draw(rt, label("g%d add %d waits", g+1, i+1)) > 0 {
				wait = time.Duration(rapid.Int64Range(1, 2e9).Draw(rt, label("g%d wait %d (ns)", g+1, i+1)))
			}
			at += wait
			last = max(last, at)
			n++
			sp := drawSpec(rt, fmt.Sprintf("%c%d", 'a'+e, n), at, dues, 0)
			dues = append(dues, at+max(sp.after, 0))
			steps = append(steps, step{wait: wait, act: sp})
		}
		s.adders = append(s.adders, steps)
	}
	switch rapid.IntRange(0, 3).Draw(rt, label("close kind")) {
	case 0: // after everything
		s.closeAt = horizon(s)
	case 1: // exactly when an action falls due
		s.closeAt = rapid.SampledFrom(dues).Draw(rt, label("close at a due instant"))
	default:
		s.closeAt = time.Duration(rapid.Int64Range(0, int64(last+3*time.Second)).Draw(rt, label("close at (ns)")))
	}
	return s
}

// drawSpec draws an action added at instant at (known for the adder goroutines; for
// children the instant depends on the run, and ties are drawn among siblings).
func drawSpec(rt *rapid.T, name string, at time.Duration, dues []time.Duration, depth int) *spec {
	sp := &spec{name: name, after: drawAfter(rt, name, at, dues)}
	if rapid.IntRange(0, 2).Draw(rt, name+" sleeps") == 0 {
		sp.sleep = time.Duration(rapid.Int64Range(1, 1.5e9).Draw(rt, name+" sleep (ns)"))
	}
	if depth < 2 {
		k := rapid.IntRange(0, 4-depth).Draw(rt, name+" adds from inside") - 2 // mostly none
		var siblings []time.Duration
		for i := range max(k, 0) {
			c := drawSpec(rt, fmt.Sprintf("%s.%d", name, i+1), -1, siblings, depth+1)
			siblings = append(siblings, max(c.after, 0))
			sp.children = append(sp.children, c)
		}
	}
	return sp
}

// drawAfter draws a delay: random nanoseconds, <= 0, or one that makes the action due
// at the same instant as an earlier one (ties). at < 0 means the add instant is not
// known; dues are then the siblings' delays.
func drawAfter(rt *rapid.T, name string, at time.Duration, dues []time.Duration) time.Duration {
	var ties []time.Duration
	for _, d := range dues {
		if at < 0 {
			ties = append(ties, d)
		} else if d >= at {
			ties = append(ties, d-at)
		}
	}
	switch k := rapid.IntRange(0, 9).Draw(rt, name+" after kind"); {
	case k < 2:
		return -time.Duration(rapid.Int64Range(0, 2e9).Draw(rt, name+" after <= 0 (ns)"))
	case k < 5 && len(ties) > 0:
		return rapid.SampledFrom(ties).Draw(rt, name+" after (same due as an earlier action)")
	default:
		return time.Duration(rapid.Int64Range(1, 3e9).Draw(rt, name+" after (ns)"))
	}
}

// horizon is an instant by which every action of s has run, were Close never called.
func horizon(s schedule) time.Duration {
	var last, total time.Duration
	var walk func(sp *spec)
	walk = func(sp *spec) {
		total += max(sp.after, 0) + sp.sleep
		for _, c := range sp.children {
			walk(c)
		}
	}
	for _, steps := range s.adders {
		at := time.Duration(0)
		for _, st := range steps {
			at += st.wait
			walk(st.act)
		}
		last = max(last, at)
	}
	return last + total + time.Second
}

func (s schedule) String() string {
	var b strings.Builder
	for g, steps := range s.adders {
		fmt.Fprintf(&b, "\n  goroutine %d:", g+1)
		at := time.Duration(0)
		for _, st := range steps {
			at += st.wait
			when := fmt.Sprintf("at %v", at)
			if st.settle {
				when += ", once the executor sleeps,"
			}
			fmt.Fprintf(&b, " %s AddAction(%v, %s);", when, st.act.after, st.act)
		}
	}
	who := "Close"
	if s.closers > 1 {
		who = fmt.Sprintf("Close from %d goroutines at once", s.closers)
	}
	fmt.Fprintf(&b, "\n  main: %s at %v, then Close again, then AddAction", who, s.closeAt)
	return b.String()
}

func (sc scene) String() string {
	if len(sc) == 1 {
		return sc[0].String()
	}
	var b strings.Builder
	for i, s := range sc {
		fmt.Fprintf(&b, "\n  Executor %d (its own New):%s", i+1, strings.ReplaceAll(s.String(), "\n  ", "\n    "))
	}
	return b.String()
}

func (sp *spec) String() string {
	var body []string
	for _, c := range sp.children {
		body = append(body, fmt.Sprintf("AddAction(%v, %s)", c.after, c))
	}
	if sp.sleep > 0 {
		body = append(body, fmt.Sprintf("sleep %v", sp.sleep))
	}
	if len(body) == 0 {
		return sp.name
	}
	return fmt.Sprintf("%s{%s}", sp.name, strings.Join(body, "; "))
}
