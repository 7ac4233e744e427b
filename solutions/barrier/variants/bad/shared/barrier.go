// Package barrier is a known-bad Barrier.
//
// Bug: the current generation is a package variable, shared by every Barrier: arrivals
// at different Barriers count together. Verdict: "must not share state".
package barrier

import (
	"context"
	"errors"
	"sync"
)

var ErrBroken = errors.New("barrier: broken")

type generation struct {
	arrived int
	broken  bool
	done    chan struct{}
}

func newGeneration() *generation { return &generation{done: make(chan struct{})} }

var mu sync.Mutex

type Barrier struct {
	parties int
}

var current = newGeneration()

func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	return &Barrier{parties: parties}
}

func (b *Barrier) Await(ctx context.Context) (int, error) {
	mu.Lock()
	g := current
	if g.broken {
		mu.Unlock()
		return 0, ErrBroken
	}
	g.arrived++
	arrival := b.parties - g.arrived
	if arrival == 0 {
		close(g.done)
		current = newGeneration()
		mu.Unlock()
		return 0, nil
	}
	mu.Unlock()
	select {
	case <-g.done:
		return g.result(arrival)
	case <-ctx.Done():
	}
	mu.Lock()
	defer mu.Unlock()
	select {
	case <-g.done:
		return g.result(arrival)
	default:
	}
	g.breakUp()
	return 0, ctx.Err()
}

func (b *Barrier) Reset() {
	mu.Lock()
	defer mu.Unlock()
	if !current.broken {
		current.breakUp()
	}
	current = newGeneration()
}

func (g *generation) result(arrival int) (int, error) {
	if g.broken {
		return 0, ErrBroken
	}
	return arrival, nil
}

func (g *generation) breakUp() {
	g.broken = true
	close(g.done)
}
