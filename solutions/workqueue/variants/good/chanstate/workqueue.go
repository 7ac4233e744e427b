// Package workqueue is a correct Queue that shares memory by communicating: its whole
// state travels through a channel of capacity 1, and whoever has received it may change
// it, then sends it back (the channel is the lock). A waiting Get leaves a channel of its
// own in the state for a Put to hand an item through; joiners wait on the channel of the
// current round, closed when the count of unfinished tasks comes down to zero.
package workqueue

import "context"

type state[T any] struct {
	items      []T
	getters    []chan T // waiting Gets, first come first; each buffered 1
	unfinished int
	idle       chan struct{} // closed exactly when unfinished is zero
}

type Queue[T any] struct {
	st chan *state[T] // holds the state while nobody uses it
}

func New[T any]() *Queue[T] {
	idle := make(chan struct{})
	close(idle)
	q := &Queue[T]{st: make(chan *state[T], 1)}
	q.st <- &state[T]{idle: idle}
	return q
}

func (q *Queue[T]) Put(v T) {
	s := <-q.st
	defer func() { q.st <- s }()
	if s.unfinished == 0 {
		s.idle = make(chan struct{})
	}
	s.unfinished++
	if len(s.getters) > 0 {
		g := s.getters[0]
		s.getters = s.getters[1:]
		g <- v // never blocks: buffered, and only this Put serves g
		return
	}
	s.items = append(s.items, v)
}

func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	var zero T
	s := <-q.st
	if len(s.items) > 0 {
		v := s.items[0]
		s.items[0] = zero
		s.items = s.items[1:]
		q.st <- s
		return v, nil
	}
	if err := ctx.Err(); err != nil {
		q.st <- s
		return zero, err
	}
	g := make(chan T, 1)
	s.getters = append(s.getters, g)
	q.st <- s
	select {
	case v := <-g:
		return v, nil
	case <-ctx.Done():
		s := <-q.st
		defer func() { q.st <- s }()
		for i, x := range s.getters {
			if x == g {
				s.getters = append(s.getters[:i], s.getters[i+1:]...)
				return zero, ctx.Err()
			}
		}
		return <-g, nil // a Put served g before ctx ended: keep its item
	}
}

func (q *Queue[T]) TaskDone() {
	s := <-q.st
	defer func() { q.st <- s }()
	if s.unfinished == 0 {
		panic("workqueue: TaskDone called more times than Put")
	}
	s.unfinished--
	if s.unfinished == 0 {
		close(s.idle)
	}
}

func (q *Queue[T]) Join(ctx context.Context) error {
	s := <-q.st
	idle := s.idle
	q.st <- s
	select {
	case <-idle:
		return nil
	default:
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
