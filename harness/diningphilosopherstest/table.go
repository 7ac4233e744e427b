package diningphilosopherstest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gokata/workbook/harness/internal/judgeclock"
	"github.com/gokata/workbook/harness/timeline"
)

// Philosophers is the number of philosophers (and forks) at a Table.
const Philosophers = 5

// left and right are philosopher p's forks.
func left(p int) int  { return p }
func right(p int) int { return (p + 1) % Philosophers }

// A record watches the callbacks of the calls made on one Table: who holds which fork,
// who eats, and the first rule broken. Forks are held from the start of the pick callback
// (it is called after the philosopher has the fork) until the put callback (called before
// the fork is let go).
type record struct {
	mu     sync.Mutex
	now    func() time.Duration // the schedule's clock, for messages
	holder [Philosophers]*call  // the call holding each fork, nil for none
	calls  []*call
	fault  string // the first rule broken
	// faultLane and faultLabel mark the fault in the timeline: the lane of the call at
	// fault and a short label.
	faultLane, faultLabel string
	tl                    *judgeclock.Recorder // nil: nothing is recorded
}

// A call is one WantsToEat.
type call struct {
	phil   int
	counts map[string]int // callback -> times called
	has    [2]bool        // left, right fork held
	eating bool
	ate    bool
	done   bool // WantsToEat returned
	lane   string
	eat    *judgeclock.Span

	eatGate   chan struct{} // when not nil, eat waits until it is closed
	pickGate  chan struct{} // when not nil, the first pick waits until it is closed
	eatStart  time.Duration
	eatDur    time.Duration // how long eat takes
	eatEnd    time.Duration
	heldSince [2]time.Duration
}

// faultf records the first rule broken, by call c, marked in its lane with the rule's
// name (the verdict up to its first colon); r.mu is held.
func (r *record) faultf(c *call, format string, args ...any) {
	if r.fault == "" {
		r.fault = fmt.Sprintf(format, args...)
		r.faultLane = c.lane
		r.faultLabel, _, _ = strings.Cut(r.fault, ":")
	}
}

// newCall records a call of philosopher phil; its lane is named after the philosopher,
// and the call's number when the philosopher made calls before ("philosopher 2 (call 2)").
func (r *record) newCall(phil int) *call {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := &call{phil: phil, counts: map[string]int{}}
	c.lane = c.name()
	k := 1
	for _, o := range r.calls {
		if o.phil == phil {
			k++
		}
	}
	if k > 1 {
		c.lane = fmt.Sprintf("%s (call %d)", c.name(), k)
	}
	r.calls = append(r.calls, c)
	r.tl.Lanes(c.lane)
	return c
}

// name says which call it is, for messages.
func (c *call) name() string {
	return fmt.Sprintf("philosopher %d", c.phil)
}

func (c *call) fork(side int) int {
	if side == 0 {
		return left(c.phil)
	}
	return right(c.phil)
}

var sideName = [2]string{"Left", "Right"}

// callbacks returns the five callbacks of call c. Pick and put callbacks call yield (which
// may give up the processor); eat calls eat after recording.
func (r *record) callbacks(c *call, yield func(), eat func(c *call)) (pickL, pickR, eatFn, putL, putR func()) {
	pick := func(side int) func() {
		return func() {
			r.pick(c, side)
			r.mu.Lock()
			gate := c.pickGate
			if gate != nil && c.counts["pickLeftFork"]+c.counts["pickRightFork"] == 1 {
				held := r.tl.Begin(c.lane, timeline.Wait, "pick held")
				r.mu.Unlock()
				<-gate
				held.End("")
			} else {
				r.mu.Unlock()
			}
			yield()
		}
	}
	// A put callback yields before it records the fork as free: the fork is let go
	// only after it returns, so a Table that lets it go earlier is caught.
	put := func(side int) func() {
		return func() {
			yield()
			r.put(c, side)
		}
	}
	eatFn = func() {
		r.startEat(c)
		eat(c)
		r.endEat(c)
	}
	return pick(0), pick(1), eatFn, put(0), put(1)
}

