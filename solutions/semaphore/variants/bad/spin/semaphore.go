// Package semaphore is a known-bad Weighted.
//
// Bug: Acquire spins: it tries to take the tokens in a loop, looking at its ctx and
// yielding with runtime.Gosched in between. A waiting goroutine burns a CPU (and nobody
// keeps the line). Verdict: "busy-wait".
package semaphore

import (
	"context"
	"runtime"
	"sync"
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
		runtime.Gosched()
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
