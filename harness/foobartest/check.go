// Package foobartest checks implementations of the foobar kata.
package foobartest

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// FooBar is the API of the kata.
type FooBar interface {
	Foo(printFoo func())
	Bar(printBar func())
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// Check hammers newFooBar's FooBars, rule by rule: "zero", n = 0 returns at once;
// "negative", New(-1) panics; "waiting", real-time probes of how each side waits
// (spinning, sleep-polling); "schedules", generated schedules in synctest bubbles
// (alternation, counts, returns, deadlocks, leaks, sleeping, instances independent);
// "stress", real-time runs in which the harness adds no synchronization of its own, so
// that the race detector sees the learner's alone.
func Check[F FooBar](t *testing.T, newFooBar func(n int) F) {
	t.Helper()
	pkg := harness.PackageOf(newFooBar)
	w := harness.StartWatchdog(t, pkg)
	mk := func(n int) FooBar { return newFooBar(n) }
	harness.Rules(t,
		harness.Rule{Name: "zero", Check: func(t *testing.T) {
			w.Notef("New(0); one goroutine calls Foo, then Bar")
			if msg, _ := run(t, pkg, w, mk, zero()); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "negative", Check: func(t *testing.T) { negative(t, pkg, mk) }},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg := judge(t, pkg, w, mk, s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
	)
}

func negative(t *testing.T, pkg string, newFooBar func(int) FooBar) {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		newFooBar(-1)
	}()
	if kata, ok := harness.NotImplemented(got); ok {
		t.Fatal(harness.StubVerdict(kata))
	}
	const want = "foobar: negative n"
	switch {
	case got == nil:
		t.Fatalf("New(-1) returned; want a panic %q", want)
	case !strings.HasPrefix(fmt.Sprint(got), want):
		t.Fatalf("New(-1) panicked with %q; want %q", fmt.Sprint(got), want)
	}
}

// A schedule lists the FooBars in use at once and how their goroutines start.
type schedule struct {
	pairs []pair
}

type pair struct {
	n          int
	barFirst   bool // the Bar goroutine starts before the Foo goroutine
	yields     int  // runtime.Gosched calls between the two starts
	sequential bool // n = 0 only: one goroutine calls Foo, then Bar
}

// zero is the schedule of the rule "zero".
func zero() schedule { return schedule{pairs: []pair{{n: 0, sequential: true}}} }

// lanes names the goroutines of pair i in the timeline: the Foo and Bar goroutines (one
// goroutine when sequential), with their FooBar when there are several.
func (s schedule) lanes(i int) (foo, bar string) {
	foo, bar = "Foo goroutine", "Bar goroutine"
	if s.pairs[i].sequential {
		foo, bar = "goroutine", "goroutine"
	}
	if len(s.pairs) > 1 {
		foo += fmt.Sprintf(" (FooBar %d)", i+1)
		bar += fmt.Sprintf(" (FooBar %d)", i+1)
	}
	return foo, bar
}

func draw(rt *rapid.T) schedule {
	var s schedule
	count := rapid.IntRange(1, 3).Draw(rt, "foobars")
	for i := range count {
		s.pairs = append(s.pairs, pair{
			n:        rapid.IntRange(0, 12).Draw(rt, fmt.Sprintf("foobar%d n", i+1)),
			barFirst: rapid.Bool().Draw(rt, fmt.Sprintf("foobar%d bar starts first", i+1)),
			yields:   rapid.IntRange(0, 3).Draw(rt, fmt.Sprintf("foobar%d yields", i+1)),
		})
	}
	return s
}

func (s schedule) String() string {
	var parts []string
	for _, p := range s.pairs {
		switch {
		case p.sequential:
			parts = append(parts, fmt.Sprintf("New(%d), one goroutine calls Foo then Bar", p.n))
		case p.barFirst:
			parts = append(parts, fmt.Sprintf("New(%d), the Bar goroutine starts first", p.n))
		default:
			parts = append(parts, fmt.Sprintf("New(%d), the Foo goroutine starts first", p.n))
		}
	}
	return strings.Join(parts, "; ")
}

// record is what happened to one FooBar.
type record struct {
	n        int
	tl       *timeline.Timeline // the run's timeline
	broke    *atomic.Bool       // the run's timeline marks where a rule broke
	mu       sync.Mutex
	printed  []string
	returned map[string]int // "foo"/"bar" -> prints seen when the method returned; -1 while running
	inPrint  string         // the print callback running now, if any
	overlap  string         // a print that began while the other side's was still running
}

// print is the callback of a side, called by the goroutine of lane. It yields while it
// runs, so that a side that hands over the turn before its print returns is caught
// overlapping the other side.
func (r *record) print(s, lane string) {
	r.mu.Lock()
	r.tl.Mark(lane, "printed "+s)
	if r.inPrint != "" && r.overlap == "" {
		r.overlap = fmt.Sprintf("print%s called while print%s was still running: a side must hand over the turn only after its print has returned", title(s), title(r.inPrint))
		r.brokeAt(lane, s+" while "+r.inPrint+" runs")
	}
	switch i := len(r.printed); {
	case i >= 2*r.n:
		r.brokeAt(lane, "one "+s+" too many")
	case i == 0 && s == "bar":
		r.brokeAt(lane, "bar printed first")
	case i > 0 && r.printed[i-1] == s:
		r.brokeAt(lane, s+" twice in a row")
	}
	r.inPrint = s
	r.printed = append(r.printed, s)
	r.mu.Unlock()
	runtime.Gosched()
	r.mu.Lock()
	if r.inPrint == s {
		r.inPrint = ""
	}
	r.mu.Unlock()
}

// brokeAt marks where the first rule of the run broke, once.
func (r *record) brokeAt(lane, label string) {
	if r.broke != nil && r.broke.CompareAndSwap(false, true) {
		r.tl.Broke(lane, label)
	}
}

func (r *record) count(s string) int {
	n := 0
	for _, p := range r.printed {
		if p == s {
			n++
		}
	}
	return n
}

// judge plays s and returns the first rule broken, or "". When one of several FooBars in
// use at once misbehaves, it replays that FooBar's part alone: a failure alone is
// reported as such; a failure only in company means the FooBars share state.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newFooBar func(int) FooBar, s schedule) string {
	msg, i := run(t, pkg, w, newFooBar, s)
	if msg == "" || i < 0 || len(s.pairs) == 1 {
		return msg
	}
	alone := schedule{pairs: []pair{s.pairs[i]}}
	for range 10 {
		if m, _ := run(t, pkg, w, newFooBar, alone); m != "" {
			return m
		}
	}
	// The verdict of the first run, with its timeline.
	text, rec := timeline.Split(msg)
	return rec.Attach(fmt.Sprintf("with %d FooBars in use at once, FooBar %d: %s; used alone it behaves, so separate FooBars must not share state", len(s.pairs), i+1, text))
}

// run plays s in a bubble and returns the first rule broken, or "", and the index of
// the FooBar that broke it (-1 when it is not one FooBar's fault). The verdict carries
// the run's timeline: a lane per goroutine, its calls and prints, and where the rule
// broke.
func run(t *testing.T, pkg string, w *harness.Watchdog, newFooBar func(int) FooBar, s schedule) (string, int) {
	recs := make([]*record, len(s.pairs))
	var mu sync.Mutex
	var failure string
	fail := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		if failure == "" {
			failure = msg
		}
	}
	var elapsed time.Duration
	var tl *timeline.Timeline
	broke := new(atomic.Bool)
	lanes := make([][2]string, len(s.pairs)) // the Foo and Bar lanes of each pair
	for i := range s.pairs {
		lanes[i][0], lanes[i][1] = s.lanes(i)
	}
	stuck := harness.Bubble(t, pkg, func() {
		tl = timeline.New()
		w.Record(tl)
		for _, l := range lanes {
			tl.Lanes(l[0], l[1])
		}
		fbs := make([]FooBar, len(s.pairs))
		for i, p := range s.pairs {
			recs[i] = &record{n: p.n, tl: tl, broke: broke, returned: map[string]int{"foo": -1, "bar": -1}}
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", p.n), func() { fbs[i] = newFooBar(p.n) }); msg != "" {
				fail(msg)
				tl.Broke("judge", "New panicked")
				return
			}
		}
		start := time.Now()
		done := make(chan struct{}, 2*len(s.pairs))
		call := func(i int, side string) {
			rec, fb := recs[i], fbs[i]
			m, name, lane := fb.Foo, "Foo", lanes[i][0]
			if side == "bar" {
				m, name, lane = fb.Bar, "Bar", lanes[i][1]
			}
			sp := tl.Begin(lane, timeline.Call, name)
			msg := harness.Call(pkg, name, func() { m(func() { rec.print(side, lane) }) })
			w.Progress()
			rec.mu.Lock()
			n := rec.count(side)
			rec.returned[side] = n
			rec.mu.Unlock()
			switch {
			case msg != "":
				sp.End("panicked")
				rec.brokeAt(lane, name+" panicked")
				fail(msg)
			case n != rec.n:
				sp.End(fmt.Sprintf("returned after %d", n))
				rec.brokeAt(lane, fmt.Sprintf("%d prints, want %d", n, rec.n))
			default:
				sp.End("returned")
			}
		}
		for i, p := range s.pairs {
			if p.sequential {
				go func() {
					defer func() { done <- struct{}{}; done <- struct{}{} }()
					call(i, "foo")
					call(i, "bar")
				}()
				continue
			}
			sides := []string{"foo", "bar"}
			if p.barFirst {
				sides = []string{"bar", "foo"}
			}
			for _, side := range sides {
				go func() {
					defer func() { done <- struct{}{} }()
					call(i, side)
				}()
				for range p.yields {
					runtime.Gosched()
				}
			}
		}
		for range 2 * len(s.pairs) {
			<-done
		}
		elapsed = time.Since(start)
	})
	mu.Lock()
	defer mu.Unlock()
	if failure != "" {
		return tl.Attach(failure), -1
	}
	if stuck != nil {
		// Recorded after the bubble: at the last moment of the run.
		if stuck.Leak {
			tl.Broke("judge", "goroutines left blocked")
		} else {
			tl.Broke("judge", "deadlock")
		}
		return tl.Attach(stuckVerdict(s, recs, stuck)), -1
	}
	for i, rec := range recs {
		msg := alternation(rec.printed, s.pairs[i].n)
		if msg == "" {
			msg = rec.overlap
		}
		if msg == "" {
			for _, side := range []string{"foo", "bar"} {
				if got := rec.returned[side]; got != s.pairs[i].n {
					msg = fmt.Sprintf("%s returned after %d calls of print%s, want %d", title(side), got, title(side), s.pairs[i].n)
					break
				}
			}
		}
		if msg != "" {
			if !broke.Load() {
				rule, _, _ := strings.Cut(msg, ":")
				tl.Broke("judge", rule)
			}
			return tl.Attach(msg), i
		}
	}
	if elapsed != 0 {
		tl.Broke("judge", fmt.Sprintf("%v of fake time passed", elapsed))
		return tl.Attach(fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a side must go on as soon as the other hands over the turn: block on a channel, sync.Cond or sync.Mutex, never sleep or poll", elapsed)), -1
	}
	return "", -1
}

