// Package judgeclock plays a judge's schedules in real time on a clock of its own, which moves on only when every goroutine of the run is blocked.
package judgeclock

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gokata/workbook/harness"
)

// SettleLimit is how long, in real time, a schedule waits for the learner's goroutines to
// block before it calls them spinning. A correct submission settles in microseconds.
const SettleLimit = 3 * time.Second

// Leftovers are the goroutines (by ID) of earlier failed runs: they may stay blocked
// forever, and later runs ignore them.
type Leftovers map[string]bool

// Add adds gs to l.
func (l Leftovers) Add(gs []harness.Goroutine) {
	for _, g := range gs {
		l[g.ID] = true
	}
}

// A Clock is the time of one schedule, and tells the goroutines of its run from the
// others: the learner's (with a frame in the package Pkg) and the judge's calls (with a
// frame whose function name contains Calls), less the goroutine that made the Clock and
// the Leftovers.
//
// The judge moves the clock on (Set) only when Settle has seen every goroutine of the run
// blocked, which it sees in a stack dump of the process: a goroutine waiting in
// sync.Mutex.Lock counts as blocked, which testing/synctest does not allow. Callbacks
// that last a while wait on channels the judge closes at their end instants.
type Clock struct {
	pkg       string
	calls     string
	leftovers Leftovers
	self      string
	now       atomic.Int64 // ns
}

// New returns a Clock at 0 for a run of the learner's package pkg, whose own call
// goroutines run functions whose names contain calls (such as "footest.(*sim).").
// The goroutine that calls New is not part of the run.
func New(pkg, calls string, leftovers Leftovers) *Clock {
	return &Clock{pkg: pkg, calls: calls, leftovers: leftovers, self: harness.Stack().ID}
}

// Now returns the schedule's time.
func (c *Clock) Now() time.Duration { return time.Duration(c.now.Load()) }

// Set moves the schedule's time to at.
func (c *Clock) Set(at time.Duration) { c.now.Store(int64(at)) }

// GiveUp adds the goroutines of the run to the Leftovers: the run failed and they may
// never return.
func (c *Clock) GiveUp() { c.leftovers.Add(c.Ours()) }

// Ours returns the goroutines of this run: the learner's, and the judge's calls.
func (c *Clock) Ours() []harness.Goroutine {
	var out []harness.Goroutine
	for _, g := range harness.Goroutines() {
		if g.ID == c.self || c.leftovers[g.ID] {
			continue
		}
		if _, ok := g.Frame(c.pkg); ok || slices.ContainsFunc(g.Frames, c.isCall) {
			out = append(out, g)
		}
	}
	return out
}

// Learner returns the learner's goroutines of this run.
func (c *Clock) Learner() []harness.Goroutine {
	return harness.Of(c.pkg, c.Ours())
}

func (c *Clock) isCall(f harness.Frame) bool {
	return strings.Contains(f.Func, c.calls)
}

// blockedStates are the goroutine states of a goroutine that only another goroutine can
// wake.
var blockedStates = map[string]bool{
	"chan receive": true, "chan send": true, "select": true, "select (no cases)": true,
	"chan receive (nil chan)": true, "chan send (nil chan)": true,
	"sync.Mutex.Lock": true, "sync.RWMutex.Lock": true, "sync.RWMutex.RLock": true,
	"sync.Cond.Wait": true, "sync.WaitGroup.Wait": true,
	// Not "semacquire": a goroutine that allocates waits there while the stack dump
	// stops the world, and goes on by itself.
}

// Blocked reports whether g is in a state that only another goroutine can end.
func Blocked(g harness.Goroutine) bool { return blockedStates[g.State] }

// Settle waits until every goroutine of the run is blocked. It returns a verdict when one
// sleeps (nothing else can wake it: time.Sleep is polling or ordering by time) or when
// they keep running for SettleLimit (spinning). until says what a waiting goroutine of
// the kata waits for, as in "waiting must block until a fork is free".
func (c *Clock) Settle(until string) string {
	start := time.Now()
	for i := 0; ; i++ {
		// Let the goroutines that were just set going run before looking: a stack
		// dump stops the world, which is slow on a loaded machine.
		if i < 20 {
			for range 3 {
				runtime.Gosched()
			}
		} else {
			time.Sleep(time.Duration(min(i-19, 20)) * 50 * time.Microsecond)
		}
		var busy, sleeping []harness.Goroutine
		for _, g := range c.Ours() {
			switch {
			case g.Sleeping():
				sleeping = append(sleeping, g)
			case !Blocked(g):
				busy = append(busy, g)
			}
		}
		switch {
		case len(busy) == 0 && len(sleeping) == 0:
			return ""
		case len(busy) == 0:
			return fmt.Sprintf("sleep-polling: a goroutine of yours was found in time.Sleep at %v while everything else was blocked; waiting must block until %s (a channel, sync.Mutex or sync.Cond), never sleep or poll\n  your goroutines:\n%s",
				c.Now(), until, harness.Describe(c.pkg, harness.Of(c.pkg, append(sleeping, busy...))))
		case time.Since(start) > SettleLimit:
			return fmt.Sprintf("busy-wait: goroutines of yours kept running for %v (real time) at %v of the schedule; waiting must block (a channel, sync.Mutex or sync.Cond), not spin\n  your goroutines:\n%s",
				SettleLimit, c.Now(), harness.Describe(c.pkg, harness.Of(c.pkg, busy)))
		}
	}
}

// Open lets go the callbacks that wait on *gate: it closes *gate, unless it is nil, and
// sets it to nil, so that a gate is closed once. It reports whether it closed one.
func Open(gate *chan struct{}) bool {
	if *gate == nil {
		return false
	}
	close(*gate)
	*gate = nil
	return true
}
