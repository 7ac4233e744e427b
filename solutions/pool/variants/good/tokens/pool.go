// Package pool is a correct Worker Pool with worker tokens: a dispatcher takes the
// oldest task from a queue guarded by a mutex, waits for a free worker's inbox on a
// channel of tokens, and puts the task there; the worker gives its token back when the
// task is done. A buffered channel of one wakes the dispatcher without ever blocking
// Submit, and the Future is a sync.Once around a channel.
package pool

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

var ErrClosed = errors.New("pool: closed")

type Pool struct {
	mu      sync.Mutex
	queue   []func()
	closed  bool
	kick    chan struct{}    // buffer 1: something changed
	free    chan chan func() // inboxes of idle workers
	inboxes []chan func()    // every worker's inbox, closed at the end
	all     sync.WaitGroup
}

func New(workers int) *Pool {
	if workers < 1 {
		panic("pool: workers < 1")
	}
	p := &Pool{kick: make(chan struct{}, 1), free: make(chan chan func(), workers)}
	p.all.Add(workers + 1)
	for range workers {
		inbox := make(chan func())
		p.inboxes = append(p.inboxes, inbox)
		p.free <- inbox
		go p.worker(inbox)
	}
	go p.dispatch()
	return p
}

func (p *Pool) worker(inbox chan func()) {
	defer p.all.Done()
	for run := range inbox {
		run()
		p.free <- inbox
	}
}

func (p *Pool) dispatch() {
	defer p.all.Done()
	for {
		p.mu.Lock()
		if len(p.queue) == 0 {
			closed := p.closed
			p.mu.Unlock()
			if closed {
				for range p.inboxes {
					<-p.free // every worker idle
				}
				for _, inbox := range p.inboxes {
					close(inbox)
				}
				return
			}
			<-p.kick
			continue
		}
		run := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		p.mu.Unlock()
		inbox := <-p.free
		inbox <- run
	}
}

func (p *Pool) poke() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

func Submit[T any](p *Pool, task func() (T, error)) *Future[T] {
	f := &Future[T]{done: make(chan struct{})}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		f.finish(*new(T), ErrClosed)
		return f
	}
	p.queue = append(p.queue, func() { f.run(task) })
	p.poke()
	return f
}

func (p *Pool) Close() {
	p.mu.Lock()
	p.closed = true
	p.poke()
	p.mu.Unlock()
	p.all.Wait()
}

type Future[T any] struct {
	once  sync.Once
	done  chan struct{}
	value T
	err   error
}

func (f *Future[T]) run(task func() (T, error)) {
	defer func() {
		if r := recover(); r != nil {
			f.finish(*new(T), fmt.Errorf("pool: task panicked: %v", r))
		}
	}()
	v, err := task()
	f.finish(v, err)
}

func (f *Future[T]) finish(v T, err error) {
	f.once.Do(func() {
		f.value, f.err = v, err
		close(f.done)
	})
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
