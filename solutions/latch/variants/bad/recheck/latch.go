// Package latch is a known-bad Latch.
//
// Bug: the same lost wakeup with channels. Each round has a channel, closed at zero, but
// a woken waiter goes back to the top of its loop and re-checks the count; when
// TrySetCount has started the next round in the meantime, it fetches the new round's
// channel and waits on that. Verdict: "lost wakeup".
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
	return &Latch{count: count, done: make(chan struct{})}
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

func (l *Latch) Wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		count, done := l.count, l.done
		l.mu.Unlock()
		if count == 0 {
			return nil
		}
		select {
		case <-done: // look again
		case <-ctx.Done():
			return ctx.Err()
		}
	}
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
