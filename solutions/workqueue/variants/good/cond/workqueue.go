// Package workqueue is a correct Queue with one sync.Cond for everything: every change
// wakes every waiter with Broadcast. A joiner remembers how many times the count had
// reached zero when it began (a generation number) and waits until that number moves,
// never re-checking the count itself, so a Put right after the count reaches zero cannot
// hold it.
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
	if q.unfinished == 0 {
		return nil
	}
	gen := q.zeros
	return q.wait(ctx, func() bool { return q.zeros != gen })
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
