package diningphilosopherstest

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
	"github.com/gokata/workbook/harness/timeline"
)

// SettleLimit is how long, in real time, a schedule waits for the learner's goroutines to
// block before it calls them spinning. A correct Table settles in microseconds.
const SettleLimit = judgeclock.SettleLimit

// A plan is one schedule: calls of WantsToEat that arrive at instants of the schedule's
// clock, each eating for a duration.
type plan struct {
	calls []planned
	// hold makes the first pick callback of every call wait until every goroutine has
	// blocked; the held picks are then let go together. All five philosophers arriving
	// at once and picking up their left forks first then deadlock for certain.
	hold bool
}

type planned struct {
	phil   int
	at     time.Duration // arrival
	eat    time.Duration // how long eat takes
	yields int           // runtime.Gosched calls in each pick and put callback
}

func (p plan) String() string {
	var parts []string
	for _, c := range p.calls {
		s := fmt.Sprintf("philosopher %d at %v eats %v", c.phil, c.at, c.eat)
		if c.yields > 0 {
			s += fmt.Sprintf(" (picks and puts yield %d times)", c.yields)
		}
		parts = append(parts, s)
	}
	s := strings.Join(parts, "; ")
	if p.hold {
		s += "; each first pick waits until everybody else has blocked"
	}
	return s
}

// A sim plays a plan in real time on a clock of its own: the clock moves on to the next
// arrival or end of a meal only when every goroutine of the run is blocked, which it
// sees in a stack dump of the process (a goroutine waiting in sync.Mutex.Lock counts as
// blocked, which testing/synctest does not allow). Eat callbacks wait on channels the
// sim closes when their meal is over; pick and put callbacks return at once.
type sim struct {
	pkg       string
	w         *harness.Watchdog
	leftovers judgeclock.Leftovers // goroutines of earlier failed runs, ignored
	newTable  func() Table
	plan      plan

	rec   *record
	clock *judgeclock.Clock    // the schedule's time, and the goroutines of the run
	tl    *judgeclock.Recorder // what the run did, for the verdict's timeline
}

func (s *sim) now() time.Duration { return s.clock.Now() }

// run plays the plan and returns the first rule broken, or "", marked in the run's
// timeline (s.tl).
func (s *sim) run() (verdict string) {
	s.clock = judgeclock.New(s.pkg, "diningphilosopherstest.(*sim).", s.leftovers)
	s.tl = s.clock.Recorder()
	s.rec = &record{now: s.now, tl: s.tl}
	var tab Table
	if msg := harness.Call(s.pkg, "New", func() { tab = s.newTable() }); msg != "" {
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
		if msg := s.clock.Settle("a fork is free"); msg != "" {
			s.tl.Broke("judge", ruleOf(msg))
			return msg
		}
		if msg, lane, label := s.check(); msg != "" {
			s.tl.Broke(lane, label)
			return msg
		}
		if s.releasePicks() {
			s.tl.Mark("judge", "lets the picks go")
			continue
		}
		if lane, msg := s.quiet(); msg != "" {
			s.tl.Broke(lane, ruleOf(msg))
			return msg
		}
		at, ok := s.nextInstant(next)
		if !ok {
			break
		}
		s.clock.Set(at)
		s.w.Progress()
		s.rec.mu.Lock()
		for _, c := range s.rec.calls {
			if c.eating && c.eatEnd == at {
				judgeclock.Open(&c.eatGate)
			}
		}
		s.rec.mu.Unlock()
		for next < len(s.plan.calls) && s.plan.calls[next].at == at {
			p := s.plan.calls[next]
			c := s.rec.newCall(p.phil)
			s.rec.mu.Lock()
			c.eatDur = p.eat
			c.eatGate = make(chan struct{})
			if s.plan.hold {
				c.pickGate = make(chan struct{})
			}
			s.rec.mu.Unlock()
			go s.call(tab, c, p.yields)
			next++
		}
	}
	s.rec.mu.Lock()
	waiting := s.rec.waiting()
	holdings := s.rec.holdings()
	s.rec.mu.Unlock()
	if len(waiting) > 0 {
		s.tl.Broke("judge", "deadlock")
		return fmt.Sprintf("deadlock: %s never returned, and every goroutine is blocked (%s)\n  your goroutines:\n%s",
			philosophers(waiting), holdings, harness.Describe(s.pkg, s.clock.Learner()))
	}
	if gs := s.clock.Learner(); len(gs) > 0 {
		s.tl.Broke("judge", "goroutine leak")
		return fmt.Sprintf("goroutine leak: every WantsToEat returned but goroutines of yours were left blocked; a Table must not leave goroutines behind\n  your goroutines:\n%s",
			harness.Describe(s.pkg, gs))
	}
	return ""
}

// ruleOf is the rule of a verdict, for the timeline: its first line up to the first
// colon.
func ruleOf(verdict string) string {
	line, _, _ := strings.Cut(verdict, "\n")
	rule, _, _ := strings.Cut(line, ":")
	return rule
}

func philosophers(ps []int) string {
	if len(ps) == 1 {
		return fmt.Sprintf("philosopher %d", ps[0])
	}
	return "philosophers " + list(ps)
}

