// Package boundedqueue is a correct Queue with a mutex, a slice of items and FIFO lists of
// waiters, each with a channel of its own. A call that frees room or brings an item hands
// it over to the first waiter of the other side directly (the waiter's item goes into the
// queue, or the item goes to the waiting Take) and closes its channel, so a woken waiter
// never has to compete for what it was given. A waiter whose ctx ends takes itself off its
// list, unless it was served first, in which case it returns what it was given.
package boundedqueue

import (
	"context"
	"sync"
)

// A waiter is a waiting Put (v is its item) or Take (v is what it was given).
type waiter[T any] struct {
	v      T
	served bool
	ch     chan struct{} // closed when served
}

type Queue[T any] struct {
	mu      sync.Mutex
	items   []T
	cap     int
	putters []*waiter[T] // waiting Puts, first come first; only while the queue is full
	takers  []*waiter[T] // waiting Takes, first come first; only while the queue is empty
}

func New[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("boundedqueue: capacity < 1")
	}
	return &Queue[T]{cap: capacity}
}

func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	if len(q.takers) > 0 { // the queue is empty: hand v to the first waiting Take
		w := q.takers[0]
		q.takers = q.takers[1:]
		w.v, w.served = v, true
		close(w.ch)
		q.mu.Unlock()
		return nil
	}
	if len(q.items) < q.cap {
		q.items = append(q.items, v)
		q.mu.Unlock()
		return nil
	}
	if err := ctx.Err(); err != nil {
		q.mu.Unlock()
		return err
	}
	w := &waiter[T]{v: v, ch: make(chan struct{})}
	q.putters = append(q.putters, w)
	q.mu.Unlock()
	select {
	case <-w.ch:
		return nil
	case <-ctx.Done():
		q.mu.Lock()
		defer q.mu.Unlock()
		if w.served {
			return nil // a Take put v in before ctx ended
		}
		q.putters = remove(q.putters, w)
		return ctx.Err()
	}
}

func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	var zero T
	q.mu.Lock()
	if len(q.items) > 0 {
		v := q.items[0]
		q.items[0] = zero
		q.items = q.items[1:]
		if len(q.putters) > 0 { // room now: the first waiting Put's item goes in
			w := q.putters[0]
			q.putters = q.putters[1:]
			q.items = append(q.items, w.v)
			w.served = true
			close(w.ch)
		}
		q.mu.Unlock()
		return v, nil
	}
	if err := ctx.Err(); err != nil {
		q.mu.Unlock()
		return zero, err
	}
	w := &waiter[T]{ch: make(chan struct{})}
	q.takers = append(q.takers, w)
	q.mu.Unlock()
	select {
	case <-w.ch:
		return w.v, nil
	case <-ctx.Done():
		q.mu.Lock()
		defer q.mu.Unlock()
		if w.served {
			return w.v, nil // a Put handed an item over before ctx ended
		}
		q.takers = remove(q.takers, w)
		return zero, ctx.Err()
	}
}

func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func remove[T any](ws []*waiter[T], w *waiter[T]) []*waiter[T] {
	for i, x := range ws {
		if x == w {
			return append(ws[:i], ws[i+1:]...)
		}
	}
	return ws
}
