// Package pool is a correct Worker Pool with a dispatcher: Submit hands each task to a
// dispatcher goroutine, which keeps the queue in a slice it alone owns and offers the
// oldest task on an unbuffered channel that the idle workers receive from.
package pool

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

var ErrClosed = errors.New("pool: closed")

type Pool struct {
	mu      sync.Mutex // guards closed and sends on in
	closed  bool
	in      chan func() // Submit -> dispatcher; closed by Close
	work    chan func() // dispatcher -> workers; closed when the queue is drained
	running sync.WaitGroup
}

func New(workers int) *Pool {
	if workers < 1 {
		panic("pool: workers < 1")
	}
	p := &Pool{in: make(chan func()), work: make(chan func())}
	p.running.Add(workers + 1)
	go p.dispatch()
	for range workers {
		go p.worker()
	}
	return p
}

// dispatch receives tasks while it offers the oldest one to the workers; once in is
// closed it hands out what is left and closes work.
func (p *Pool) dispatch() {
	defer p.running.Done()
	defer close(p.work)
	var queue []func()
	in := p.in
	for in != nil || len(queue) > 0 {
		var out chan func()
		var head func()
		if len(queue) > 0 {
			out, head = p.work, queue[0]
		}
		select {
		case run, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			queue = append(queue, run)
		case out <- head:
			queue[0] = nil
			queue = queue[1:]
		}
	}
}

func (p *Pool) worker() {
	defer p.running.Done()
	for run := range p.work {
		run()
	}
}

func Submit[T any](p *Pool, task func() (T, error)) *Future[T] {
	f := &Future[T]{done: make(chan struct{})}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		f.err = ErrClosed
		close(f.done)
		return f
	}
	p.in <- func() { f.run(task) } // the dispatcher always receives at once
	return f
}

func (p *Pool) Close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.in)
	}
	p.mu.Unlock()
	p.running.Wait()
}

type Future[T any] struct {
	done  chan struct{}
	value T
	err   error
}

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

func (f *Future[T]) Get(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.value, f.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

func (f *Future[T]) Done() <-chan struct{} { return f.done }
