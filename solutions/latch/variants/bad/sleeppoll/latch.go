// Package latch is a known-bad Latch.
//
// Bug: Wait polls: it looks at the count and its ctx, then sleeps a millisecond and
// looks again. The results are right, but every release comes up to a millisecond late
// (and so does the ctx's end), and a waiter wakes a thousand times a second. Verdict:
// "late:" (in fake time; the real-time probe would say "sleep-polling").
package latch

import (
	"context"
	"sync"
	"time"
)

func (l *Latch) Wait(ctx context.Context) error {
	for {
		if l.Count() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(time.Millisecond)
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
