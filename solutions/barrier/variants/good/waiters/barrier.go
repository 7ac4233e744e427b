// Package barrier is a correct Barrier with a mutex and a list of the waiting goroutines'
// channels: the last arrival hands each waiter its result on its own channel; a waiter
// whose ctx ends, or Reset, hands ErrBroken to the others.
package barrier

import (
	"context"
	"errors"
	"sync"
)

var ErrBroken = errors.New("barrier: broken")

type result struct {
	arrival int
	err     error
}

type Barrier struct {
	parties int
	mu      sync.Mutex
	waiting []chan result // the waiters of the current generation, each with a buffer of one
	broken  bool
}

func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	return &Barrier{parties: parties}
}

func (b *Barrier) Await(ctx context.Context) (int, error) {
	b.mu.Lock()
	if b.broken {
		b.mu.Unlock()
		return 0, ErrBroken
	}
	arrival := b.parties - 1 - len(b.waiting)
	if arrival == 0 {
		for i, ch := range b.waiting {
			ch <- result{arrival: b.parties - 1 - i}
		}
		b.waiting = nil
		b.mu.Unlock()
		return 0, nil
	}
	me := make(chan result, 1)
	b.waiting = append(b.waiting, me)
	b.mu.Unlock()

	select {
	case r := <-me:
		return r.arrival, r.err
	case <-ctx.Done():
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case r := <-me: // released before this waiter took the lock
		return r.arrival, r.err
	default:
	}
	for _, ch := range b.waiting {
		if ch != me {
			ch <- result{err: ErrBroken}
		}
	}
	b.waiting = nil
	b.broken = true
	return 0, ctx.Err()
}

func (b *Barrier) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.waiting {
		ch <- result{err: ErrBroken}
	}
	b.waiting = nil
	b.broken = false
}
