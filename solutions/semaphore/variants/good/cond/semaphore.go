// Package semaphore is a correct Weighted: a monitor, with a sync.Cond.
//
// The count and the line of waiters are guarded by a mutex; waiters wait on one
// sync.Cond. Whoever frees tokens marks the waiters at the head that fit as in (and
// counts their tokens) before it broadcasts, so a woken waiter just looks at its own
// mark. cond.Wait cannot watch a context, so context.AfterFunc broadcasts when ctx ends,
// and its stop function is called before Acquire returns.
package semaphore

import (
	"context"
	"sync"
)

type Weighted struct {
	mu   sync.Mutex
	cond sync.Cond
	size int64
	cur  int64
	line []*waiter // first come first
}

type waiter struct {
	n  int64
	in bool // has its tokens
}

func New(size int64) *Weighted {
	if size < 0 {
		panic("semaphore: negative size")
	}
	s := &Weighted{size: size}
	s.cond.L = &s.mu
	return s
}

func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size-s.cur >= n && len(s.line) == 0 {
		s.cur += n
		return nil
	}
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.cond.Broadcast()
	})
	defer stop()
	if n > s.size { // it can never succeed: wait outside the line
		for ctx.Err() == nil {
			s.cond.Wait()
		}
		return ctx.Err()
	}
	w := &waiter{n: n}
	s.line = append(s.line, w)
	for !w.in && ctx.Err() == nil {
		s.cond.Wait()
	}
	if w.in {
		return nil
	}
	first := s.line[0] == w
	for i, x := range s.line {
		if x == w {
			s.line = append(s.line[:i], s.line[i+1:]...)
			break
		}
	}
	if first {
		s.letIn() // the waiters behind it may fit now
	}
	return ctx.Err()
}

func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size-s.cur >= n && len(s.line) == 0 {
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
	s.letIn()
}

// letIn marks the waiters at the head of the line that fit as in, in order, and wakes
// them. s.mu is held.
func (s *Weighted) letIn() {
	woke := false
	for len(s.line) > 0 && s.size-s.cur >= s.line[0].n {
		s.cur += s.line[0].n
		s.line[0].in = true
		s.line = s.line[1:]
		woke = true
	}
	if woke {
		s.cond.Broadcast()
	}
}
