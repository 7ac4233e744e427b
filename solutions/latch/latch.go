// Package latch is the reference solution of the Latch kata.
package latch

import (
	"context"
	"sync"
	"sync/atomic"
)

// A Latch gives each round that someone waits on a channel of its own, closed when the
// round's count reaches zero. Closing a channel wakes every receiver, now and later, and
// a waiter keeps the channel of the round it waits on, so a new round (a new channel)
// can never hold it.
//
// The count is an atomic, so that the calls that cannot end a round (a CountDown above
// one, a Wait at zero, TrySetCount, Count) cost one atomic operation, as a
// sync.WaitGroup's do. The mutex is for the moments a round's channel matters: the
// first waiter of a round makes the channel, and the CountDown that takes the count from
// one to zero closes it. Since the count reaches zero only under the mutex, a waiter that
// finds it above zero under the mutex has its channel closed by that CountDown. A round
// that nobody waits on makes no channel and allocates nothing.
type Latch struct {
	count atomic.Int64
	mu    sync.Mutex
	done  chan struct{} // the current round's channel, made by its first waiter; nil before
}

// New returns a Latch whose count is count. It panics with "latch: negative count" when
// count < 0.
func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	l := &Latch{}
	l.count.Store(int64(count))
	return l
}

// CountDown takes one off the count; when that brings it to zero, it releases every
// goroutine waiting in this round. At zero it does nothing.
func (l *Latch) CountDown() {
	// Above one, the round goes on: no lock.
	for c := l.count.Load(); c > 1; c = l.count.Load() {
		if l.count.CompareAndSwap(c, c-1) {
			return
		}
	}
	// At one, this CountDown may end the round: under the lock, where the count may
	// have changed since (another CountDown ended the round, then a new one started).
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := l.count.Load(); c > 0; c = l.count.Load() {
		if l.count.CompareAndSwap(c, c-1) {
			if c == 1 && l.done != nil {
				close(l.done)
				l.done = nil // the next round's first waiter makes its own
			}
			return
		}
	}
}

// Count returns the current count.
func (l *Latch) Count() int {
	return int(l.count.Load())
}

// Wait blocks until the count of the current round reaches zero and returns nil, or
// until ctx ends and returns ctx.Err(). When the count is zero now, it returns nil at
// once, even if ctx is done.
func (l *Latch) Wait(ctx context.Context) error {
	done := l.round()
	if done == nil {
		return nil // the count is zero now: ctx does not matter
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// round returns the current round's channel, made by its first waiter, or nil when the
// count is zero.
func (l *Latch) round() <-chan struct{} {
	if l.count.Load() == 0 {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count.Load() == 0 {
		return nil // the round ended meanwhile
	}
	if l.done == nil {
		l.done = make(chan struct{})
	}
	return l.done
}

// TrySetCount starts a new round with the given count when the count is zero and
// count > 0, and reports whether it did. The previous round's channel, if it had one,
// was closed and dropped under the lock as its count reached zero.
func (l *Latch) TrySetCount(count int) bool {
	return count > 0 && l.count.CompareAndSwap(0, int64(count))
}
