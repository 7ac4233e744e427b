// Package barrier is the reference solution of the Barrier kata.
package barrier

import (
	"context"
	"errors"
	"sync"
)

// ErrBroken is what Await returns when its generation is broken: another waiter's ctx
// ended, or Reset was called, before the generation was complete.
var ErrBroken = errors.New("barrier: broken")

// A generation is one round of the barrier, made by its first waiter. Its waiters hold
// on to it, not to the Barrier, so that the next generation cannot touch them: done is
// closed when the generation is complete or broken, and broken says which.
type generation struct {
	arrived int
	broken  bool
	done    chan struct{}
}

// Barrier keeps the current generation under a mutex; nil stands for a fresh generation
// nobody waits in, so that a round that completes without anyone waiting (one party)
// costs no allocation.
type Barrier struct {
	parties int
	mu      sync.Mutex
	gen     *generation
}

// New returns a Barrier for parties goroutines. It panics with "barrier: parties < 1"
// if parties < 1.
func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	return &Barrier{parties: parties}
}

// Await waits until parties goroutines have called it in this generation, then returns
// its arrival index (parties-1 for the first, 0 for the last) and nil. If ctx ends first,
// it returns ctx.Err() and breaks the generation; on a broken generation it returns
// ErrBroken.
func (b *Barrier) Await(ctx context.Context) (arrival int, err error) {
	b.mu.Lock()
	g := b.gen
	arrived := 1
	if g != nil {
		if g.broken {
			b.mu.Unlock()
			return 0, ErrBroken
		}
		arrived += g.arrived
	}
	arrival = b.parties - arrived
	if arrival == 0 {
		// The last arrival completes the generation; the next one starts fresh.
		if g != nil {
			close(g.done)
		}
		b.gen = nil
		b.mu.Unlock()
		return 0, nil
	}
	if g == nil {
		g = &generation{done: make(chan struct{})}
		b.gen = g
	}
	g.arrived = arrived
	b.mu.Unlock()

	select {
	case <-g.done:
		return g.result(arrival)
	case <-ctx.Done():
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-g.done: // completed or broken before this waiter took the lock
		return g.result(arrival)
	default:
	}
	g.breakUp() // g stays the current generation: later calls find it broken
	return 0, ctx.Err()
}

// Reset breaks the waiting generation, if any, and starts a fresh one.
func (b *Barrier) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if g := b.gen; g != nil && !g.broken {
		g.breakUp()
	}
	b.gen = nil
}

// result is what a waiter of g returns once g is done.
func (g *generation) result(arrival int) (int, error) {
	if g.broken {
		return 0, ErrBroken
	}
	return arrival, nil
}

// breakUp marks g broken and releases its waiters. The Barrier's mutex must be held.
func (g *generation) breakUp() {
	g.broken = true
	close(g.done)
}
