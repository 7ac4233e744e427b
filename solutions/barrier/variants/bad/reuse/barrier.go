// Package barrier is a known-bad Barrier.
//
// Bug: the classic reuse bug. Waiters sleep on a sync.Cond until the count is back at
// zero; the last arrival resets the count and broadcasts. But when it (or anyone) calls
// Await again before the released waiters have run, the count is 1 again and they go
// back to sleep, held by the next generation. Verdict: "reuse bug".
package barrier

import (
	"context"
	"errors"
	"sync"
)

var ErrBroken = errors.New("barrier: broken")

type Barrier struct {
	parties int
	mu      sync.Mutex
	cond    *sync.Cond
	count   int
	broken  bool
}

func New(parties int) *Barrier {
	if parties < 1 {
		panic("barrier: parties < 1")
	}
	b := &Barrier{parties: parties}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Barrier) Await(ctx context.Context) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.broken {
		return 0, ErrBroken
	}
	b.count++
	arrival := b.parties - b.count
	if arrival == 0 {
		b.count = 0
		b.cond.Broadcast()
		return 0, nil
	}
	stop := context.AfterFunc(ctx, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.cond.Broadcast()
	})
	defer stop()
	for b.count != 0 && !b.broken && ctx.Err() == nil {
		b.cond.Wait()
	}
	switch {
	case b.broken:
		return 0, ErrBroken
	case b.count == 0:
		return arrival, nil
	}
	b.broken = true
	b.count = 0
	b.cond.Broadcast()
	return 0, ctx.Err()
}

func (b *Barrier) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.count > 0 {
		b.broken = true
		b.cond.Broadcast()
	}
	b.count = 0
	b.broken = false
}
