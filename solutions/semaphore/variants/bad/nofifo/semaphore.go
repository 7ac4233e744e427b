// Package semaphore is a known-bad Weighted.
//
// Bug: no first come, first served. Acquire takes the tokens whenever they are free, even
// with waiters in line, and Release lets in every waiter that fits, wherever it is in the
// line. Small requests overtake a large one, which may wait forever (starvation).
// Verdict: "not first come, first served".
package semaphore

import (
	"container/list"
	"context"
	"sync"
)

// A Weighted keeps its count under a mutex and a line of waiters, each with a channel of
// its own. Whoever frees tokens (Release, or a waiter at the head that gives up) hands
// them to the waiters at the head of the line that fit: it counts their tokens as held
// and closes their channels, so nobody can take them in between.
type Weighted struct {
	mu      sync.Mutex
	size    int64
	cur     int64     // tokens held
	waiters list.List // of *waiter, first come first
}

type waiter struct {
	n     int64
	ready chan struct{} // closed when the waiter has its tokens
}

// New returns a Weighted of size tokens. It panics with "semaphore: negative size" when
// size < 0.
func New(size int64) *Weighted {
	if size < 0 {
		panic("semaphore: negative size")
	}
	return &Weighted{size: size}
}

// Acquire takes n tokens, waiting for them and for every earlier waiter, or returns
// ctx.Err() holding nothing when ctx ends first.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	s.mu.Lock()
	if s.size-s.cur >= n { // (wrong: the waiters in line come first)
		s.cur += n
		s.mu.Unlock()
		return nil
	}
	if n > s.size {
		// It can never succeed: wait for ctx without holding up anyone.
		s.mu.Unlock()
		<-ctx.Done()
		return ctx.Err()
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	elem := s.waiters.PushBack(w)
	s.mu.Unlock()

	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-w.ready:
		// The tokens came as ctx ended: give them back, as if they never came.
		s.cur -= n
		s.notifyWaiters()
	default:
		front := s.waiters.Front() == elem
		s.waiters.Remove(elem)
		if front {
			// The waiters behind it may fit now.
			s.notifyWaiters()
		}
	}
	return ctx.Err()
}

// TryAcquire takes n tokens and reports true if they are free and nobody waits.
func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size-s.cur >= n && s.waiters.Len() == 0 {
		s.cur += n
		return true
	}
	return false
}

// Release gives back n tokens and lets in the waiters at the head of the line that fit.
// It panics with "semaphore: released more than held" when fewer than n are held.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > s.cur {
		panic("semaphore: released more than held")
	}
	s.cur -= n
	s.notifyWaiters()
}

// notifyWaiters hands tokens to the waiters at the head of the line, in order, while the
// next one fits. s.mu is held.
func (s *Weighted) notifyWaiters() {
	for e := s.waiters.Front(); e != nil; {
		w, next := e.Value.(*waiter), e.Next()
		if s.size-s.cur >= w.n { // whoever fits (wrong: the head first)
			s.cur += w.n
			s.waiters.Remove(e)
			close(w.ready)
		}
		e = next
	}
}
