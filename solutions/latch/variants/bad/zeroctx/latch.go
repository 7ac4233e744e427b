// Package latch is a known-bad Latch.
//
// Bug: Wait looks at its ctx first and returns ctx.Err() when ctx is done, even when the
// count is zero: a caller whose deadline has just passed is told it timed out although
// the latch is open. Verdict: "Wait(ctx) with ctx already canceled returned
// context.Canceled, want nil".
package latch

import (
	"context"
	"sync"
)

func (l *Latch) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.mu.Lock()
	done := l.done
	l.mu.Unlock()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
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
