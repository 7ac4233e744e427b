// Package barrier is a known-bad Barrier.
//
// Bug: a waiter polls its generation and its ctx, sleeping a millisecond between looks.
// Verdict: "sleep".
package barrier

import (
	"context"
	"errors"
	"sync"
	"time"
)

var ErrBroken = errors.New("barrier: broken")

type generation struct {
	arrived int
	broken  bool
	done    chan struct{}
}

func newGeneration() *generation { return &generation{done: make(chan struct{})} }

type Barrier struct {
	parties int
	mu      sync.Mutex
	gen     *generation
}

func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	return &Barrier{parties: parties, gen: newGeneration()}
}

func (b *Barrier) Await(ctx context.Context) (int, error) {
	b.mu.Lock()
	g := b.gen
	if g.broken {
		b.mu.Unlock()
		return 0, ErrBroken
	}
	g.arrived++
	arrival := b.parties - g.arrived
	if arrival == 0 {
		close(g.done)
		b.gen = newGeneration()
		b.mu.Unlock()
		return 0, nil
	}
	b.mu.Unlock()
	for !g.isDone() && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-g.done:
		return g.result(arrival)
	default:
	}
	g.breakUp()
	return 0, ctx.Err()
}

func (b *Barrier) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.gen.broken {
		b.gen.breakUp()
	}
	b.gen = newGeneration()
}

func (g *generation) result(arrival int) (int, error) {
	if g.broken {
		return 0, ErrBroken
	}
	return arrival, nil
}

func (g *generation) isDone() bool {
	select {
	case <-g.done:
		return true
	default:
		return false
	}
}

func (g *generation) breakUp() {
	g.broken = true
	close(g.done)
}
