// Package latch is a correct Latch that keeps a set of waiters, each with a channel of
// its own.
package latch

import (
	"context"
	"sync"
)

// A Latch keeps its count and its waiters under a mutex. When a round ends, CountDown
// closes every waiter's channel and forgets them all; a waiter whose ctx ends first takes
// itself off the set.
type Latch struct {
	mu      sync.Mutex
	count   int
	waiters map[chan struct{}]struct{}
}

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	return &Latch{count: count, waiters: make(map[chan struct{}]struct{})}
}

func (l *Latch) CountDown() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count == 0 {
		return
	}
	l.count--
	if l.count == 0 {
		for ch := range l.waiters {
			close(ch)
		}
		clear(l.waiters)
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
	ch := make(chan struct{})
	l.waiters[ch] = struct{}{}
	l.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.waiters[ch]; !ok {
		return nil // the round ended before we took the lock: it released us first
	}
	delete(l.waiters, ch)
	return ctx.Err()
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
