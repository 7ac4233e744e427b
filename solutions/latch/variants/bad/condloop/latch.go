// Package latch is a known-bad Latch.
//
// Bug: the lost wakeup of the classic `for count > 0 { cond.Wait() }` loop. When a round
// ends, CountDown broadcasts; but if TrySetCount starts the next round before a released
// waiter runs again, the waiter re-checks the count, finds it above zero and waits again:
// the next round holds it. (Its ctx handling, context.AfterFunc with a Broadcast, is
// fine.) Verdict: "lost wakeup".
package latch

import (
	"context"
	"sync"
)

type Latch struct {
	mu    sync.Mutex
	cond  sync.Cond
	count int
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
	stop := context.AfterFunc(ctx, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.cond.Broadcast()
	})
	defer stop()
	for l.count > 0 {
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
