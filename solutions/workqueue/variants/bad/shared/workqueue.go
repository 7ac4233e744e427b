// Package workqueue is a known-bad Queue.
//
// Bug: state shared between Queues: the mutex and the sync.Cond of the getters are
// package variables. Each Queue alone works, but with two Queues in use, the Signal for
// an item put into one Queue can wake a Get waiting on the other, which finds its own
// Queue empty and waits again, while the Get the item was meant for sleeps on.
// Verdict: "separate Queues must not share state".
package workqueue

import (
	"context"
	"sync"
)

// The lock and the condition are shared by every Queue ("one lock is simpler").
var (
	mu       sync.Mutex
	nonEmpty = sync.NewCond(&mu) // signalled when an item arrives in any Queue
)

// A Queue keeps its items and the count of unfinished tasks; joiners wait on the channel
// of the current round.
type Queue[T any] struct {
	items      []T
	unfinished int
	idle       chan struct{} // the current round's channel; closed exactly when unfinished is zero
}

// New returns an empty Queue with no unfinished tasks.
func New[T any]() *Queue[T] {
	q := &Queue[T]{idle: make(chan struct{})}
	close(q.idle)
	return q
}

// Put adds v at the back and counts one more unfinished task.
func (q *Queue[T]) Put(v T) {
	mu.Lock()
	defer mu.Unlock()
	q.items = append(q.items, v)
	if q.unfinished == 0 {
		q.idle = make(chan struct{}) // a new round
	}
	q.unfinished++
	nonEmpty.Signal()
}

// Get removes and returns the front item, waiting while the queue is empty. If ctx ends
// first it returns the zero value and ctx.Err() and takes nothing; when an item is there
// it takes it, even if ctx is done.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	mu.Lock()
	defer mu.Unlock()
	var zero T
	if len(q.items) == 0 {
		// cond.Wait cannot watch ctx: wake the getters when it ends, under the lock so
		// that the wakeup cannot slip in between a getter's look at ctx.Err and its Wait.
		stop := context.AfterFunc(ctx, func() {
			mu.Lock()
			defer mu.Unlock()
			nonEmpty.Broadcast()
		})
		defer stop()
	}
	for len(q.items) == 0 {
		if err := ctx.Err(); err != nil {
			return zero, err
		}
		nonEmpty.Wait()
	}
	v := q.items[0]
	q.items[0] = zero // let the item be collected
	q.items = q.items[1:]
	return v, nil
}

// TaskDone counts one task as finished; at zero it ends the round, releasing every
// joiner. It panics when no task is unfinished.
func (q *Queue[T]) TaskDone() {
	mu.Lock()
	defer mu.Unlock()
	if q.unfinished == 0 {
		panic("workqueue: TaskDone called more times than Put")
	}
	q.unfinished--
	if q.unfinished == 0 {
		close(q.idle)
	}
}

// Join waits until no task is unfinished, or until ctx ends and returns ctx.Err().
func (q *Queue[T]) Join(ctx context.Context) error {
	mu.Lock()
	idle := q.idle
	mu.Unlock()
	select {
	case <-idle:
		return nil // zero now: ctx does not matter
	default:
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
