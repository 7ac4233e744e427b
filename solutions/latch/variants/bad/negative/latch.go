// Package latch is a known-bad Latch.
//
// Bug: CountDown decrements without looking: at zero the count goes negative, and
// Count reports it. Verdict: "Count() returned -1, want 0".
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
	if l.count != 0 || count <= 0 {
		return false
	}
	l.count = count
	l.done = make(chan struct{})
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
