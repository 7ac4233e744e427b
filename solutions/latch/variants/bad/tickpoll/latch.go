// Package latch is a known-bad Latch.
//
// Bug: Wait polls on a timer instead of time.Sleep: it selects on ctx.Done() and
// time.After(10ms), then looks at the count again. It never spins or sleeps, and a ctx
// ends it on time, but a waiter learns that its round ended only at the next tick.
// (It also waits on the count, not on its round.) Verdict: "late".
package latch

import (
	"context"
	"sync"
	"time"
)

func (l *Latch) Wait(ctx context.Context) error {
	for l.Count() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

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
	if l.count != 0 || count <= 0 {
		return false
	}
	l.count = count
	l.done = make(chan struct{})
	return true
}
