// Package latch is a known-bad Latch.
//
// Bug: when a round ends, CountDown wakes one waiter with cond.Signal instead of all of
// them with Broadcast. The other waiters of the round sleep on until something else
// wakes them (here, another waiter's ctx ending), or until their own ctx ends.
// Verdict: "releases every waiter of the round".
package latch

import (
	"context"
	"sync"
)

type Latch struct {
	mu    sync.Mutex
	cond  sync.Cond
	count int
	round int // rounds ended so far
}

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	l := &Latch{count: count}
	l.cond.L = &l.mu
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
		l.round++
		l.cond.Signal()
	}
}

func (l *Latch) Count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count
}

func (l *Latch) Wait(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.count == 0 {
		return nil
	}
	stop := context.AfterFunc(ctx, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.cond.Broadcast()
	})
	defer stop()
	for round := l.round; l.round == round; {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.cond.Wait()
	}
	return nil
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
