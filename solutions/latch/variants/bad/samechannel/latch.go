// Package latch is a known-bad Latch.
//
// Bug: one channel for the life of the Latch, closed when the first round ends and never
// replaced: TrySetCount sets the count but keeps the closed channel, so every waiter of
// a later round is released at once, while the count is still above zero. Verdict:
// "returned nil ... while the count was".
package latch

import (
	"context"
	"sync"
)

type Latch struct {
	mu     sync.Mutex
	count  int
	done   chan struct{}
	closed bool
}

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	l := &Latch{count: count, done: make(chan struct{})}
	if count == 0 {
		close(l.done)
		l.closed = true
	}
	return l
}

func (l *Latch) CountDown() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count == 0 {
		return
	}
	l.count--
	if l.count == 0 && !l.closed {
		close(l.done)
		l.closed = true
	}
}

func (l *Latch) Count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count
}

func (l *Latch) Wait(ctx context.Context) error {
	l.mu.Lock()
	if l.count == 0 {
		l.mu.Unlock()
		return nil
	}
	l.mu.Unlock()
	select {
	case <-l.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *Latch) TrySetCount(count int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count != 0 || count <= 0 {
		return false
	}
	l.count = count
	return true
}
