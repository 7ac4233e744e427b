// Package workqueue is a known-bad Queue.
//
// Bug: Join waits until the queue is empty, not until every task is done: it returns
// while the workers are still working on the last items, and the producer reads results
// that are not written yet. Verdict: "q.Join(ctx already canceled) returned nil while q
// held [] with 3 unfinished tasks".
package workqueue

import (
	"context"
	"sync"
)

type Queue[T any] struct {
	mu         sync.Mutex
	changed    sync.Cond
	items      []T
	unfinished int
	zeros      uint64 // how many times the count has come down to zero
}

func New[T any]() *Queue[T] {
	q := &Queue[T]{}
	q.changed.L = &q.mu
	return q
}

func (q *Queue[T]) Put(v T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, v)
	q.unfinished++
	q.changed.Broadcast()
}

func (q *Queue[T]) Get(ctx context.Context) (T, error) {
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

func (q *Queue[T]) TaskDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished == 0 {
		panic("workqueue: TaskDone called more times than Put")
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.zeros++
		q.changed.Broadcast()
	}
}

func (q *Queue[T]) Join(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wait(ctx, func() bool { return len(q.items) == 0 }) // BUG: empty is not done
}

// wait waits on the Cond, with q.mu held, until ready reports true (nil) or ctx ends
// (ctx.Err()). context.AfterFunc broadcasts when ctx ends; stop removes it on return.
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