// alternation checks the whole sequence of prints of one FooBar.
func alternation(got []string, n int) string {
	want := make([]string, 0, 2*n)
	for range n {
		want = append(want, "foo", "bar")
	}
	for i := range got {
		switch {
		case i >= len(want):
			return fmt.Sprintf("too many calls: print%s called after all %d rounds: got %s, want %s", title(got[i]), n, show(got, i), show(want, i))
		case got[i] != want[i] && i == 0:
			return fmt.Sprintf("foo and bar do not alternate: bar printed first: got %s, want %s", show(got, i), show(want, i))
		case got[i] != want[i]:
			return fmt.Sprintf("foo and bar do not alternate: %s printed twice in a row (calls %d and %d): got %s, want %s", got[i], i, i+1, show(got, i), show(want, i))
		}
	}
	if len(got) < len(want) {
		return fmt.Sprintf("too few calls: got %d prints, want %d: got %s, want %s", len(got), len(want), show(got, len(got)), show(want, len(got)))
	}
	return ""
}

// show prints a sequence, eliding what is far from index i.
func show(xs []string, i int) string {
	lo, hi := max(0, i-5), min(len(xs), i+4)
	s := strings.Join(xs[lo:hi], " ")
	if lo > 0 {
		s = "... " + s
	}
	if hi < len(xs) {
		s += " ..."
	}
	return "[" + s + "]"
}

func stuckVerdict(s schedule, recs []*record, stuck *harness.Stuck) string {
	if stuck.Leak {
		return fmt.Sprintf("goroutine leak: Foo and Bar returned but goroutines of yours were left blocked; a FooBar must not leave goroutines behind\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines)
	}
	var hung []string
	for i, rec := range recs {
		rec.mu.Lock()
		for _, side := range []string{"foo", "bar"} {
			if rec.returned[side] < 0 {
				name := title(side)
				if len(recs) > 1 {
					name = fmt.Sprintf("%s (FooBar %d)", name, i+1)
				}
				hung = append(hung, name)
			}
		}
		rec.mu.Unlock()
	}
	printed := ""
	if len(recs) == 1 {
		printed = fmt.Sprintf("\n  printed so far: %s", show(recs[0].printed, len(recs[0].printed)))
	}
	return fmt.Sprintf("deadlock: %s never returned and every goroutine is blocked%s\n  schedule: %s\n  your goroutines:\n%s", strings.Join(hung, ", "), printed, s, stuck.Goroutines)
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
