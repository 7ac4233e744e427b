// Package boundedqueue is a known-bad Queue.
//
// Bug: if instead of for around cond.Wait. A woken waiter does not look again: a Take
// woken by a Put whose item another Take got first (or woken by the end of another
// waiter's ctx, which wakes every waiter) takes from an empty ring and returns the zero
// value. Verdict: "an item no Put put" (or, depending on which waiter runs first, "not
// linearizable"; or, rarely, when that Take drove the count below zero before a Put
// used it as an index, "Put(2) panicked: runtime error: index out of range [-1]").
package boundedqueue

import (
	"context"
	"sync"
)

// A Queue keeps its items in a ring buffer under a mutex, with one sync.Cond per side:
// putters wait on notFull, takers on notEmpty, so a wakeup always reaches a goroutine
// that can use it. A Cond cannot watch a context, so a waiting call registers a
// context.AfterFunc that wakes the waiters of its side when ctx ends, and stops it before
// returning.
type Queue[T any] struct {
	mu       sync.Mutex
	notFull  sync.Cond // signalled when an item leaves
	notEmpty sync.Cond // signalled when an item arrives
	items    []T       // the ring buffer; len(items) is the capacity
	head     int       // index of the front item
	n        int       // number of items
}

// New returns an empty Queue that holds at most capacity items. It panics with
// "boundedqueue: capacity < 1" when capacity < 1.
func New[T any](capacity int) *Queue[T] {
	if capacity < 1 {
		panic("boundedqueue: capacity < 1")
	}
	q := &Queue[T]{items: make([]T, capacity)}
	q.notFull.L = &q.mu
	q.notEmpty.L = &q.mu
	return q
}

// Put adds v at the back, waiting while the queue is full. If ctx ends first it returns
// ctx.Err() and adds nothing; when there is room now it adds v even if ctx is done.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := q.wait(ctx, &q.notFull, func() bool { return q.n < len(q.items) }); err != nil {
		return err
	}
	q.items[(q.head+q.n)%len(q.items)] = v
	q.n++
	q.notEmpty.Signal()
	return nil
}

// Take removes and returns the front item, waiting while the queue is empty. If ctx ends
// first it returns the zero value and ctx.Err() and removes nothing; when an item is
// there now it takes it even if ctx is done.
func (q *Queue[T]) Take(ctx context.Context) (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := q.wait(ctx, &q.notEmpty, func() bool { return q.n > 0 }); err != nil {
		var zero T
		return zero, err
	}
	v := q.items[q.head]
	var zero T
	q.items[q.head] = zero // let the item be collected
	q.head = (q.head + 1) % len(q.items)
	q.n--
	q.notFull.Signal()
	return v, nil
}

// Len returns the number of items in the queue.
func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
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
		q.mu.Lock()
		defer q.mu.Unlock()
		c.Broadcast()
	})
	defer stop()
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Wait()
	if err := ctx.Err(); err != nil && !ready() {
		return err
	}
	return nil
}
