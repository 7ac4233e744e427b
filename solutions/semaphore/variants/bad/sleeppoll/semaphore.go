// Package semaphore is a known-bad Weighted.
//
// Bug: Acquire polls: it tries to take the tokens, and when they are not free, sleeps a
// millisecond and tries again. Every waiter gets in up to a millisecond late, wakes a
// thousand times a second, and nobody keeps the line. Verdict: "sleep-polling".
package semaphore

import (
	"context"
	"sync"
	"time"
)

type Weighted struct {
	mu   sync.Mutex
	size int64
	cur  int64
}

func New(size int64) *Weighted {
	if size < 0 {
		panic("semaphore: negative size")
	}
	return &Weighted{size: size}
}

func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	for !s.TryAcquire(n) {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(time.Millisecond)
	}
	return nil
}

func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size-s.cur >= n {
		s.cur += n
		return true
	}
	return false
}

func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > s.cur {
		panic("semaphore: released more than held")
	}
	s.cur -= n
}
