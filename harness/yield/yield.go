// Package yield is what the judge's instrumentation of a learner's code calls: a yield point after every synchronization operation, which lets other goroutines run or not as the running schedule's policy decides.
//
// The judge compiles the learner's package with a call to Point after each lock and unlock,
// channel operation, sync.Cond, sync.WaitGroup and atomic call, go statement and call of
// the learner's own functions (see package instrument). Without a policy (plain go test,
// or outside a schedule) Point does nothing. With one, Point calls runtime.Gosched at the
// points the policy picks, so that another goroutine runs in the window between two
// critical sections: with one P (GOMAXPROCS 1), the policy decides the interleaving.
//
// A yield cannot change what a correct program may do (any goroutine may be preempted at
// any point); it makes rare interleavings common. Point is invisible to the race
// detector (go:norace, no atomics): it adds no synchronization between the learner's
// goroutines and no events to their traces, so their races stay visible.
package yield

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

// A Policy decides which yield points yield during one schedule.
type Policy struct {
	// Percent is the chance in percent that a yield point yields (random policy), each
	// decision a hash of Seed and the point's number. 0 with At empty: no yields.
	Percent int
	Seed    uint64
	// At, when not empty, lists the yield points (numbered from 1 in the order they are
	// reached since the policy was set) that yield, and no other does: like the priority
	// change points of PCT, with one P it preempts the running goroutine exactly there.
	At []int
	// OneP runs the schedule with GOMAXPROCS 1, so that only blocking and the yields
	// switch goroutines (and the runtime's 10 ms preemption).
	OneP bool
}

// String describes p for a learner, as in a minimized schedule.
func (p Policy) String() string {
	var s string
	switch {
	case len(p.At) > 0:
		s = fmt.Sprintf("yield at yield points %v", p.At)
	case p.Percent > 0:
		s = fmt.Sprintf("yield at %d%% of yield points (seed %d)", p.Percent, p.Seed)
	default:
		s = "no yields"
	}
	if p.OneP {
		s += ", GOMAXPROCS 1"
	}
	return s
}

type state struct {
	threshold uint64 // yield when the hash is below it
	seed      uint64
	at        []uint64
	n         uint64 // yield points passed; racy by design (see next)
}

// current is the policy in force, nil for none. It is read and written without
// synchronization (by go:norace functions) on purpose: an atomic load is an acquire for
// the race detector, a synchronization event in every learner goroutine that passes a
// yield point. A pointer is read and written whole.
var current *state

var instrumented atomic.Bool

// Mark records that instrumented code is linked into the program; every instrumented
// file calls it from a package-level variable's initializer.
func Mark() bool {
	instrumented.Store(true)
	return true
}

// Instrumented reports whether the program contains instrumented code, that is whether
// the judge compiled the learner's package with yield points.
func Instrumented() bool { return instrumented.Load() }

// Set makes p the policy of the yield points until restore is called; it sets
// GOMAXPROCS 1 for the time when p.OneP. Sets do not nest: call restore before the next.
func Set(p Policy) (restore func()) {
	s := &state{seed: p.Seed}
	if p.Percent > 0 {
		s.threshold = uint64(min(p.Percent, 100)) * (^uint64(0) / 100)
	}
	for _, a := range p.At {
		if a > 0 {
			s.at = append(s.at, uint64(a))
		}
	}
	procs := 0
	if p.OneP {
		procs = runtime.GOMAXPROCS(1)
	}
	set(s)
	return func() {
		set(nil)
		if procs > 0 {
			runtime.GOMAXPROCS(procs)
		}
	}
}

//go:norace
func set(s *state) { current = s }

//go:norace
func get() *state { return current }

// Point is a yield point: it yields the processor when the policy says so.
//
// Point is not instrumented for the race detector either: the function entry and exit
// events of an instrumented Point, in a loop, overflow the goroutine's trace, and the
// race detector then drops the report of a race whose earlier access it can no longer
// trace (measured: a racy Gosched loop went unreported).
//
//go:norace
func Point() {
	if next() {
		runtime.Gosched()
	}
}

// next counts a yield point and decides it. Nothing here is visible to the race
// detector (see current): an atomic add on the shared counter would order the learner's
// goroutines for it and hide their races. With one P the count is exact (so a seed
// replays the same decisions); with more, an increment may be lost, which only changes
// which points yield. It calls no instrumented function.
//
//go:norace
func next() bool {
	s := current
	if s == nil {
		return false
	}
	s.n++
	n := s.n
	if s.at != nil {
		for i := 0; i < len(s.at); i++ {
			if s.at[i] == n {
				return true
			}
		}
		return false
	}
	if s.threshold == 0 {
		return false
	}
	// splitmix64 of seed+n
	z := s.seed + n*0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return z < s.threshold
}
