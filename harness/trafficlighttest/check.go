// Package trafficlighttest checks implementations of the trafficlight kata.
package trafficlighttest

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
)

// Light is the API of the kata.
type Light interface {
	CarArrived(carID, road, direction int, turnGreen, crossCar func())
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// MinimizeLimit is how long, in real time, the schedules rule goes on running schedules
// after the first failure, to minimize it.
const MinimizeLimit = judgeclock.MinimizeLimit

// Check judges newLight's Lights, rule by rule: "misuse", a bad road panics; "waiting",
// real-time probes of how cars wait for the light (spinning, sleep-polling); "story",
// fixed schedules (LeetCode's two examples, cars of one road crossing together, a car of
// the red road that must not starve); "schedules", generated schedules on the sim's
// clock (arrivals and crossings to the nanosecond, callbacks that yield): every car
// crosses exactly when the ideal light lets it (cars of different roads in the order they
// arrived, cars of one road together), only on green, never during turnGreen, turnGreen
// only when the light changes, no deadlock, no goroutine left; "stress", real-time runs
// in which the harness adds no synchronization of its own, so that the race detector sees
// the learner's alone.
func Check[L Light](t *testing.T, newLight func() L) {
	t.Helper()
	pkg := harness.PackageOf(newLight)
	w := harness.StartWatchdog(t, pkg)
	mk := func() Light { return newLight() }
	leftovers := judgeclock.Leftovers{}
	judgeclock.Judge(t, w, judgeclock.Rules[plan]{
		Misuse:     func(t *testing.T) { misuse(t, pkg, w, mk) },
		Waiting:    func(t *testing.T) { probe(t, pkg, w, mk, leftovers) },
		Fixed:      "story",
		FixedPlans: stories,
		Schedules:  Schedules,
		Draw:       drawPlan,
		Stress:     func(t *testing.T) { stress(t, pkg, w, mk) },
		Play: func(t *testing.T, p plan) (string, *judgeclock.Recorder) {
			s := &sim{pkg: pkg, w: w, leftovers: leftovers, newLight: mk, plan: p}
			return s.run(), s.tl
		},
	})
}

// roadOf is the road of a direction: 1 and 2 are on road 1, 3 and 4 on road 2.
func roadOf(direction int) int { return (direction + 1) / 2 }

// leetcode makes a plan from LeetCode's description of a test: car IDs, directions and
// arrival times (in ms here), each car crossing in cross.
func leetcode(cars, directions, arrivals []int, cross time.Duration) plan {
	var p plan
	for i := range cars {
		p.cars = append(p.cars, planned{id: cars[i], road: roadOf(directions[i]), direction: directions[i],
			at: time.Duration(arrivals[i]) * time.Millisecond, cross: cross})
	}
	return p
}

// stories are the fixed schedules of the rule "story".
func stories() []plan {
	const long = 1_000_000_007 * time.Nanosecond
	return []plan{
		// LeetCode's examples.
		leetcode([]int{1, 3, 5, 2, 4}, []int{2, 1, 2, 4, 3}, []int{10, 20, 30, 40, 50}, 25*time.Millisecond+3),
		leetcode([]int{1, 2, 3, 4, 5}, []int{2, 4, 3, 3, 1}, []int{10, 20, 30, 40, 40}, 15*time.Millisecond+1),
		// Cars of the green road cross together.
		leetcode([]int{1, 2, 3}, []int{1, 2, 1}, []int{0, 0, 0}, long),
		// A car of the red road is overtaken only by cars that arrived before it.
		leetcode([]int{1, 2, 3, 4}, []int{1, 3, 2, 1}, []int{0, 100, 200, 300}, long),
		leetcode([]int{1, 2, 3, 4, 5}, []int{4, 1, 3, 2, 4}, []int{0, 100, 200, 300, 400}, long),
	}
}

// drawPlan draws a schedule: arrivals often at one instant or at the end of a crossing,
// crossings of non-round lengths.
func drawPlan(rt *rapid.T) plan {
	crosses := []time.Duration{0, 1, 333_333_331, 1_000_000_007, 1_333_333_338}
	gaps := []time.Duration{0, 0, 1, 333_333_331, 1_000_000_007}
	var p plan
	n := rapid.IntRange(1, 10).Draw(rt, "cars")
	var at time.Duration
	for i := range n {
		at += rapid.SampledFrom(gaps).Draw(rt, fmt.Sprintf("car %d arrives after", i+1))
		direction := rapid.IntRange(1, 4).Draw(rt, fmt.Sprintf("car %d direction", i+1))
		p.cars = append(p.cars, planned{
			id:        100 + i*7%10*10 + i, // distinct, not in arrival order
			road:      roadOf(direction),
			direction: direction,
			at:        at,
			cross:     rapid.SampledFrom(crosses).Draw(rt, fmt.Sprintf("car %d crosses in", i+1)),
			yields:    rapid.IntRange(0, 2).Draw(rt, fmt.Sprintf("car %d yields", i+1)),
			slowTurn:  rapid.Bool().Draw(rt, fmt.Sprintf("car %d turns slowly", i+1)),
		})
	}
	return p
}

// misuse checks that CarArrived panics for a road other than 1 and 2.
func misuse(t *testing.T, pkg string, w *harness.Watchdog, newLight func() Light) {
	t.Helper()
	for _, road := range []int{0, 3, -1} {
		w.Notef("CarArrived(1, %d, 1, ...)", road)
		var got any
		panicked := make(chan struct{})
		called := ""
		go func() {
			defer close(panicked)
			defer func() { got = recover() }()
			l := newLight()
			cb := func(name string) func() {
				return func() {
					if called == "" {
						called = name
					}
				}
			}
			l.CarArrived(1, road, 1, cb("turnGreen"), cb("crossCar"))
		}()
		select {
		case <-panicked:
		case <-time.After(harness.Deadline):
			t.Fatalf("CarArrived(1, %d, 1, ...) never returned (waited %v); want a panic %q\n  your goroutines:\n%s",
				road, harness.Deadline, want(road), harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		if kata, ok := harness.NotImplemented(got); ok {
			t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
		}
		switch {
		case got == nil:
			t.Fatalf("CarArrived(1, %d, 1, ...) returned; want a panic %q", road, want(road))
		case fmt.Sprint(got) != want(road):
			t.Fatalf("CarArrived(1, %d, 1, ...) panicked with %q; want %q", road, fmt.Sprint(got), want(road))
		case called != "":
			t.Fatalf("CarArrived(1, %d, 1, ...) called %s before it panicked; it must panic before calling anything", road, called)
		}
	}
}

func want(road int) string { return fmt.Sprintf("trafficlight: no road %d", road) }
