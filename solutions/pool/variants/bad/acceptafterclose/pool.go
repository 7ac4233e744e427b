// Package pool is a known-bad Worker Pool.
//
// Bug: Submit never looks at closed: after Close it queues the task anyway, where
// no worker will ever take it, and its Future is never done (it should be, with
// ErrClosed). Verdict: "Done of task N was not closed after Close returned ... refused after
// Close", or, when a Get of that task comes first, "deadlock: Get of task N ... never returned
// and every goroutine is blocked", or, when that Get has a timeout, "Get of task N ...
// returned (0, context deadline exceeded); task N was submitted after Close and never ran",
// or, when a getter waits on its Done channel, "Done of task N, submitted after Close and
// never run, was not closed when it was received from" (the same bug each time: the task
// will never run).
package pool

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrClosed is what Get returns for a task submitted after Close was called.
var ErrClosed = errors.New("pool: closed")

// Pool keeps the queued tasks in a slice guarded by a mutex. Each worker is a goroutine
// that takes the task at the head of the slice, runs it without holding the lock, and
// comes back for the next one; idle workers sleep on a sync.Cond.
type Pool struct {
	mu      sync.Mutex
	changed *sync.Cond // a task was queued, or the pool closed
	queue   []func()   // first submitted, first started
	closed  bool
	workers sync.WaitGroup // one per worker goroutine
}

// New returns a Pool with workers worker goroutines. It panics if workers < 1.
func New(workers int) *Pool {
	if workers < 1 {
		panic("pool: workers < 1")
	}
	p := &Pool{}
	p.changed = sync.NewCond(&p.mu)
	p.workers.Add(workers)
	for range workers {
		go p.work()
	}
	return p
}

// work runs tasks until the pool is closed and its queue empty.
func (p *Pool) work() {
	defer p.workers.Done()
	for {
		run, ok := p.next()
		if !ok {
			return
		}
		run()
	}
}

// next waits for a task and takes it from the head of the queue; ok is false once the
// pool is closed and its queue empty.
func (p *Pool) next() (run func(), ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.queue) == 0 && !p.closed {
		p.changed.Wait()
	}
	if len(p.queue) == 0 {
		return nil, false
	}
	run = p.queue[0]
	p.queue[0] = nil
	p.queue = p.queue[1:]
	return run, true
}

// enqueue adds run to the end of the queue; it reports false once the pool is closed.
func (p *Pool) enqueue(run func()) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.queue = append(p.queue, run)
	// One task needs one worker: Signal wakes one idle worker, if any. A busy worker
	// looks at the queue again when it is done, so no task is forgotten.
	p.changed.Signal()
	return true
}

// Submit queues task on p and returns its Future at once. After Close the Future is
// already done and its Get returns ErrClosed.
func Submit[T any](p *Pool, task func() (T, error)) *Future[T] {
	f := &Future[T]{done: make(chan struct{})}
	if !p.enqueue(func() { f.run(task) }) {
		f.err = ErrClosed
		close(f.done)
	}
	return f
}

// Close stops accepting tasks and returns once every queued task has finished and every
// worker has exited. Every call waits, so it is idempotent.
func (p *Pool) Close() {
	p.mu.Lock()
	p.closed = true
	p.changed.Broadcast() // every idle worker must see closed and exit
	p.mu.Unlock()
	p.workers.Wait()
}

// Future is the result of one submitted task: written once, before done is closed, and
// only read after.
type Future[T any] struct {
	done  chan struct{}
	value T
	err   error
}

// run runs task, turning a panic into an error, and publishes the result.
func (f *Future[T]) run(task func() (T, error)) {
	defer close(f.done)
	defer func() {
		if r := recover(); r != nil {
			var zero T
			f.value, f.err = zero, fmt.Errorf("pool: task panicked: %v", r)
		}
	}()
	f.value, f.err = task()
}

// Get waits until the task has finished and returns its result, or returns ctx.Err() if
// ctx ends first.
func (f *Future[T]) Get(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.value, f.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// Done returns a channel that is closed when the result is ready.
func (f *Future[T]) Done() <-chan struct{} {
	return f.done
}
