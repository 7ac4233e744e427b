// Package workqueue is a correct Queue with waiter channels: a Put hands its item
// straight to the first waiting Get (through that Get's buffered channel) or appends it;
// a Get whose ctx ends takes itself off the list, unless it was served first, in which
// case it returns what it was given. Joiners wait on the channel of the current round,
// closed when the count of unfinished tasks comes down to zero.
package workqueue

import (
	"context"
	"sync"
)

type getter[T any] struct {
	ch chan T // buffered 1: the item handed over
}

type Queue[T any] struct {
	mu         sync.Mutex
	items      []T
	getters    []*getter[T] // waiting Gets, first come first; only while items is empty
	unfinished int
	idle       chan struct{} // closed exactly when unfinished is zero
}

func New[T any]() *Queue[T] {
	q := &Queue[T]{idle: make(chan struct{})}
	close(q.idle)
	return q
}

func (q *Queue[T]) Put(v T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished == 0 {
		q.idle = make(chan struct{})
	}
	q.unfinished++
	if len(q.getters) > 0 {
		g := q.getters[0]
		q.getters = q.getters[1:]
		g.ch <- v // never blocks: buffered, and only this Put serves g
		return
	}
	q.items = append(q.items, v)
}

func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	var zero T
	q.mu.Lock()
	if len(q.items) > 0 {
		v := q.items[0]
		q.items[0] = zero
		q.items = q.items[1:]
		q.mu.Unlock()
		return v, nil
	}
	if err := ctx.Err(); err != nil {
		q.mu.Unlock()
		return zero, err
	}
	g := &getter[T]{ch: make(chan T, 1)}
	q.getters = append(q.getters, g)
	q.mu.Unlock()
	select {
	case v := <-g.ch:
		return v, nil
	case <-ctx.Done():
		q.mu.Lock()
		defer q.mu.Unlock()
		for i, x := range q.getters {
			if x == g {
				q.getters = append(q.getters[:i], q.getters[i+1:]...)
				return zero, ctx.Err()
			}
		}
		return <-g.ch, nil // a Put served g before ctx ended: keep its item
	}
}

func (q *Queue[T]) TaskDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished == 0 {
		panic("workqueue: TaskDone called more times than Put")
	}
	q.unfinished--
	if q.unfinished == 0 {
		close(q.idle)
	}
}

func (q *Queue[T]) Join(ctx context.Context) error {
	q.mu.Lock()
	idle := q.idle
	q.mu.Unlock()
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
