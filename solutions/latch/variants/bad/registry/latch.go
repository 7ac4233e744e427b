// Package latch is a known-bad Latch.
//
// Bug: each waiter registers a channel of its own, and CountDown closes them all when
// the round ends; but a waiter whose ctx ends first returns without taking its channel
// off the list. A Latch whose round runs long (or never ends) grows with every timed-out
// Wait. Verdict: "registration leak".
package latch

import (
	"context"
	"sync"
)

type Latch struct {
	mu      sync.Mutex
	count   int
	waiters []chan struct{}
}

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	return &Latch{count: count}
}

func (l *Latch) CountDown() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count == 0 {
		return
	}
	l.count--
	if l.count == 0 {
		for _, ch := range l.waiters {
			close(ch)
		}
		l.waiters = nil
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
	l.waiters = append(l.waiters, ch)
	l.mu.Unlock()
	select {
	case <-ch:
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
