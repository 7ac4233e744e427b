// Package semaphore is a correct Weighted: channels as tokens.
//
// A buffered channel of size slots holds one value per token held: taking a token is a
// send, giving one back a receive, and a send blocks while every token is held. A second
// channel of one slot is the head of the line: a caller holds it while it takes its
// tokens, one at a time, so nobody overtakes it; callers blocked sending on it are served
// first come, first served, as Go serves a channel's blocked senders. A waiter whose ctx
// ends gives back the tokens it has taken so far and steps aside for the next.
package semaphore

import "context"

type Weighted struct {
	size int64
	held chan struct{} // one value per token held
	head chan struct{} // holds a value while a caller takes its tokens
}

func New(size int64) *Weighted {
	if size < 0 {
		panic("semaphore: negative size")
	}
	return &Weighted{size: size, held: make(chan struct{}, size), head: make(chan struct{}, 1)}
}

func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	if n > s.size {
		<-ctx.Done() // it can never succeed: wait outside the line
		return ctx.Err()
	}
	select {
	case s.head <- struct{}{}:
	default:
		select {
		case s.head <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	defer func() { <-s.head }()
	for i := int64(0); i < n; i++ {
		select {
		case s.held <- struct{}{}:
		case <-ctx.Done():
			for range i {
				<-s.held // give back what was taken so far
			}
			return ctx.Err()
		}
	}
	return nil
}

func (s *Weighted) TryAcquire(n int64) bool {
	if n > s.size {
		return false
	}
	select {
	case s.head <- struct{}{}:
	default:
		return false // someone waits
	}
	defer func() { <-s.head }()
	if int64(cap(s.held)-len(s.held)) < n {
		return false
	}
	for range n {
		s.held <- struct{}{} // never blocks: only Release takes values out meanwhile
	}
	return true
}

func (s *Weighted) Release(n int64) {
	if int64(len(s.held)) < n {
		panic("semaphore: released more than held")
	}
	for range n {
		<-s.held
	}
}
