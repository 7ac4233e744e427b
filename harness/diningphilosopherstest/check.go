// Package diningphilosopherstest checks implementations of the diningphilosophers kata.
package diningphilosopherstest

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
)

// Table is the API of the kata.
type Table interface {
	WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func())
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// MinimizeLimit is how long, in real time, the schedules rule goes on running schedules
// after the first failure, to minimize it.
const MinimizeLimit = judgeclock.MinimizeLimit

// Check judges newTable's Tables, rule by rule: "misuse", a bad philosopher panics;
// "waiting", real-time probes of how a philosopher waits for a fork (spinning,
// sleep-polling); "classic", fixed schedules: all five philosophers pick up their first
// fork at once (the classic deadlock), and two philosophers who share no fork eat at
// once; "schedules", generated schedules on the sim's clock (arrivals and meals to the
// nanosecond, overlapping calls of one philosopher, yielding callbacks): forks held by one
// philosopher at a time, eating with both, each callback once, no philosopher waiting
// while its forks are free, no deadlock, no goroutine left; "stress", real-time runs in
// which the harness adds no synchronization of its own, so that the race detector sees
// the learner's alone.
func Check[T Table](t *testing.T, newTable func() T) {
	t.Helper()
	pkg := harness.PackageOf(newTable)
	w := harness.StartWatchdog(t, pkg)
	mk := func() Table { return newTable() }
	leftovers := judgeclock.Leftovers{}
	judgeclock.Judge(t, w, judgeclock.Rules[plan]{
		Misuse:     func(t *testing.T) { misuse(t, pkg, w, mk) },
		Waiting:    func(t *testing.T) { probe(t, pkg, w, mk, leftovers) },
		Fixed:      "classic",
		FixedPlans: classics,
		Schedules:  Schedules,
		Draw:       drawPlan,
		Stress:     func(t *testing.T) { stress(t, pkg, w, mk) },
		Play: func(t *testing.T, p plan) (string, *judgeclock.Recorder) {
			s := &sim{pkg: pkg, w: w, leftovers: leftovers, newTable: mk, plan: p}
			return s.run(), s.tl
		},
	})
}

// classics are the fixed schedules of the rule "classic".
func classics() []plan {
	const meal = 1_000_000_007 * time.Nanosecond
	all := plan{hold: true}
	for p := range Philosophers {
		all.calls = append(all.calls, planned{phil: p, eat: meal})
	}
	return []plan{
		// Two philosophers who share no fork eat at the same time.
		{calls: []planned{{phil: 0, eat: meal}, {phil: 2, eat: meal / 3}}},
		{calls: []planned{{phil: 1, eat: meal}, {phil: 4, at: meal / 7, eat: meal / 3}, {phil: 3, at: meal / 2, eat: meal}}},
		// A philosopher waits for each neighbour in turn, and eats as soon as both are done.
		{calls: []planned{{phil: 1, eat: meal}, {phil: 3, eat: meal / 2}, {phil: 2, at: meal / 3, eat: meal / 3}}},
		// Everybody picks up a first fork before anybody picks up a second.
		all,
	}
}

// drawPlan draws a schedule: arrivals often at the same instant or at the end of a meal,
// meals of non-round lengths.
func drawPlan(rt *rapid.T) plan {
	meals := []time.Duration{0, 1, 333_333_331, 1_000_000_007, 1_333_333_338}
	gaps := []time.Duration{0, 0, 0, 1, 333_333_331, 1_000_000_007}
	var p plan
	n := rapid.IntRange(1, 8).Draw(rt, "calls")
	p.hold = rapid.Bool().Draw(rt, "first picks wait")
	var at time.Duration
	for i := range n {
		at += rapid.SampledFrom(gaps).Draw(rt, fmt.Sprintf("call %d arrives after", i+1))
		p.calls = append(p.calls, planned{
			phil:   rapid.IntRange(0, Philosophers-1).Draw(rt, fmt.Sprintf("call %d philosopher", i+1)),
			at:     at,
			eat:    rapid.SampledFrom(meals).Draw(rt, fmt.Sprintf("call %d eats", i+1)),
			yields: rapid.IntRange(0, 2).Draw(rt, fmt.Sprintf("call %d yields", i+1)),
		})
	}
	return p
}

// misuse checks that WantsToEat panics for a philosopher outside 0..4.
func misuse(t *testing.T, pkg string, w *harness.Watchdog, newTable func() Table) {
	t.Helper()
	for _, p := range []int{5, -1, 7} {
		w.Notef("WantsToEat(%d, ...)", p)
		var tab Table
		var got any
		panicked := make(chan struct{})
		called := ""
		go func() {
			defer close(panicked)
			defer func() { got = recover() }()
			tab = newTable()
			cb := func(name string) func() {
				return func() {
					if called == "" {
						called = name
					}
				}
			}
			tab.WantsToEat(p, cb("pickLeftFork"), cb("pickRightFork"), cb("eat"), cb("putLeftFork"), cb("putRightFork"))
		}()
		select {
		case <-panicked:
		case <-time.After(harness.Deadline):
			t.Fatalf("WantsToEat(%d, ...) never returned (waited %v); want a panic %q\n  your goroutines:\n%s",
				p, harness.Deadline, want(p), harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		if kata, ok := harness.NotImplemented(got); ok {
			t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
		}
		switch {
		case got == nil:
			t.Fatalf("WantsToEat(%d, ...) returned; want a panic %q", p, want(p))
		case fmt.Sprint(got) != want(p):
			t.Fatalf("WantsToEat(%d, ...) panicked with %q; want %q", p, fmt.Sprint(got), want(p))
		case called != "":
			t.Fatalf("WantsToEat(%d, ...) called %s before it panicked; it must panic before calling anything", p, called)
		}
	}
}

func want(p int) string { return fmt.Sprintf("diningphilosophers: no philosopher %d", p) }
