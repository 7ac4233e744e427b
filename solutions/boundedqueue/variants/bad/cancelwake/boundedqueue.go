// Package boundedqueue is a known-bad Queue.
//
// Bug: a waiter that wakes up looks at its ctx before it looks at the queue. When a Take
// wakes the first waiting Put at the very instant that Put's ctx ends, the Put gives up
// and the wakeup (the room) is lost: the next waiting Put sleeps on although there is
// room. Verdict: "lost wakeup".
package boundedqueue

import (
	"context"
	"sync"
)

type Queue[T any] struct {
	mu      sync.Mutex
	items   []T
	cap     int
	putters []chan struct{} // waiting Puts, first come first; closed to wake one
	takers  []chan struct{}
}

func New[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("boundedqueue: capacity < 1")
	}
	return &Queue[T]{cap: capacity}
}

func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == q.cap {
		if err := q.wait(ctx, &q.putters); err != nil {
			return err
		}
	}
	q.items = append(q.items, v)
	q.takers = wakeFirst(q.takers)
	return nil
}

func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero T
	for len(q.items) == 0 {
		if err := q.wait(ctx, &q.takers); err != nil {
			return zero, err
		}
	}
	v := q.items[0]
	q.items[0] = zero
	q.items = q.items[1:]
	q.putters = wakeFirst(q.putters)
	return v, nil
}

func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

// wait queues a channel on list and waits, with q.mu released, until it is closed or ctx
// ends.
func (q *Queue[T]) wait(ctx context.Context, list *[]chan struct{}) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := make(chan struct{})
	*list = append(*list, w)
	q.mu.Unlock()
	select {
	case <-w:
	case <-ctx.Done():
	}
	q.mu.Lock()
	for i, x := range *list {
		if x == w {
			*list = append((*list)[:i], (*list)[i+1:]...)
			break
		}
	}
	return ctx.Err() // BUG: woken and canceled at once, it drops the wakeup
}

func wakeFirst(list []chan struct{}) []chan struct{} {
	if len(list) == 0 {
		return list
	}
	close(list[0])
	return list[1:]
}
