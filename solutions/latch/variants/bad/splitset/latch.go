// Package latch is a known-bad Latch.
//
// Bug: TrySetCount checks the count in one critical section and sets it in a second one
// right after. Every access is locked, so the race detector has nothing to say, but two
// TrySetCount calls at zero can both find the count zero, and both start a round and
// return true; a CountDown in the window is overwritten. No order of the calls explains
// that. Verdict: "not linearizable".
package latch

import (
	"context"
	"sync"
)

// A Latch keeps its count under a mutex and gives each round a channel of its own,
// closed when the round's count reaches zero. Closing a channel wakes every receiver,
// now and later, and a waiter keeps the channel of the round it waits on, so a new round
// (a new channel) can never hold it.
type Latch struct {
	mu    sync.Mutex
	count int
	done  chan struct{} // the current round's channel; closed exactly when count is zero
}

// New returns a Latch whose count is count. It panics with "latch: negative count" when
// count < 0.
func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	l := &Latch{count: count, done: make(chan struct{})}
	if count == 0 {
		close(l.done)
	}
	return l
}

// CountDown takes one off the count; when that brings it to zero, it releases every
// goroutine waiting in this round. At zero it does nothing.
func (l *Latch) CountDown() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count == 0 {
		return
	}
	l.count--
	if l.count == 0 {
		close(l.done)
	}
}

// Count returns the current count.
func (l *Latch) Count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count
}

// Wait blocks until the count of the current round reaches zero and returns nil, or
// until ctx ends and returns ctx.Err(). When the count is zero now, it returns nil at
// once, even if ctx is done.
func (l *Latch) Wait(ctx context.Context) error {
	done := l.round()
	select {
	case <-done:
		return nil // the count is zero now: ctx does not matter
	default:
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// round returns the current round's channel.
func (l *Latch) round() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.done
}

// TrySetCount starts a new round with the given count when the count is zero and
// count > 0, and reports whether it did.
func (l *Latch) TrySetCount(count int) bool {
	l.mu.Lock()
	zero := l.count == 0
	l.mu.Unlock()
	if !zero || count <= 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.count = count
	l.done = make(chan struct{})
	return true
}