func (r *record) pick(c *call, side int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cb := "pick" + sideName[side] + "Fork"
	c.counts[cb]++
	f := c.fork(side)
	r.tl.Mark(c.lane, fmt.Sprintf("picked fork %d", f))
	switch holder := r.holder[f]; {
	case c.done:
		r.faultf(c, "callback after return: %s called %s after WantsToEat returned", c.name(), cb)
	case c.counts[cb] > 1:
		r.faultf(c, "callback called twice: %s called %s twice in one call of WantsToEat; each callback is called exactly once per call", c.name(), cb)
	case c.ate:
		r.faultf(c, "wrong order: %s called %s after eating; a call picks up both forks, eats, then puts both down", c.name(), cb)
	case holder != nil && holder.phil == c.phil:
		r.faultf(c, "fork held twice: %s picked up fork %d at %v while another call of %s held it (since %v); calls of one philosopher may overlap, and must not share forks either",
			c.name(), f, r.now(), holder.name(), holder.heldSince[sideOf(holder, f)])
	case holder != nil:
		r.faultf(c, "fork held twice: %s picked up fork %d at %v while %s held it (since %v); a fork is held by one philosopher at a time",
			c.name(), f, r.now(), holder.name(), holder.heldSince[sideOf(holder, f)])
	}
	r.holder[f] = c
	c.has[side] = true
	c.heldSince[side] = r.now()
}

func sideOf(c *call, fork int) int {
	if fork == left(c.phil) {
		return 0
	}
	return 1
}

func (r *record) startEat(c *call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.counts["eat"]++
	switch {
	case c.done:
		r.faultf(c, "callback after return: %s called eat after WantsToEat returned", c.name())
	case c.counts["eat"] > 1:
		r.faultf(c, "callback called twice: %s called eat twice in one call of WantsToEat; each callback is called exactly once per call", c.name())
	case !c.has[0] && !c.has[1]:
		r.faultf(c, "eating without forks: %s ate at %v holding neither fork %d nor fork %d; eat runs only while both forks are held", c.name(), r.now(), left(c.phil), right(c.phil))
	case !c.has[0] || !c.has[1]:
		held, missing := right(c.phil), left(c.phil)
		if c.has[0] {
			held, missing = missing, held
		}
		r.faultf(c, "eating with one fork: %s ate at %v holding only fork %d, not fork %d; eat runs only while both forks are held", c.name(), r.now(), held, missing)
	}
	c.eating = true
	c.eatStart = r.now()
	c.eat = r.tl.Begin(c.lane, timeline.Wait, "eat")
}

func (r *record) endEat(c *call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.eat.End("")
	c.eating = false
	c.ate = true
}

func (r *record) put(c *call, side int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cb := "put" + sideName[side] + "Fork"
	c.counts[cb]++
	f := c.fork(side)
	r.tl.Mark(c.lane, fmt.Sprintf("put fork %d", f))
	switch {
	case c.done:
		r.faultf(c, "callback after return: %s called %s after WantsToEat returned; both forks are put down before it returns", c.name(), cb)
	case c.counts[cb] > 1:
		r.faultf(c, "fork put down twice: %s called %s twice in one call of WantsToEat (fork %d); each callback is called exactly once per call", c.name(), cb, f)
	case !c.has[side]:
		r.faultf(c, "fork not held: %s called %s (fork %d) without holding it", c.name(), cb, f)
	case !c.ate:
		r.faultf(c, "wrong order: %s put down fork %d at %v before eating; a call picks up both forks, eats, then puts both down", c.name(), f, r.now())
	}
	if r.holder[f] == c {
		r.holder[f] = nil
	}
	c.has[side] = false
}

// returned records the end of c's WantsToEat.
func (r *record) returned(c *call) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.done = true
	var missing []string
	for _, cb := range []string{"pickLeftFork", "pickRightFork", "eat", "putLeftFork", "putRightFork"} {
		if c.counts[cb] == 0 {
			missing = append(missing, cb)
		}
	}
	if len(missing) > 0 {
		r.faultf(c, "callback not called: %s's WantsToEat returned at %v without calling %s; each callback is called exactly once per call", c.name(), r.now(), strings.Join(missing, ", "))
	}
	for side := range 2 {
		if c.has[side] {
			r.faultf(c, "fork not put down: %s's WantsToEat returned at %v holding fork %d; both forks are put down before it returns", c.name(), r.now(), c.fork(side))
		}
	}
}

// holdings describes who holds which fork; r.mu is held.
func (r *record) holdings() string {
	var parts []string
	for f, c := range r.holder {
		if c != nil {
			parts = append(parts, fmt.Sprintf("fork %d by philosopher %d", f, c.phil))
		}
	}
	if len(parts) == 0 {
		return "no fork is held"
	}
	return "held: " + strings.Join(parts, ", ")
}

// waiting returns the philosophers whose calls have not returned; r.mu is held.
func (r *record) waiting() []int {
	var ps []int
	for _, c := range r.calls {
		if !c.done {
			ps = append(ps, c.phil)
		}
	}
	slices.Sort(ps)
	return ps
}

// list renders numbers as "0, 1 and 3".
func list(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprint(x))
	}
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
