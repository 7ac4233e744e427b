// Package boundedqueue is a correct Queue with a single sync.Cond: every change wakes
// every waiter with Broadcast, and each re-checks its own condition. Wasteful when many
// wait, but no wakeup can reach the wrong side and be lost.
package boundedqueue

import (
	"context"
	"sync"
)

type Queue[T any] struct {
	mu      sync.Mutex
	changed sync.Cond
	items   []T
	cap     int
}

func New[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("boundedqueue: capacity < 1")
	}
	q := &Queue[T]{cap: capacity}
	q.changed.L = &q.mu
	return q
}

func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := q.wait(ctx, func() bool { return len(q.items) < q.cap }); err != nil {
		return err
	}
	q.items = append(q.items, v)
	q.changed.Broadcast()
	return nil
}

func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero T
	if err := q.wait(ctx, func() bool { return len(q.items) > 0 }); err != nil {
		return zero, err
	}
	v := q.items[0]
	q.items[0] = zero
	q.items = q.items[1:]
	q.changed.Broadcast()
	return v, nil
}

func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func (q *Queue[T]) wait(ctx context.Context, ready func() bool) error {
	if ready() {
		return nil
	}
	stop := context.AfterFunc(ctx, func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		q.changed.Broadcast()
	})
	defer stop()
	for !ready() {
		if err := ctx.Err(); err != nil {
			return err
		}
		q.changed.Wait()
	}
	return nil
}
