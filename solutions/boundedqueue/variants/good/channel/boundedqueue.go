// Package boundedqueue is a correct Queue built on a buffered channel: the channel is the
// queue, and select waits for room or an item and for ctx at once.
package boundedqueue

import "context"

// A Queue is a buffered channel of its capacity.
type Queue[T any] struct {
	ch chan T
}

func New[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("boundedqueue: capacity < 1")
	}
	return &Queue[T]{ch: make(chan T, capacity)}
}

// Put first tries without waiting, so that a Put with room proceeds even when ctx is
// done (a select with both cases ready picks one at random).
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	select {
	case q.ch <- v:
		return nil
	default:
	}
	select {
	case q.ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	select {
	case v := <-q.ch:
		return v, nil
	default:
	}
	select {
	case v := <-q.ch:
		return v, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

func (q *Queue[T]) Len() int { return len(q.ch) }
