// Package workqueue is a known-bad Queue.
//
// Bug: a waiting Get wakes itself on ctx's end with context.AfterFunc, but never calls
// the stop function AfterFunc returns. When a Put releases the Get, the registration
// stays in ctx until ctx ends: a long-lived ctx used for many Gets grows with each one.
// Verdict: "registration leak".
package workqueue

import (
	"context"
	"sync"
)

// A Queue keeps its items and the count of unfinished tasks under a mutex. Getters wait
// on a sync.Cond for an item. Joiners wait on a channel of the current round: a round
// starts when the count leaves zero and ends, closing its channel, when the count
// returns to zero. A joiner holds on to its round's channel, so a Put right after the end
// of a round (which starts the next one) cannot hold it.
type Queue[T any] struct {
	mu         sync.Mutex
	nonEmpty   sync.Cond // signalled when an item arrives
	items      []T
	unfinished int
	idle       chan struct{} // the current round's channel; closed exactly when unfinished is zero
}

// New returns an empty Queue with no unfinished tasks.
func New[T any]() *Queue[T] {
	q := &Queue[T]{idle: make(chan struct{})}
	close(q.idle)
	q.nonEmpty.L = &q.mu
	return q
}

// Put adds v at the back and counts one more unfinished task.
func (q *Queue[T]) Put(v T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, v)
	if q.unfinished == 0 {
		q.idle = make(chan struct{}) // a new round
	}
	q.unfinished++
	q.nonEmpty.Signal()
}

// Get removes and returns the front item, waiting while the queue is empty. If ctx ends
// first it returns the zero value and ctx.Err() and takes nothing; when an item is there
// it takes it, even if ctx is done.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero T
	if len(q.items) == 0 {
		// cond.Wait cannot watch ctx: wake the getters when it ends, under the lock so
		// that the wakeup cannot slip in between a getter's look at ctx.Err and its Wait.
		context.AfterFunc(ctx, func() {
			q.mu.Lock()
			defer q.mu.Unlock()
			q.nonEmpty.Broadcast()
		})
	}
	for len(q.items) == 0 {
		if err := ctx.Err(); err != nil {
			return zero, err
		}
		q.nonEmpty.Wait()
	}
	v := q.items[0]
	q.items[0] = zero // let the item be collected
	q.items = q.items[1:]
	return v, nil
}

// TaskDone counts one task as finished; at zero it ends the round, releasing every
// joiner. It panics when no task is unfinished.
func (q *Queue[T]) TaskDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
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
	q.mu.Lock()
	idle := q.idle
	q.mu.Unlock()
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