// call makes one call of WantsToEat.
func (s *sim) call(tab Table, c *call, yields int) {
	yield := func() {
		for range yields {
			runtime.Gosched()
		}
	}
	eat := func(c *call) {
		s.rec.mu.Lock()
		gate := c.eatGate
		c.eatEnd = s.now() + c.eatDur
		s.rec.mu.Unlock()
		if gate != nil {
			<-gate
		}
	}
	pickL, pickR, eatFn, putL, putR := s.rec.callbacks(c, yield, eat)
	sp := s.tl.Begin(c.lane, timeline.Call, "WantsToEat")
	msg := harness.Call(s.pkg, fmt.Sprintf("WantsToEat(%d, ...)", c.phil), func() { tab.WantsToEat(c.phil, pickL, pickR, eatFn, putL, putR) })
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
	for _, c := range s.rec.calls {
		judgeclock.Open(&c.eatGate)
		judgeclock.Open(&c.pickGate)
	}
}

// releasePicks lets the held first picks go, together; it reports whether any was held.
func (s *sim) releasePicks() bool {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	any := false
	for _, c := range s.rec.calls {
		if c.counts["pickLeftFork"]+c.counts["pickRightFork"] > 0 && judgeclock.Open(&c.pickGate) {
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

// nextInstant returns the instant of the next arrival or end of a meal.
func (s *sim) nextInstant(next int) (time.Duration, bool) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	at, ok := time.Duration(0), false
	if next < len(s.plan.calls) {
		at, ok = s.plan.calls[next].at, true
	}
	for _, c := range s.rec.calls {
		if c.eating && c.eatGate != nil && (!ok || c.eatEnd < at) {
			at, ok = c.eatEnd, true
		}
	}
	return at, ok
}

// quiet checks a moment at which every goroutine is blocked, and returns the lane to
// mark and the verdict, or "": each call that has not returned is eating, or waits for
// a fork that another call holds. A philosopher whose forks are free does not wait (no
// lock around the whole meal, no queue), unless calls of one philosopher overlap at that
// moment: then they may hold up others (four seats taken by three calls of one
// philosopher and one of another keep a fifth philosopher waiting).
func (s *sim) quiet() (lane, msg string) {
	r := s.rec
	r.mu.Lock()
	defer r.mu.Unlock()
	calls := map[int]int{}
	var eaters []*call
	for _, c := range r.calls {
		if !c.done {
			calls[c.phil]++
		}
		if c.eating {
			eaters = append(eaters, c)
		}
	}
	overlapping := false
	for _, n := range calls {
		overlapping = overlapping || n > 1
	}
	for _, c := range r.calls {
		if c.done || c.eating {
			continue
		}
		switch {
		case c.ate && (c.has[0] || c.has[1]):
			return c.lane, fmt.Sprintf("forks kept: %s finished eating but still holds %s at %v, and every goroutine is blocked; both forks are put down right after eating\n  your goroutines:\n%s",
				c.name(), c.forks(), s.now(), harness.Describe(s.pkg, s.clock.Learner()))
		case c.ate:
			return "judge", fmt.Sprintf("deadlock: %s put both forks down but WantsToEat never returned, and every goroutine is blocked; a call returns once its forks are down\n  your goroutines:\n%s",
				c.name(), harness.Describe(s.pkg, s.clock.Learner()))
		case c.has[0] && c.has[1]:
			return c.lane, fmt.Sprintf("not eating: %s holds both forks at %v but never called eat, and every goroutine is blocked\n  your goroutines:\n%s",
				c.name(), s.now(), harness.Describe(s.pkg, s.clock.Learner()))
		}
		if overlapping {
			continue
		}
		var free []int
		blocked := false
		for side := range 2 {
			if c.has[side] {
				continue
			}
			if h := r.holder[c.fork(side)]; h != nil {
				blocked = true
			} else {
				free = append(free, c.fork(side))
			}
		}
		if blocked {
			continue
		}
		forks := "fork " + list(free)
		if len(free) == 2 {
			forks = "forks " + list(free)
		}
		if len(eaters) == 0 {
			return c.lane, fmt.Sprintf("lost wakeup: %s waits at %v although nobody holds %s and nobody eats; a philosopher whose forks are free picks them up at once\n  your goroutines:\n%s",
				c.name(), s.now(), forks, harness.Describe(s.pkg, s.clock.Learner()))
		}
		var others []string
		for _, e := range eaters {
			others = append(others, fmt.Sprintf("philosopher %d eats with forks %d and %d (since %v)", e.phil, left(e.phil), right(e.phil), e.eatStart))
		}
		return c.lane, fmt.Sprintf("not eating together: %s waits at %v although nobody holds %s (%s); two philosophers who share no fork eat at the same time: is a lock held around the whole meal, or do philosophers queue for a turn?\n  your goroutines:\n%s",
			c.name(), s.now(), forks, strings.Join(others, "; "), harness.Describe(s.pkg, s.clock.Learner()))
	}
	return "", ""
}

func (c *call) forks() string {
	switch {
	case c.has[0] && c.has[1]:
		return fmt.Sprintf("forks %d and %d", left(c.phil), right(c.phil))
	case c.has[0]:
		return fmt.Sprintf("fork %d", left(c.phil))
	default:
		return fmt.Sprintf("fork %d", right(c.phil))
	}
}
