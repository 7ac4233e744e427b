// Package latch is a correct Latch with a sync.Cond and a round number.
package latch

import (
	"context"
	"sync"
)

// A Latch keeps its count and the number of rounds ended under a mutex; waiters sleep on
// a Cond until the round number moves past the round they wait on. A waiter compares
// round numbers, never the count, so the next round cannot hold it.
type Latch struct {
	mu    sync.Mutex
	cond  sync.Cond
	count int
	ended uint64 // rounds ended so far
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
		l.ended++
		l.cond.Broadcast()
	}
}

func (l *Latch) Count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count
}

// Wait sleeps on the Cond. cond.Wait cannot watch ctx, so context.AfterFunc broadcasts
// when ctx ends (taking the lock first, so the wakeup cannot slip in between the
// waiter's look at ctx.Err and its cond.Wait), and stop takes that registration off ctx
// when Wait returns.
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
	for round := l.ended; l.ended == round; {
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
