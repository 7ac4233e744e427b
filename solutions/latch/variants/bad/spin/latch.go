// Package latch is a known-bad Latch.
//
// Bug: Wait spins: it looks at the count and its ctx in a loop, yielding with
// runtime.Gosched. The results are right, but a waiting goroutine burns a CPU, and in a
// synctest bubble fake time can never move on. Verdict: "busy-wait" (from the watchdog).
package latch

import (
	"context"
	"runtime"
	"sync"
)

func (l *Latch) Wait(ctx context.Context) error {
	for l.Count() > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		runtime.Gosched()
	}
	return nil
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
