// Package boundedqueue is a known-bad Queue.
//
// Bug: state shared between Queues: the mutex and the two sync.Conds are package
// variables. Each Queue alone works, but with two Queues in use, a Signal for an item
// that arrived in one Queue can wake a Take waiting on the other, which finds its own
// Queue empty and waits again, while the Take the item was meant for sleeps on.
// Verdict: "separate Queues must not share state".
package boundedqueue

import (
	"context"
	"sync"
)

// The lock and the conditions are shared by every Queue ("one lock is simpler").
var (
	mu       sync.Mutex
	notFull  = sync.NewCond(&mu) // signalled when an item leaves any Queue
	notEmpty = sync.NewCond(&mu) // signalled when an item arrives in any Queue
)

// A Queue keeps its items in a ring buffer.
type Queue[T any] struct {
	items []T // the ring buffer; len(items) is the capacity
	head  int // index of the front item
	n     int // number of items
}

// New returns an empty Queue that holds at most capacity items. It panics with
// "boundedqueue: capacity < 1" when capacity < 1.
func New[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("boundedqueue: capacity < 1")
	}
	return &Queue[T]{items: make([]T, capacity)}
}

// Put adds v at the back, waiting while the queue is full. If ctx ends first it returns
// ctx.Err() and adds nothing; when there is room now it adds v even if ctx is done.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	mu.Lock()
	defer mu.Unlock()
	if err := q.wait(ctx, notFull, func() bool { return q.n < len(q.items) }); err != nil {
		return err
	}
	q.items[(q.head+q.n)%len(q.items)] = v
	q.n++
	notEmpty.Signal()
	return nil
}

// Take removes and returns the front item, waiting while the queue is empty. If ctx ends
// first it returns the zero value and ctx.Err() and removes nothing; when an item is
// there now it takes it even if ctx is done.
func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	mu.Lock()
	defer mu.Unlock()
	if err := q.wait(ctx, notEmpty, func() bool { return q.n > 0 }); err != nil {
		var zero T
		return zero, err
	}
	v := q.items[q.head]
	var zero T
	q.items[q.head] = zero // let the item be collected
	q.head = (q.head + 1) % len(q.items)
	q.n--
	notFull.Signal()
	return v, nil
}

// Len returns the number of items in the queue.
func (q *Queue[T]) Len() int {
	mu.Lock()
	defer mu.Unlock()
	return q.n
}

// wait waits on c, with q.mu held, until ready reports true, and returns nil; or until
// ctx ends, and returns ctx.Err(). It looks at ready before ctx, so a call that can
// proceed does, even with ctx done, and a waiter that was signalled uses its wakeup
// instead of dropping it on its way out.
func (q *Queue[T]) wait(ctx context.Context, c *sync.Cond, ready func() bool) error {
	if ready() {
		return nil
	}
	// Broadcast under the lock, so that the wakeup cannot slip in between a waiter's look
	// at ctx.Err and its c.Wait.
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		c.Broadcast()
	})
	defer stop()
	for !ready() {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.Wait()
	}
	return nil
}
