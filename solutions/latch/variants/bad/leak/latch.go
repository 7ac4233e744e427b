// Package latch is a known-bad Latch.
//
// Bug: Wait hands the waiting to a goroutine (cond.Wait until the round ends, then close
// a channel) and selects on that channel and ctx.Done(). When ctx ends first, Wait
// returns, and the goroutine stays blocked in cond.Wait until the round ends, forever if
// it never does. Verdict: "goroutine leak".
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
	if l.count == 0 {
		l.mu.Unlock()
		return nil
	}
	round := l.round
	l.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		l.mu.Lock()
		for l.round == round {
			l.cond.Wait()
		}
		l.mu.Unlock()
		close(done)
	}()
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
	return true
}
