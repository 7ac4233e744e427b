// Package latch is a known-bad Latch.
//
// Bug: TrySetCount sets the count whenever it is asked to, not only at zero, so it
// resets a round in progress (and its waiters wait for the new count). Verdict:
// "TrySetCount(5) returned true, want false".
package latch

import (
	"context"
	"sync"
)

type Latch struct {
	mu    sync.Mutex
	count int
	done  chan struct{}
}

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

func (l *Latch) Count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count
}

func (l *Latch) TrySetCount(count int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if count <= 0 {
		return false
	}
	if l.count == 0 {
		l.done = make(chan struct{})
	}
	l.count = count
	return true
}

func (l *Latch) Wait(ctx context.Context) error {
	l.mu.Lock()
	done := l.done
	l.mu.Unlock()
	select {
	case <-done:
		return nil
	default:
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
