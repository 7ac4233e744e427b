// Package barrier is the Barrier kata: a cyclic barrier, like Java's CyclicBarrier, whose
// waiters take a context.
package barrier

import (
	"context"
	"errors"
)

// ErrBroken is what Await returns when its generation is broken: another waiter's ctx
// ended, or Reset was called, before the generation was complete.
var ErrBroken = errors.New("barrier: broken")

// A Barrier lets a fixed number of goroutines, the parties, wait for each other. Its life
// is a series of generations: the goroutines that call Await wait until parties of them
// have arrived; then all of that generation return at once, and the barrier is ready for
// the next generation.
//
// A goroutine that arrives for the next generation never joins or releases the current
// one, even when it arrives before the goroutines just released have been scheduled
// again (the classic reuse bug).
//
// All methods are safe for concurrent use. Waiting blocks the goroutine (a channel, a
// sync.Cond, ...): it never spins, polls or sleeps, and it leaves no goroutine or
// registration behind when it returns. Separate Barriers are independent.
type Barrier struct {
	// Add the fields you need.
}

// New returns a Barrier for parties goroutines. It panics with "barrier: parties < 1"
// if parties < 1.
func New(parties int) *Barrier {
	panic("barrier: not implemented")
}

// Await waits until parties goroutines have called it in this generation, then returns
// arrival and nil: parties-1 for the first to arrive, parties-2 for the second, ..., 0 for
// the last, which returns at once (with parties = 1, every Await returns (0, nil) at once).
// Every Await of the generation returns at the instant the last one arrives, and each
// arrival happens before (in the sense of the Go memory model) every Await of its
// generation returns.
//
// If ctx ends while Await waits, Await returns ctx.Err() (itself, not wrapped) and the
// generation is broken: every other waiter of it returns ErrBroken at once, and so does
// every later Await until Reset. An Await whose ctx is already done when it is called
// does the same, unless it is the last arrival: then it either proceeds as the last
// arrival, or returns ctx.Err() and changes nothing (both are accepted). On a broken
// barrier, an Await with a done ctx may return ErrBroken or ctx.Err().
//
// When err is not nil, arrival means nothing (the judge ignores it).
func (b *Barrier) Await(ctx context.Context) (arrival int, err error) {
	panic("barrier: not implemented")
}

// Reset breaks the waiting generation, if any (its waiters return ErrBroken at once),
// and starts a fresh one: a broken barrier works again. Reset never blocks.
func (b *Barrier) Reset() {
	panic("barrier: not implemented")
}
