// Package latch is a known-bad Latch.
//
// Bug: the lock, the Cond and the round number live in package variables, shared by
// every Latch. Each Latch has its own count, so one goroutine at a time sees nothing
// wrong; but a round ending on one Latch bumps the shared round number and releases the
// waiters of every other Latch. Verdict: "separate Latches must not share state".
package latch

import (
	"context"
	"sync"
)

var (
	mu    sync.Mutex
	cond  = sync.NewCond(&mu)
	round int // rounds ended so far
)

type Latch struct{ count int }

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	return &Latch{count: count}
}

func (l *Latch) CountDown() {
	mu.Lock()
	defer mu.Unlock()
	if l.count == 0 {
		return
	}
	l.count--
	if l.count == 0 {
		round++
		cond.Broadcast()
	}
}

func (l *Latch) Count() int {
	mu.Lock()
	defer mu.Unlock()
	return l.count
}

func (l *Latch) Wait(ctx context.Context) error {
	mu.Lock()
	defer mu.Unlock()
	if l.count == 0 {
		return nil
	}
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		cond.Broadcast()
	})
	defer stop()
	for r := round; round == r; {
		if err := ctx.Err(); err != nil {
			return err
		}
		cond.Wait()
	}
	return nil
}

func (l *Latch) TrySetCount(count int) bool {
	mu.Lock()
	defer mu.Unlock()
	if l.count != 0 || count <= 0 {
		return false
	}
	l.count = count
	return true
}
