// Package boundedqueue is a known-bad Queue.
//
// Bug: check-then-act. Put waits for room in one critical section and adds its item in
// the next; two Puts that find the last free slot at the same moment both add, and the
// queue holds more than its capacity. In fake time the calls of an instant run one after
// another and it never shows; with calls truly in parallel it does. Verdict: "not
// linearizable".
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
	if err := q.waitRoom(ctx); err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, v)
	q.changed.Broadcast()
	return nil
}

// waitRoom waits until there is room, or ctx ends.
func (q *Queue[T]) waitRoom(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wait(ctx, func() bool { return len(q.items) < q.cap })
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
