// Package pool is a correct Worker Pool with direct hand-off: idle workers wait on a
// channel of their own, kept on a stack; Submit gives a task straight to an idle worker
// if there is one, and queues it otherwise. The Future keeps its result under a mutex
// with a list of waiters that it wakes when the result is set.
package pool

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"
)

var ErrClosed = errors.New("pool: closed")

type Pool struct {
	mu      sync.Mutex
	queue   list.List     // of func(), when no worker is idle
	idle    []chan func() // idle workers, each waiting on its channel (nil: stop)
	closed  bool
	workers sync.WaitGroup
}

func New(workers int) *Pool {
	if workers < 1 {
		panic("pool: workers < 1")
	}
	p := &Pool{}
	p.workers.Add(workers)
	for range workers {
		go p.worker(make(chan func(), 1))
	}
	return p
}

func (p *Pool) worker(mine chan func()) {
	defer p.workers.Done()
	for {
		p.mu.Lock()
		var run func()
		switch {
		case p.queue.Len() > 0:
			run = p.queue.Remove(p.queue.Front()).(func())
		case p.closed:
			p.mu.Unlock()
			return
		default:
			p.idle = append(p.idle, mine)
		}
		p.mu.Unlock()
		if run == nil {
			run = <-mine
			if run == nil {
				return
			}
		}
		run()
	}
}

func Submit[T any](p *Pool, task func() (T, error)) *Future[T] {
	f := &Future[T]{}
	run := func() { f.run(task) }
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.closed:
		f.set(*new(T), ErrClosed)
	case len(p.idle) > 0:
		w := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		w <- run // buffered: the worker takes it when it runs
	default:
		p.queue.PushBack(run)
	}
	return f
}

func (p *Pool) Close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		for _, w := range p.idle {
			w <- nil
		}
		p.idle = nil
	}
	p.mu.Unlock()
	p.workers.Wait()
}

type Future[T any] struct {
	mu      sync.Mutex
	ready   bool
	done    chan struct{} // made on first use
	value   T
	err     error
	waiters []chan struct{}
}

func (f *Future[T]) run(task func() (T, error)) {
	var value T
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("pool: task panicked: %v", r)
			}
		}()
		value, err = task()
	}()
	f.set(value, err)
}

func (f *Future[T]) set(value T, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.value, f.err, f.ready = value, err, true
	for _, w := range f.waiters {
		close(w)
	}
	f.waiters = nil
	if f.done != nil {
		close(f.done)
	}
}

func (f *Future[T]) Get(ctx context.Context) (T, error) {
	f.mu.Lock()
	if f.ready {
		defer f.mu.Unlock()
		return f.value, f.err
	}
	w := make(chan struct{})
	f.waiters = append(f.waiters, w)
	f.mu.Unlock()
	select {
	case <-w:
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.value, f.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

func (f *Future[T]) Done() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done == nil {
		f.done = make(chan struct{})
		if f.ready {
			close(f.done)
		}
	}
	return f.done
}
