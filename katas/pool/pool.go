// Package pool is the Worker Pool kata: a fixed team of worker goroutines runs submitted
// tasks in the order they came and hands each result back through a future.
package pool

import (
	"context"
	"errors"
)

// ErrClosed is what Get returns for a task submitted after Close was called.
var ErrClosed = errors.New("pool: closed")

// Pool runs tasks on a fixed number of worker goroutines. Its functions and methods are
// safe to call from many goroutines at once.
//
// At most workers tasks run at once, and every task runs on one of at most workers
// goroutines of the pool, the same ones for the pool's whole life (a goroutine per task
// is not a pool; one dispatcher goroutine that runs no task may exist besides them).
// Tasks start in the order they were submitted: a task is never handed to a worker
// before a task whose Submit returned before its own Submit was called (tasks submitted
// by concurrent calls may go in either order). No task waits while a worker is idle: a
// task starts at the instant it is submitted if a worker is free, otherwise at the
// instant a worker comes free. Waiting blocks (a channel, sync.Cond or sync.WaitGroup):
// it never spins, polls or sleeps. Separate Pools are independent.
type Pool struct {
	// Add the fields you need.
}

// New returns a Pool with workers worker goroutines. It panics with
// "pool: workers < 1" if workers < 1.
func New(workers int) *Pool {
	panic("pool: not implemented")
}

// Submit queues task on p and returns its Future at once, without waiting for a worker
// or for anything else: the queue grows as long as needed. The task runs exactly once,
// on a worker, never inside Submit.
//
// A task that panics does not kill its worker: the worker recovers, goes on with the
// next task, and Get returns an error whose message says the task panicked and contains
// the panic value (fmt.Sprint of it).
//
// Once Close has been called, Submit returns a Future that is already done, whose Get
// returns ErrClosed, and the task never runs; a Submit concurrent with the first Close
// may go either way.
func Submit[T any](p *Pool, task func() (T, error)) *Future[T] {
	panic("pool: not implemented")
}

// Close stops accepting tasks, lets every task already submitted start and finish, waits
// for them and for every goroutine of the pool to exit, and then returns. It is
// idempotent: every call, including one made concurrently with the first, returns only
// when all of that is done.
func (p *Pool) Close() {
	panic("pool: not implemented")
}

// Future is the result of one submitted task.
type Future[T any] struct {
	// Add the fields you need.
}

// Get waits until the task has finished and returns what it returned (the value and the
// error, both as the task returned them; for a task that panicked, the zero value and an
// error saying so). Any number of goroutines may call Get, before or after the task has
// finished, and each gets the result, at the instant the task finishes or at once if it
// already has.
//
// If ctx ends first, Get returns the zero value and ctx.Err(), and the task is not
// affected: it still runs, and later calls of Get return its result. When ctx is already
// done and the result is ready, Get may return either.
func (f *Future[T]) Get(ctx context.Context) (T, error) {
	panic("pool: not implemented")
}

// Done returns a channel that is closed when the result is ready (at the instant the
// task finishes, or at once for a Future of a task that Submit refused after Close).
// Every call returns the same channel.
func (f *Future[T]) Done() <-chan struct{} {
	panic("pool: not implemented")
}
