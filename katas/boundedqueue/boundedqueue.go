// Package boundedqueue is the BoundedQueue kata (LeetCode 1188, Design Bounded Blocking
// Queue), with contexts: a first-in-first-out queue of fixed capacity whose Put waits
// while it is full and whose Take waits while it is empty.
package boundedqueue

import "context"

// A Queue holds at most capacity items, first in, first out. Put waits while the queue is
// full and Take waits while it is empty; both give up when their context ends.
//
// All methods are safe for concurrent use, and every concurrent history is explainable by
// some order of the calls, each taking effect at one instant between its call and its
// return (linearizable): items come out in the order they went in, each to one Take, and
// Len is never below 0 or above the capacity.
//
// A waiting call proceeds at the instant it can: a Put as soon as a Take makes room, a
// Take as soon as a Put brings an item, also when putters and takers wait at the same
// time. Waiting blocks the goroutine (a channel, a sync.Cond, ...): it never spins, polls
// or sleeps. A call leaves no goroutine and no registration behind when it returns: every
// context.AfterFunc it registers is stopped before it returns. Separate Queues are
// independent.
type Queue[T any] struct {
	// Add the fields you need.
}

// New returns an empty Queue that holds at most capacity items. It panics with
// "boundedqueue: capacity < 1" when capacity < 1.
func New[T any](capacity int) *Queue[T] {
	panic("boundedqueue: not implemented")
}

// Put adds v at the back of the queue, waiting while the queue is full, and returns nil.
// If ctx ends first, Put returns ctx.Err() (itself, not wrapped) and v was not added: a
// Put that returns an error takes effect at a moment the queue was full. When there is
// room now, Put adds v and returns nil at once, even if ctx is already done. A waiting
// Put that gives up never swallows a wakeup meant for another waiting call.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	panic("boundedqueue: not implemented")
}

// Take removes the item at the front of the queue and returns it, waiting while the
// queue is empty. If ctx ends first, Take returns the zero value and ctx.Err() (itself,
// not wrapped) and nothing was removed: a Take that returns an error takes effect at a
// moment the queue was empty. When an item is there now, Take returns it at once, even
// if ctx is already done. A waiting Take that gives up never swallows a wakeup meant for
// another waiting call.
func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	panic("boundedqueue: not implemented")
}

// Len returns the number of items in the queue, between 0 and the capacity. It never
// waits.
func (q *Queue[T]) Len() int {
	panic("boundedqueue: not implemented")
}
