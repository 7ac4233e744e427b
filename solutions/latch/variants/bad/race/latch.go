// Package latch is a known-bad Latch.
//
// Bug: Count and Wait's fast path read the count without the lock ("it is only a read"),
// racing with CountDown and TrySetCount, which write it under the lock. Verdict: the race
// detector's "DATA RACE".
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

func (l *Latch) Count() int { return l.count }

func (l *Latch) Wait(ctx context.Context) error {
	if l.count == 0 {
		return nil
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
