// Package workqueue is the WorkQueue kata: a first-in-first-out queue of tasks whose
// workers mark each task done, so that a producer can wait until all of them are, like
// Python's queue.Queue with task_done and join.
package workqueue

import "context"

// A Queue holds tasks, first in, first out, without a bound, and counts the unfinished
// ones: Put adds one, TaskDone takes one off. Get waits while the queue is empty; Join
// waits until the count of unfinished tasks is zero.
//
// All methods are safe for concurrent use. Every item put comes out of exactly one Get,
// in the order put, and every concurrent history of Put and Get is explainable by some
// order of the calls, each taking effect at one instant between its call and its return
// (linearizable). Each TaskDone happens before (in the sense of the Go memory model) every
// Join that it releases returns, so a joiner may read what the workers wrote before they
// called TaskDone.
//
// Waiting blocks the goroutine (a channel, a sync.Cond, ...): it never spins, polls or
// sleeps, and a waiting call leaves no goroutine or registration behind when it returns
// (every context.AfterFunc it registers is stopped before it returns). Separate Queues are
// independent.
type Queue[T any] struct {
	// Add the fields you need.
}

// New returns an empty Queue with no unfinished tasks.
func New[T any]() *Queue[T] {
	panic("workqueue: not implemented")
}

// Put adds v at the back of the queue and one to the count of unfinished tasks. It never
// waits.
func (q *Queue[T]) Put(v T) {
	panic("workqueue: not implemented")
}

// Get removes the item at the front of the queue and returns it, waiting while the queue
// is empty: a waiting Get goes on at the instant a Put brings an item, and each item goes
// to one Get. If ctx ends first, Get returns the zero value and ctx.Err() (itself, not
// wrapped) and takes nothing: the item stays for the next Get. When ctx is already done
// and an item is there, Get may either take it or return the zero value and ctx.Err();
// both are accepted.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	panic("workqueue: not implemented")
}

// TaskDone takes one off the count of unfinished tasks: a worker calls it when it has
// finished with an item it got. When that brings the count to zero, every waiting Join is
// released. TaskDone panics with "workqueue: TaskDone called more times than Put" when
// the count is already zero (and changes nothing). It never waits.
func (q *Queue[T]) TaskDone() {
	panic("workqueue: not implemented")
}

// Join waits until the count of unfinished tasks is zero and returns nil; at once when it
// is zero now. Puts made after Join began count too: Join waits for them. It returns at
// the instant the count reaches zero, and a Join released then is never held by a Put
// that comes right after. If ctx ends first, Join returns ctx.Err() (itself, not
// wrapped). When ctx is already done and the count is zero, Join may return either nil or
// ctx.Err(). Join changes nothing and can be called again, by any number of goroutines.
func (q *Queue[T]) Join(ctx context.Context) error {
	panic("workqueue: not implemented")
}
