// Package barrier is a known-bad Barrier.
//
// Bug: a Cond-based monitor with a generation per round, but the last arrival wakes only
// one waiter with Signal: with three parties or more, a waiter of the completed generation
// stays asleep. Verdict: "not released".
package barrier

import (
	"context"
	"errors"
	"sync"
)

var ErrBroken = errors.New("barrier: broken")

type round struct {
	arrived      int
	over, broken bool
}

type Barrier struct {
	parties int
	mu      sync.Mutex
	cond    *sync.Cond
	cur     *round
}

func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	b := &Barrier{parties: parties, cur: &round{}}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Barrier) Await(ctx context.Context) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.cur
	if r.broken {
		return 0, ErrBroken
	}
	r.arrived++
	arrival := b.parties - r.arrived
	if arrival == 0 {
		r.over = true
		b.cur = &round{}
		b.cond.Signal() // wakes one waiter of the round
		return 0, nil
	}
	stop := context.AfterFunc(ctx, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.cond.Broadcast()
	})
	defer stop()
	for !r.over && ctx.Err() == nil {
		b.cond.Wait()
	}
	if r.over {
		if r.broken {
			return 0, ErrBroken
		}
		return arrival, nil
	}
	r.over, r.broken = true, true
	b.cond.Broadcast()
	return 0, ctx.Err()
}

func (b *Barrier) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.cur.broken {
		b.cur.over, b.cur.broken = true, true
		b.cond.Broadcast()
	}
	b.cur = &round{}
}
