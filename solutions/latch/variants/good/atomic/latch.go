// Package latch is a correct Latch with atomics and a channel per round, and no lock.
package latch

import (
	"context"
	"sync/atomic"
)

// A round is one round of a Latch: its count, and a channel closed when the count
// reaches zero. A round's count only goes down, and once it is zero it stays zero.
type round struct {
	count atomic.Int64
	done  chan struct{}
}

func newRound(count int) *round {
	r := &round{done: make(chan struct{})}
	r.count.Store(int64(count))
	if count == 0 {
		close(r.done)
	}
	return r
}

// A Latch points at its current round. TrySetCount replaces a round only once its count
// is zero, with a compare-and-swap, so a waiter holding an old round is never held by
// the new one.
type Latch struct {
	cur atomic.Pointer[round]
}

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	l := &Latch{}
	l.cur.Store(newRound(count))
	return l
}

func (l *Latch) CountDown() {
	r := l.cur.Load()
	for {
		c := r.count.Load()
		if c == 0 {
			return // the round has ended (a later round may have started since, also fine)
		}
		if r.count.CompareAndSwap(c, c-1) {
			if c == 1 {
				close(r.done) // only the CountDown that took the count to zero gets here
			}
			return
		}
	}
}

func (l *Latch) Count() int { return int(l.cur.Load().count.Load()) }

func (l *Latch) Wait(ctx context.Context) error {
	r := l.cur.Load()
	if r.count.Load() == 0 {
		return nil
	}
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *Latch) TrySetCount(count int) bool {
	r := l.cur.Load()
	if count <= 0 || r.count.Load() != 0 {
		return false
	}
	return l.cur.CompareAndSwap(r, newRound(count))
}
