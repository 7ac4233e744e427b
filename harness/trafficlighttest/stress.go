package trafficlighttest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// StressRuns is how many Lights the stress rule runs in real time.
const StressRuns = 100

// StressLimit is how long, in real time, a stress run may take before it is called stuck.
const StressLimit = 3 * time.Second

// A trip is what one car's callbacks saw: monotonic clock readings at the start and end
// of turnGreen and crossCar, and how often each was called. Only the goroutine of the
// call writes it.
type trip struct {
	id, road           int
	turnFrom, turnTo   time.Time
	crossFrom, crossTo time.Time
	turns, crosses     int
}

// stress runs Lights in real time: two to four goroutines per road, each calling
// CarArrived for a few cars in a row. The harness adds no synchronization of its own
// between them: each callback records clock readings in memory owned by its call,
// invisible to the race detector, which then sees exactly the learner's synchronization.
// Afterwards the readings show whether cars of different roads ever crossed at once,
// crossed on red or during a turnGreen, and whether turnGreen was called when the light
// did not change.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newLight func() Light) {
	t.Helper()
	for run := range StressRuns {
		goroutines := 2 + rand.IntN(3)
		rounds := 1 + rand.IntN(10)
		what := fmt.Sprintf("stress run %d of %d: %d goroutines per road call CarArrived for %d cars each, real time", run+1, StressRuns, goroutines, rounds)
		w.Notef("%s", what)
		var l Light
		if msg := harness.Call(pkg, "New", func() { l = newLight() }); msg != "" {
			t.Fatal(msg)
		}
		trips := make([][]trip, 2*goroutines)
		verdicts := make([]string, 2*goroutines)
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for g := range 2 * goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				road := 1 + g%2
				mine := make([]trip, rounds)
				for i := range mine {
					tr := &mine[i]
					tr.id, tr.road = g*rounds+i+1, road
					turnGreen := func() {
						tr.turns++
						tr.turnFrom = time.Now()
						tr.turnTo = time.Now()
					}
					crossCar := func() {
						tr.crosses++
						tr.crossFrom = time.Now()
						tr.crossTo = time.Now()
					}
					if v := harness.Call(pkg, fmt.Sprintf("CarArrived(%d, %d, %d, ...)", tr.id, road, 2*road), func() {
						l.CarArrived(tr.id, road, 2*road, turnGreen, crossCar)
					}); v != "" {
						verdicts[g] = v
						break
					}
				}
				trips[g] = mine
			}()
		}
		close(gate)
		finished := make(chan struct{})
		go func() {
			wg.Wait()
			close(finished)
		}()
		select {
		case <-finished:
		case <-time.After(StressLimit):
			t.Fatalf("deadlock: calls of CarArrived had not all returned after %v (real time)\n  %s\n  your goroutines:\n%s",
				StressLimit, what, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
		for _, v := range verdicts {
			if v != "" {
				t.Fatal(v)
			}
		}
		if msg := judgeTrips(slices.Concat(trips...)); msg != "" {
			t.Fatalf("%s\n  %s", msg, what)
		}
	}
}

// judgeTrips checks the clock readings of a stress run.
func judgeTrips(trips []trip) string {
	type turn struct {
		from, to time.Time
		id, road int
	}
	var turns []turn
	for _, tr := range trips {
		switch {
		case tr.crosses != 1:
			return fmt.Sprintf("crossed %d times: car %d (road %d) called crossCar %d times; each car crosses exactly once", tr.crosses, tr.id, tr.road, tr.crosses)
		case tr.turns > 1:
			return fmt.Sprintf("turnGreen called twice: car %d (road %d) called turnGreen %d times", tr.id, tr.road, tr.turns)
		case tr.turns == 1 && tr.crossFrom.Before(tr.turnTo):
			return fmt.Sprintf("turnGreen after crossing: car %d (road %d) crossed before its turnGreen returned", tr.id, tr.road)
		}
		if tr.turns == 1 {
			turns = append(turns, turn{tr.turnFrom, tr.turnTo, tr.id, tr.road})
		}
	}
	slices.SortFunc(turns, func(a, b turn) int { return a.from.Compare(b.from) })
	green := 1
	for _, tu := range turns {
		if tu.road == green {
			return fmt.Sprintf("turnGreen when already green: car %d called turnGreen for road %d, but the light was already green on road %d (real time)", tu.id, tu.road, green)
		}
		green = tu.road
	}
	// The light's road at an instant: that of the last turnGreen that returned before it.
	lightAt := func(at time.Time) (road int, during *turn) {
		road = 1
		for i := range turns {
			switch tu := &turns[i]; {
			case !tu.to.After(at):
				road = tu.road
			case !tu.from.After(at):
				return road, tu
			}
		}
		return road, nil
	}
	for _, tr := range trips {
		road, during := lightAt(tr.crossFrom)
		switch {
		case during != nil:
			return fmt.Sprintf("crossed during turnGreen: car %d (road %d) crossed while car %d's turnGreen had not returned (real time); the light is green only once turnGreen has returned", tr.id, tr.road, during.id)
		case road != tr.road:
			return fmt.Sprintf("crossed on red: car %d (road %d) crossed while the light was green on road %d (real time)", tr.id, tr.road, road)
		}
		for _, o := range trips {
			if o.road != tr.road && o.crossFrom.Before(tr.crossTo) && tr.crossFrom.Before(o.crossTo) {
				return fmt.Sprintf("crossed together with the other road: car %d (road %d) and car %d (road %d) crossed at the same time (real time)", tr.id, tr.road, o.id, o.road)
			}
		}
	}
	return ""
}
