package trafficlighttest

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gokata/workbook/harness/internal/judgeclock"
	"github.com/gokata/workbook/harness/timeline"
)

// A record watches the callbacks of the cars of one Light: the light's colour (changed
// when a turnGreen returns), who crosses, and the first rule broken.
type record struct {
	mu       sync.Mutex
	now      func() time.Duration // the schedule's clock, for messages
	green    int                  // the road the light is green on
	turning  *car                 // the car whose turnGreen is running
	cars     []*car               // in arrival order
	crossing map[*car]bool
	fault    string // the first rule broken
	// faultLane and faultLabel mark the fault in the timeline: the lane of the car at
	// fault and a short label.
	faultLane, faultLabel string
	tl                    *judgeclock.Recorder // nil: nothing is recorded
}

// A car is one CarArrived.
type car struct {
	id, road, direction int
	n                   int           // place in the arrival order, from 0
	arrived             time.Duration // when CarArrived was called
	dur                 time.Duration // how long crossCar takes

	turns, crosses int
	inCross        bool
	started, ended bool
	start, end     time.Duration
	done           bool // CarArrived returned

	crossGate chan struct{} // when not nil, crossCar waits until it is closed
	turnGate  chan struct{} // when not nil, turnGreen waits until it is closed
	atTurn    bool          // waiting at turnGate
	slowTurn  bool          // turnGate stays closed until the next car has arrived

	turn, crossSpan *judgeclock.Span // its callbacks under way, in the timeline
}

func newRecord(now func() time.Duration, tl *judgeclock.Recorder) *record {
	return &record{now: now, green: 1, crossing: map[*car]bool{}, tl: tl}
}

// shortRules are the labels of the rules whose names are too long for a timeline.
var shortRules = map[string]string{
	"turnGreen when already green":         "already green",
	"crossed together with the other road": "crossed with other road",
}

// faultf records the first rule broken, by car c, marked in its lane with the rule's
// name (the verdict up to its first colon); r.mu is held.
func (r *record) faultf(c *car, format string, args ...any) {
	if r.fault == "" {
		r.fault = fmt.Sprintf(format, args...)
		r.faultLane = c.String()
		r.faultLabel, _, _ = strings.Cut(r.fault, ":")
		if short, ok := shortRules[r.faultLabel]; ok {
			r.faultLabel = short
		}
	}
}

func (c *car) String() string { return fmt.Sprintf("car %d (road %d)", c.id, c.road) }

func other(road int) int { return 3 - road }

// turnGreen is the start of car c's turnGreen callback.
func (r *record) turnGreen(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.turns++
	c.turn = r.tl.Begin(c.String(), timeline.Wait, "turnGreen")
	switch {
	case c.done:
		r.faultf(c, "callback after return: %s called turnGreen after CarArrived returned", c)
	case c.turns > 1:
		r.faultf(c, "turnGreen called twice: %s called turnGreen twice; the light changes once per switch", c)
	case c.crosses > 0:
		r.faultf(c, "turnGreen after crossing: %s called turnGreen at %v after it had crossed; a car turns the light green before it crosses", c, r.now())
	case r.turning != nil:
		r.faultf(c, "turnGreen twice at once: %s called turnGreen at %v while %s's turnGreen was still running", c, r.now(), r.turning)
	case r.green == c.road:
		r.faultf(c, "turnGreen when already green: %s called turnGreen at %v, but the light was already green on road %d; turnGreen is called only when the light changes", c, r.now(), c.road)
	}
	for d := range r.crossing {
		if d.road != c.road {
			r.faultf(c, "turnGreen while crossing: %s turned the light green on road %d at %v while %s was still crossing (since %v); the light changes only when no car of the other road is crossing",
				c, c.road, r.now(), d, d.start)
			break
		}
	}
	r.turning = c
}

// turned is the return of car c's turnGreen: the light is green on c's road.
func (r *record) turned(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.turn.End("")
	if r.turning == c {
		r.turning = nil
	}
	r.green = c.road
}

// cross is the start of car c's crossCar callback.
func (r *record) cross(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.crosses++
	c.crossSpan = r.tl.Begin(c.String(), timeline.Wait, "crossCar")
	now := r.now()
	switch {
	case c.done:
		r.faultf(c, "callback after return: %s called crossCar after CarArrived returned", c)
	case c.crosses > 1:
		r.faultf(c, "crossed twice: %s called crossCar twice; each car crosses exactly once", c)
	case r.turning != nil:
		r.faultf(c, "crossed during turnGreen: %s crossed at %v while %s's turnGreen had not returned; the light is green only once turnGreen has returned", c, now, r.turning)
	case r.green != c.road:
		r.faultf(c, "crossed on red: %s crossed at %v while the light was green on road %d", c, now, r.green)
	}
	for d := range r.crossing {
		if d.road != c.road {
			r.faultf(c, "crossed together with the other road: %s crossed at %v while %s was still crossing (since %v); cars of different roads never cross at the same time", c, now, d, d.start)
			break
		}
	}
	// Cars of the other road that arrived before c cross before it.
	for _, d := range r.cars[:c.n] {
		if d.road != c.road && !d.started {
			r.faultf(c, "overtaken: %s, which arrived at %v, crossed at %v before %s, which arrived earlier (at %v) and still waits; cars of different roads cross in the order they arrived, so a car on the green road that arrives after a car waiting on the red road waits for the switch",
				c, c.arrived, now, d, d.arrived)
			break
		}
	}
	c.inCross, c.started, c.start = true, true, now
	r.crossing[c] = true
}

// crossed is the return of car c's crossCar.
func (r *record) crossed(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.crossSpan.End("")
	c.inCross, c.ended, c.end = false, true, r.now()
	delete(r.crossing, c)
}

// returned records the end of c's CarArrived.
func (r *record) returned(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.done = true
	if c.crosses == 0 {
		r.faultf(c, "callback not called: %s's CarArrived returned at %v without calling crossCar; every car crosses before CarArrived returns", c, r.now())
	}
}

// want is when car c may cross at the earliest: when it arrived, or when the last car of
// the other road that arrived before it has crossed; ok is false while one of those has
// not crossed yet. r.mu is held.
func (r *record) want(c *car) (at time.Duration, ok bool) {
	at = c.arrived
	for _, d := range r.cars[:c.n] {
		if d.road == c.road {
			continue
		}
		if !d.ended {
			return 0, false
		}
		at = max(at, d.end)
	}
	return at, true
}

// waiting lists the cars whose CarArrived has not returned; r.mu is held.
func (r *record) waiting() string {
	var s []string
	for _, c := range r.cars {
		if !c.done {
			s = append(s, c.String())
		}
	}
	return strings.Join(s, ", ")
}
