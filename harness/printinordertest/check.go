// Package printinordertest checks implementations of the printinorder kata.
package printinordertest

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// Foo is the API of the kata.
type Foo interface {
	First(printFirst func())
	Second(printSecond func())
	Third(printThird func())
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

var steps = [3]string{"First", "Second", "Third"}

// Check hammers newFoo's Foos, rule by rule: "sequential", one goroutine calls the three
// methods in turn; "waiting", real-time probes of how a method waits (spinning,
// sleep-polling); "schedules", generated schedules of goroutines in synctest bubbles
// (order, exactly once, print before return, deadlocks, leaks, sleeping); "stress",
// real-time runs in which the harness adds no synchronization of its own, so that the
// race detector sees the learner's alone.
func Check[F Foo](t *testing.T, newFoo func() F) {
	t.Helper()
	pkg := harness.PackageOf(newFoo)
	w := harness.StartWatchdog(t, pkg)
	mk := func() Foo { return newFoo() }

	harness.Rules(t,
		harness.Rule{Name: "sequential", Check: func(t *testing.T) {
			w.Notef("one goroutine calls First, Second and Third in turn")
			if msg, _ := run(t, pkg, w, mk, inTurn()); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
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

// A schedule says which Foos are used, how many steps each gets, and which goroutine
// calls what, in which order the goroutines start.
type schedule struct {
	steps      []int     // per Foo: 1 (First), 2 (First, Second) or 3
	goroutines []routine // in start order
}

type routine struct {
	foo    int
	steps  []int // indexes into steps, increasing
	yields int   // runtime.Gosched calls before the next goroutine starts
}

func inTurn() schedule {
	return schedule{steps: []int{3}, goroutines: []routine{{foo: 0, steps: []int{0, 1, 2}}}}
}

func draw(rt *rapid.T) schedule {
	var s schedule
	var rs []routine
	foos := rapid.IntRange(1, 3).Draw(rt, "foos")
	for i := range foos {
		n := rapid.SampledFrom([]int{3, 2, 1}).Draw(rt, fmt.Sprintf("foo%d steps", i+1))
		s.steps = append(s.steps, n)
		var mine []routine
		for step := range n {
			g := rapid.IntRange(0, step).Draw(rt, fmt.Sprintf("foo%d %s goroutine", i+1, steps[step]))
			for len(mine) <= g {
				mine = append(mine, routine{foo: i})
			}
			mine[g].steps = append(mine[g].steps, step)
		}
		for _, r := range mine {
			if len(r.steps) > 0 {
				rs = append(rs, r)
			}
		}
	}
	order := rapid.Permutation(indexes(len(rs))).Draw(rt, "start order")
	for _, i := range order {
		r := rs[i]
		r.yields = rapid.IntRange(0, 3).Draw(rt, "yields")
		s.goroutines = append(s.goroutines, r)
	}
	return s
}

func indexes(n int) []int {
	ix := make([]int, n)
	for i := range ix {
		ix[i] = i
	}
	return ix
}

func (s schedule) String() string {
	var parts []string
	for _, r := range s.goroutines {
		var calls []string
		for _, st := range r.steps {
			calls = append(calls, steps[st])
		}
		who := "a goroutine calls "
		if len(calls) > 1 {
			who = "one goroutine calls "
		}
		foo := ""
		if len(s.steps) > 1 {
			foo = fmt.Sprintf("foo %d: ", r.foo+1)
		}
		parts = append(parts, foo+who+strings.Join(calls, ", "))
	}
	return strings.Join(parts, "; then ")
}

// record is what happened to one Foo.
type record struct {
	tl       *timeline.Timeline // the run's timeline
	broke    *atomic.Bool       // the run's timeline marks where a rule broke
	mu       sync.Mutex
	printed  []string
	returned [3]bool // the method returned
	started  [3]bool // the method was called
	inPrint  [3]int  // print callbacks of each step running now
	overlap  string  // a print that began while an earlier one was still running
}

// print is the callback of a step, called by the goroutine of lane. It yields while it
// runs, so that a step that does not wait for the previous print to return is caught
// overlapping it.
func (r *record) print(step int, lane string) {
	r.mu.Lock()
	name := strings.ToLower(steps[step])
	r.tl.Mark(lane, "printed "+name)
	for prev := range step {
		if r.inPrint[prev] > 0 && r.overlap == "" {
			r.overlap = fmt.Sprintf("print%s called while print%s was still running: %s must wait until print%s has returned", steps[step], steps[prev], steps[step], steps[prev])
			r.brokeAt(lane, name+" while "+strings.ToLower(steps[prev])+" runs")
		}
		if !slices.Contains(r.printed, strings.ToLower(steps[prev])) {
			r.brokeAt(lane, name+" before "+strings.ToLower(steps[prev]))
		}
	}
	if slices.Contains(r.printed, name) {
		r.brokeAt(lane, name+" printed twice")
	}
	r.inPrint[step]++
	r.printed = append(r.printed, name)
	r.mu.Unlock()
	runtime.Gosched()
	r.mu.Lock()
	r.inPrint[step]--
	r.mu.Unlock()
}

// brokeAt marks where the first rule of the run broke, once.
func (r *record) brokeAt(lane, label string) {
	if r.broke != nil && r.broke.CompareAndSwap(false, true) {
		r.tl.Broke(lane, label)
	}
}

// lanes names the goroutines of s in the timeline: in start order, with their Foo when
// there are several.
func (s schedule) lanes() []string {
	names := make([]string, len(s.goroutines))
	for i, r := range s.goroutines {
		names[i] = fmt.Sprintf("goroutine %d", i+1)
		if len(s.steps) > 1 {
			names[i] += fmt.Sprintf(" (Foo %d)", r.foo+1)
		}
	}
	return names
}

// judge plays s and returns the first rule broken, or "". When one of several Foos in
// use at once misbehaves, it replays that Foo's part alone: a failure alone is reported
// as such; a failure only in company means the Foos share state.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newFoo func() Foo, s schedule) string {
	msg, i := run(t, pkg, w, newFoo, s)
	if msg == "" || i < 0 || len(s.steps) == 1 {
		return msg
	}
	alone := schedule{steps: []int{s.steps[i]}}
	for _, r := range s.goroutines {
		if r.foo == i {
			r.foo = 0
			alone.goroutines = append(alone.goroutines, r)
		}
	}
	for range 10 {
		if m, _ := run(t, pkg, w, newFoo, alone); m != "" {
			return m
		}
	}
	// The verdict of the first run, with its timeline.
	text, rec := timeline.Split(msg)
	shared := fmt.Sprintf("with %d Foos in use at once, Foo %d: %s; used alone it behaves, so separate Foos must not share state", len(s.steps), i+1, text)
	if rec == nil {
		return shared
	}
	return rec.Attach(shared)
}

// run plays s in a bubble and returns the first rule broken, or "", and the index of the
// Foo that broke it (-1 when it is not one Foo's fault). The verdict carries the run's
// timeline: a lane per goroutine, its calls and prints, and where the rule broke.
func run(t *testing.T, pkg string, w *harness.Watchdog, newFoo func() Foo, s schedule) (string, int) {
	recs := make([]*record, len(s.steps))
	var panicMsg string
	var elapsed time.Duration
	var mu sync.Mutex
	var tl *timeline.Timeline
	broke := new(atomic.Bool)
	lanes := s.lanes()
	stuck := harness.Bubble(t, pkg, func() {
		tl = timeline.New()
		w.Record(tl)
		tl.Lanes(lanes...)
		foos := make([]Foo, len(s.steps))
		for i := range foos {
			recs[i] = &record{tl: tl, broke: broke}
			if msg := harness.Call(pkg, "New", func() { foos[i] = newFoo() }); msg != "" {
				panicMsg = msg
				tl.Broke("judge", "New panicked")
				return
			}
		}
		start := time.Now()
		done := make(chan struct{}, len(s.goroutines))
		for g, r := range s.goroutines {
			lane := lanes[g]
			go func() {
				defer func() { done <- struct{}{} }()
				rec, foo := recs[r.foo], foos[r.foo]
				for _, st := range r.steps {
					rec.mu.Lock()
					rec.started[st] = true
					rec.mu.Unlock()
					sp := tl.Begin(lane, timeline.Call, steps[st])
					msg := harness.Call(pkg, steps[st], func() { method(foo, st)(func() { rec.print(st, lane) }) })
					w.Progress()
					rec.mu.Lock()
					rec.returned[st] = true
					printed := len(rec.printed)
					rec.mu.Unlock()
					switch {
					case msg != "":
						sp.End("panicked")
						rec.brokeAt(lane, steps[st]+" panicked")
					case printed == 0:
						sp.End("returned")
						msg = fmt.Sprintf("%s returned before calling print%s", steps[st], steps[st])
						rec.brokeAt(lane, "returned before printing")
					default:
						sp.End("returned")
					}
					if msg != "" {
						mu.Lock()
						if panicMsg == "" {
							panicMsg = msg
						}
						mu.Unlock()
						return
					}
				}
			}()
			for range r.yields {
				runtime.Gosched()
			}
		}
		for range s.goroutines {
			<-done
		}
		elapsed = time.Since(start)
	})
	mu.Lock()
	defer mu.Unlock()
	if panicMsg != "" {
		return tl.Attach(panicMsg), -1
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
		if msg := orderVerdict(rec.printed, s.steps[i]); msg != "" {
			if !broke.Load() {
				rule, _, _ := strings.Cut(msg, ":")
				tl.Broke("judge", rule)
			}
			return tl.Attach(msg), i
		}
		if rec.overlap != "" {
			return tl.Attach(rec.overlap), i
		}
	}
	if elapsed != 0 {
		tl.Broke("judge", fmt.Sprintf("%v of fake time passed", elapsed))
		return tl.Attach(fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a method must go on as soon as the step before it is done: block on a channel, sync.Cond, sync.Mutex or sync.WaitGroup, never sleep or poll", elapsed)), -1
	}
	return "", -1
}

func method(f Foo, step int) func(func()) {
	switch step {
	case 0:
		return f.First
	case 1:
		return f.Second
	}
	return f.Third
}

func orderVerdict(got []string, n int) string {
	want := []string{"first", "second", "third"}[:n]
	count := map[string]int{}
	for _, p := range got {
		count[p]++
	}
	for _, p := range want {
		if count[p] > 1 {
			name := steps[indexOf(want, p)]
			return fmt.Sprintf("print%s called %d times, want once: got %v, want %v", name, count[p], got, want)
		}
	}
	for i := range want {
		if i >= len(got) {
			return fmt.Sprintf("print%s never called: got %v, want %v", steps[i], got, want)
		}
		if got[i] != want[i] {
			return fmt.Sprintf("%s printed before %s: got %v, want %v", title(got[i]), steps[i], got, want)
		}
	}
	if len(got) > len(want) {
		return fmt.Sprintf("%s printed although %s was never called: got %v, want %v", title(got[len(want)]), title(got[len(want)]), got, want)
	}
	return ""
}

func stuckVerdict(s schedule, recs []*record, stuck *harness.Stuck) string {
	if stuck.Leak {
		return fmt.Sprintf("goroutine leak: every call returned but goroutines of yours were left blocked; a Foo must not leave goroutines behind\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines)
	}
	var hung []string
	for i, rec := range recs {
		rec.mu.Lock()
		for st := range s.steps[i] {
			if rec.started[st] && !rec.returned[st] {
				name := steps[st]
				if len(recs) > 1 {
					name = fmt.Sprintf("%s (Foo %d)", name, i+1)
				}
				hung = append(hung, name)
			}
		}
		rec.mu.Unlock()
	}
	return fmt.Sprintf("deadlock: %s never returned and every goroutine is blocked (a method waits only for the steps before it)\n  schedule: %s\n  your goroutines:\n%s", strings.Join(hung, ", "), s, stuck.Goroutines)
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}
