// Package barrier is a correct Barrier without a sync.Mutex: a channel with a buffer of
// one holds the current generation, and taking it out is taking the lock. Each
// generation has a channel closed when it completes or breaks. The last arrival with a
// ctx already done returns ctx.Err() and changes nothing (the other accepted behaviour).
package barrier

import (
	"context"
	"errors"
)

var ErrBroken = errors.New("barrier: broken")

type generation struct {
	arrived int
	broken  bool
	done    chan struct{}
}

type Barrier struct {
	parties int
	state   chan *generation // holds the current generation while nobody works on it
}

func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	b := &Barrier{parties: parties, state: make(chan *generation, 1)}
	b.state <- &generation{done: make(chan struct{})}
	return b
}

func (b *Barrier) Await(ctx context.Context) (int, error) {
	g := <-b.state
	if g.broken {
		b.state <- g
		return 0, ErrBroken
	}
	if g.arrived+1 == b.parties && ctx.Err() != nil {
		// The last arrival with a done ctx may proceed or change nothing; this one
		// changes nothing.
		b.state <- g
		return 0, ctx.Err()
	}
	g.arrived++
	arrival := b.parties - g.arrived
	if arrival == 0 {
		close(g.done)
		b.state <- &generation{done: make(chan struct{})}
		return 0, nil
	}
	b.state <- g

	select {
	case <-g.done:
		return outcome(g, arrival)
	case <-ctx.Done():
	}
	cur := <-b.state
	defer func() { b.state <- cur }()
	select {
	case <-g.done:
		return outcome(g, arrival)
	default:
	}
	g.broken = true // g is still the current generation: it stays broken until Reset
	close(g.done)
	return 0, ctx.Err()
}

func (b *Barrier) Reset() {
	g := <-b.state
	if !g.broken {
		g.broken = true
		close(g.done)
	}
	b.state <- &generation{done: make(chan struct{})}
}

func outcome(g *generation, arrival int) (int, error) {
	if g.broken {
		return 0, ErrBroken
	}
	return arrival, nil
}
