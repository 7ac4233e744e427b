// Package latch is a known-bad Latch.
//
// Bug: Wait wakes itself on ctx's end with context.AfterFunc, but never calls the stop
// function AfterFunc returns. When the round ends first, the registration stays in ctx
// until ctx ends, so a long-lived ctx used for many Waits grows with each one (and its
// end wakes every Latch it was ever used with). Verdict: "registration leak".
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
		l.cond.Broadcast()
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
	context.AfterFunc(ctx, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.cond.Broadcast()
	})
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
