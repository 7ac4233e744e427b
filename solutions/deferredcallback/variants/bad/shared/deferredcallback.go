// Package deferredcallback is a known-bad Deferred Callback executor.
//
// Bug: the pending actions, the executor's goroutine and the closed flag live in
// package-level variables that every Executor shares. New starts the goroutine only
// when none is running, so a second Executor's actions run on the first one's
// goroutine and queue behind its actions, and closing either Executor closes both
// (AddAction on the other returns ErrClosed, its pending actions are dropped). One
// Executor at a time behaves. Verdict: "separate Executors must not share state".
package deferredcallback

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

var ErrClosed = errors.New("deferredcallback: closed")

// shared is the state of every Executor.
var shared struct {
	mu     sync.Mutex
	queue  queue
	added  uint64
	closed bool
	wake   chan struct{}
	quit   chan struct{}
	done   chan struct{}
}

type Executor struct{}

func New() *Executor {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.done == nil || shared.closed { // none running: start afresh
		shared.queue, shared.added, shared.closed = nil, 0, false
		shared.wake = make(chan struct{}, 1)
		shared.quit = make(chan struct{})
		shared.done = make(chan struct{})
		go run(shared.wake, shared.quit, shared.done)
	}
	return &Executor{}
}

func (e *Executor) AddAction(after time.Duration, action func()) error {
	due := time.Now().Add(max(after, 0))
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.closed {
		return ErrClosed
	}
	shared.added++
	heap.Push(&shared.queue, &item{due: due, seq: shared.added, action: action})
	select {
	case shared.wake <- struct{}{}:
	default:
	}
	return nil
}

func (e *Executor) Close() {
	shared.mu.Lock()
	if !shared.closed {
		shared.closed = true
		shared.queue = nil
		close(shared.quit)
	}
	done := shared.done
	shared.mu.Unlock()
	<-done
}

func run(wake, quit, done chan struct{}) {
	defer close(done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		action, wait, open := next()
		switch {
		case !open:
			return
		case action != nil:
			action()
			continue
		}
		var due <-chan time.Time
		if wait > 0 {
			timer.Reset(wait)
			due = timer.C
		}
		select {
		case <-quit:
			return
		case <-wake:
		case <-due:
		}
	}
}

func next() (action func(), wait time.Duration, open bool) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.closed {
		return nil, 0, false
	}
	if len(shared.queue) == 0 {
		return nil, 0, true
	}
	first := shared.queue[0]
	if wait := time.Until(first.due); wait > 0 {
		return nil, wait, true
	}
	heap.Pop(&shared.queue)
	return first.action, 0, true
}

type item struct {
	due    time.Time
	seq    uint64
	action func()
}

type queue []*item

func (q queue) Len() int { return len(q) }

func (q queue) Less(i, j int) bool {
	if !q[i].due.Equal(q[j].due) {
		return q[i].due.Before(q[j].due)
	}
	return q[i].seq < q[j].seq
}

func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }

func (q *queue) Push(x any) { *q = append(*q, x.(*item)) }

func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
