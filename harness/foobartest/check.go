// Package foobartest checks implementations of the foobar kata.
package foobartest

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
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
			if msg, _ := run(t, pkg, w, mk, schedule{pairs: []pair{{n: 0, sequential: true}}}); msg != "" {
				t.Fatal(msg)
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
	mu       sync.Mutex
	printed  []string
	returned map[string]int // "foo"/"bar" -> prints seen when the method returned; -1 while running
	inPrint  string         // the print callback running now, if any
	overlap  string         // a print that began while the other side's was still running
}

// print is the callback of a side. It yields while it runs, so that a side that hands
// over the turn before its print returns is caught overlapping the other side.
func (r *record) print(s string) {
	r.mu.Lock()
	if r.inPrint != "" && r.overlap == "" {
		r.overlap = fmt.Sprintf("print%s called while print%s was still running: a side must hand over the turn only after its print has returned", title(s), title(r.inPrint))
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
	return fmt.Sprintf("with %d FooBars in use at once, FooBar %d: %s; used alone it behaves, so separate FooBars must not share state", len(s.pairs), i+1, msg)
}

// run plays s in a bubble and returns the first rule broken, or "", and the index of
// the FooBar that broke it (-1 when it is not one FooBar's fault).
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
	stuck := harness.Bubble(t, pkg, func() {
		fbs := make([]FooBar, len(s.pairs))
		for i, p := range s.pairs {
			recs[i] = &record{returned: map[string]int{"foo": -1, "bar": -1}}
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", p.n), func() { fbs[i] = newFooBar(p.n) }); msg != "" {
				fail(msg)
				return
			}
		}
		start := time.Now()
		done := make(chan struct{}, 2*len(s.pairs))
		call := func(i int, side string) {
			rec, fb := recs[i], fbs[i]
			m, name := fb.Foo, "Foo"
			if side == "bar" {
				m, name = fb.Bar, "Bar"
			}
			if msg := harness.Call(pkg, name, func() { m(func() { rec.print(side) }) }); msg != "" {
				fail(msg)
			}
			w.Progress()
			rec.mu.Lock()
			rec.returned[side] = rec.count(side)
			rec.mu.Unlock()
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
		return failure, -1
	}
	if stuck != nil {
		return stuckVerdict(s, recs, stuck), -1
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
			return msg, i
		}
	}
	if elapsed != 0 {
		return fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a side must go on as soon as the other hands over the turn: block on a channel, sync.Cond or sync.Mutex, never sleep or poll", elapsed), -1
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
