package trafficlighttest

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
	"github.com/gokata/workbook/harness/timeline"
)

// SettleLimit is how long, in real time, a schedule waits for the learner's goroutines to
// block before it calls them spinning. A correct Light settles in microseconds.
const SettleLimit = judgeclock.SettleLimit

// A plan is one schedule: cars that arrive at instants of the schedule's clock, in the
// order listed, each crossing for a duration.
type plan struct {
	cars []planned
}

type planned struct {
	id, road, direction int
	at                  time.Duration // arrival
	cross               time.Duration // how long crossCar takes
	yields              int           // runtime.Gosched calls in turnGreen and crossCar
	slowTurn            bool          // its turnGreen runs until the next car has arrived
}

func (p plan) String() string {
	var parts []string
	for _, c := range p.cars {
		s := fmt.Sprintf("car %d (road %d, direction %d) at %v crosses in %v", c.id, c.road, c.direction, c.at, c.cross)
		if c.yields > 0 {
			s += fmt.Sprintf(" (callbacks yield %d times)", c.yields)
		}
		if c.slowTurn {
			s += " (its turnGreen, if any, lasts until the next car has arrived)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// A sim plays a plan in real time on a clock of its own: the clock moves on to the next
// arrival or end of a crossing only when every goroutine of the run is blocked, which it
// sees in a stack dump of the process (a goroutine waiting in sync.Mutex.Lock counts as
// blocked, which testing/synctest does not allow). Cars arrive one at a time, each once
// everything the one before it set going has blocked, so that the arrival order is
// exact. crossCar waits on a channel the sim closes when the crossing is over; turnGreen
// waits until everything else has blocked, so that a car that crosses while it runs is
// caught.
type sim struct {
	pkg       string
	w         *harness.Watchdog
	leftovers judgeclock.Leftovers // goroutines of earlier failed runs, ignored
	newLight  func() Light
	plan      plan

	rec   *record
	clock *judgeclock.Clock    // the schedule's time, and the goroutines of the run
	tl    *judgeclock.Recorder // what the run did, for the verdict's timeline
}

func (s *sim) now() time.Duration { return s.clock.Now() }

// run plays the plan and returns the first rule broken, or "", marked in the run's
// timeline (s.tl).
func (s *sim) run() (verdict string) {
	s.clock = judgeclock.New(s.pkg, "trafficlighttest.(*sim).", s.leftovers)
	s.tl = s.clock.Recorder()
	s.rec = newRecord(s.now, s.tl)
	var l Light
	if msg := harness.Call(s.pkg, "New", func() { l = s.newLight() }); msg != "" {
		s.tl.Broke("judge", "New panicked")
		return msg
	}
	defer func() {
		s.tl.Stop()
		s.release()
		if verdict != "" {
			s.clock.GiveUp()
		}
	}()
	next := 0 // the next arrival
	for {
		if msg := s.clock.Settle("the car may cross"); msg != "" {
			s.tl.Broke("judge", ruleOf(msg))
			return msg
		}
		if msg, lane, label := s.check(); msg != "" {
			s.tl.Broke(lane, label)
			return msg
		}
		if next < len(s.plan.cars) && s.plan.cars[next].at == s.now() && s.slowTurn() {
			// A turnGreen that is still running when the next car arrives.
			s.arrive(l, next)
			next++
			continue
		}
		if s.releaseTurns() {
			s.tl.Mark("judge", "lets turnGreen go")
			continue
		}
		if lane, msg := s.quiet(); msg != "" {
			s.tl.Broke(lane, ruleOf(msg))
			return msg
		}
		end, crossing := s.nextEnd()
		switch {
		case crossing && (next == len(s.plan.cars) || end <= s.plan.cars[next].at):
			s.clock.Set(end)
			s.rec.mu.Lock()
			for c := range s.rec.crossing {
				if c.end == 0 && c.start+c.dur == end {
					judgeclock.Open(&c.crossGate)
				}
			}
			s.rec.mu.Unlock()
		case next < len(s.plan.cars):
			s.clock.Set(s.plan.cars[next].at)
			s.arrive(l, next)
			next++
		default:
			s.rec.mu.Lock()
			waiting := s.rec.waiting()
			s.rec.mu.Unlock()
			if waiting != "" {
				s.tl.Broke("judge", "deadlock")
				return fmt.Sprintf("deadlock: %s never returned, and every goroutine is blocked (the light is green on road %d)\n  your goroutines:\n%s",
					waiting, s.rec.green, harness.Describe(s.pkg, s.clock.Learner()))
			}
			if gs := s.clock.Learner(); len(gs) > 0 {
				s.tl.Broke("judge", "goroutine leak")
				return fmt.Sprintf("goroutine leak: every CarArrived returned but goroutines of yours were left blocked; a Light must not leave goroutines behind\n  your goroutines:\n%s",
					harness.Describe(s.pkg, gs))
			}
			return ""
		}
		s.w.Progress()
	}
}

// arrive starts the call of CarArrived of the car planned at index i.
func (s *sim) arrive(l Light, i int) {
	p := s.plan.cars[i]
	c := &car{id: p.id, road: p.road, direction: p.direction, n: i, arrived: p.at, dur: p.cross,
		slowTurn: p.slowTurn, crossGate: make(chan struct{}), turnGate: make(chan struct{})}
	s.rec.mu.Lock()
	s.rec.cars = append(s.rec.cars, c)
	s.rec.mu.Unlock()
	s.tl.Lanes(c.String())
	go s.call(l, c, p.yields)
}

// slowTurn reports whether a turnGreen that waits is to keep waiting while the next car
// arrives; it says so once per car.
func (s *sim) slowTurn() bool {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	for _, c := range s.rec.cars {
		if c.atTurn && c.turnGate != nil && c.slowTurn {
			c.slowTurn = false
			return true
		}
	}
	return false
}

// call makes one call of CarArrived.
func (s *sim) call(l Light, c *car, yields int) {
	yield := func() {
		for range yields {
			runtime.Gosched()
		}
	}
	turnGreen := func() {
		s.rec.turnGreen(c)
		s.rec.mu.Lock()
		gate := c.turnGate
		c.atTurn = gate != nil
		s.rec.mu.Unlock()
		if gate != nil {
			<-gate
		}
		yield()
		s.rec.turned(c)
	}
	crossCar := func() {
		s.rec.cross(c)
		s.rec.mu.Lock()
		gate := c.crossGate
		s.rec.mu.Unlock()
		yield()
		if gate != nil {
			<-gate
		}
		s.rec.crossed(c)
	}
	sp := s.tl.Begin(c.String(), timeline.Call, "CarArrived")
	msg := harness.Call(s.pkg, fmt.Sprintf("CarArrived(%d, %d, %d, ...)", c.id, c.road, c.direction), func() {
		l.CarArrived(c.id, c.road, c.direction, turnGreen, crossCar)
	})
	if msg != "" {
		sp.End("panicked")
		s.rec.mu.Lock()
		if s.rec.fault == "" {
			s.rec.faultf(c, "%s", msg)
			s.rec.faultLabel = "panicked"
		}
		s.rec.mu.Unlock()
	} else {
		sp.End("returned")
	}
	s.rec.returned(c)
	s.w.Progress()
}

// release lets every held callback go.
func (s *sim) release() {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	for _, c := range s.rec.cars {
		judgeclock.Open(&c.crossGate)
		judgeclock.Open(&c.turnGate)
	}
}

// releaseTurns lets the turnGreen callbacks that wait go; it reports whether any waited.
func (s *sim) releaseTurns() bool {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	any := false
	for _, c := range s.rec.cars {
		if c.atTurn && judgeclock.Open(&c.turnGate) {
			any = true
		}
	}
	return any
}

// check returns the first rule the callbacks saw broken, and the lane and label that
// mark it.
func (s *sim) check() (msg, lane, label string) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	return s.rec.fault, s.rec.faultLane, s.rec.faultLabel
}

// nextEnd returns the earliest end of a crossing under way.
func (s *sim) nextEnd() (time.Duration, bool) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	at, ok := time.Duration(0), false
	for c := range s.rec.crossing {
		if end := c.start + c.dur; c.crossGate != nil && (!ok || end < at) {
			at, ok = end, true
		}
	}
	return at, ok
}

// quiet checks a moment at which every goroutine is blocked, and returns the lane to
// mark and the verdict, or "": every car that has not returned is crossing, or waits
// for a car of the other road that arrived before it.
func (s *sim) quiet() (lane, msg string) {
	r := s.rec
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.cars {
		switch {
		case c.done || c.inCross:
			continue
		case c.ended:
			return "judge", fmt.Sprintf("deadlock: %s crossed but CarArrived never returned, and every goroutine is blocked; CarArrived returns once its car has crossed\n  your goroutines:\n%s",
				c, harness.Describe(s.pkg, s.clock.Learner()))
		}
		since, ok := r.want(c)
		if !ok {
			continue
		}
		why := fmt.Sprintf("every car of road %d that arrived before it has crossed (the last at %v), so the light must turn green on road %d and it must cross",
			other(c.road), since, c.road)
		if r.green == c.road {
			var with []string
			for d := range r.crossing {
				with = append(with, d.String())
			}
			slices.Sort(with)
			why = fmt.Sprintf("the light is green on its road and no car of road %d that arrived before it is waiting; cars of the green road cross without waiting for each other (is a lock held while a car crosses?)", other(c.road))
			if len(with) > 0 {
				why += "; crossing now: " + strings.Join(with, ", ")
			}
		}
		return c.String(), fmt.Sprintf("late: %s, which arrived at %v, still waits at %v, though it may cross since %v: %s\n  your goroutines:\n%s",
			c, c.arrived, s.now(), since, why, harness.Describe(s.pkg, s.clock.Learner()))
	}
	return "", ""
}

// ruleOf is the rule of a verdict, for the timeline: its first line up to the first
// colon.
func ruleOf(verdict string) string {
	line, _, _ := strings.Cut(verdict, "\n")
	rule, _, _ := strings.Cut(line, ":")
	return rule
}
