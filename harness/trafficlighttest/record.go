package trafficlighttest

import (
	"fmt"
	"strings"
	"sync"
	"time"
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
}

func newRecord(now func() time.Duration) *record {
	return &record{now: now, green: 1, crossing: map[*car]bool{}}
}

func (r *record) faultf(format string, args ...any) {
	if r.fault == "" {
		r.fault = fmt.Sprintf(format, args...)
	}
}

func (c *car) String() string { return fmt.Sprintf("car %d (road %d)", c.id, c.road) }

func other(road int) int { return 3 - road }

// turnGreen is the start of car c's turnGreen callback.
func (r *record) turnGreen(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.turns++
	switch {
	case c.done:
		r.faultf("callback after return: %s called turnGreen after CarArrived returned", c)
	case c.turns > 1:
		r.faultf("turnGreen called twice: %s called turnGreen twice; the light changes once per switch", c)
	case c.crosses > 0:
		r.faultf("turnGreen after crossing: %s called turnGreen at %v after it had crossed; a car turns the light green before it crosses", c, r.now())
	case r.turning != nil:
		r.faultf("turnGreen twice at once: %s called turnGreen at %v while %s's turnGreen was still running", c, r.now(), r.turning)
	case r.green == c.road:
		r.faultf("turnGreen when already green: %s called turnGreen at %v, but the light was already green on road %d; turnGreen is called only when the light changes", c, r.now(), c.road)
	}
	for d := range r.crossing {
		if d.road != c.road {
			r.faultf("turnGreen while crossing: %s turned the light green on road %d at %v while %s was still crossing (since %v); the light changes only when no car of the other road is crossing",
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
	now := r.now()
	switch {
	case c.done:
		r.faultf("callback after return: %s called crossCar after CarArrived returned", c)
	case c.crosses > 1:
		r.faultf("crossed twice: %s called crossCar twice; each car crosses exactly once", c)
	case r.turning != nil:
		r.faultf("crossed during turnGreen: %s crossed at %v while %s's turnGreen had not returned; the light is green only once turnGreen has returned", c, now, r.turning)
	case r.green != c.road:
		r.faultf("crossed on red: %s crossed at %v while the light was green on road %d", c, now, r.green)
	}
	for d := range r.crossing {
		if d.road != c.road {
			r.faultf("crossed together with the other road: %s crossed at %v while %s was still crossing (since %v); cars of different roads never cross at the same time", c, now, d, d.start)
			break
		}
	}
	// Cars of the other road that arrived before c cross before it.
	for _, d := range r.cars[:c.n] {
		if d.road != c.road && !d.started {
			r.faultf("overtaken: %s, which arrived at %v, crossed at %v before %s, which arrived earlier (at %v) and still waits; cars of different roads cross in the order they arrived, so a car on the green road that arrives after a car waiting on the red road waits for the switch",
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
	c.inCross, c.ended, c.end = false, true, r.now()
	delete(r.crossing, c)
}

// returned records the end of c's CarArrived.
func (r *record) returned(c *car) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.done = true
	if c.crosses == 0 {
		r.faultf("callback not called: %s's CarArrived returned at %v without calling crossCar; every car crosses before CarArrived returns", c, r.now())
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
