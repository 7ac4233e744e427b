// Package deferredcallback is a known-bad Deferred Callback executor.
//
// Bug: Close is not idempotent: the second call closes the quit channel again.
// Verdict: "Close panicked: close of closed channel".
package deferredcallback

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

var ErrClosed = errors.New("deferredcallback: closed")

type Executor struct {
	mu     sync.Mutex
	queue  queue
	added  uint64
	closed bool
	wake   chan struct{}
	quit   chan struct{}
	done   chan struct{}
}

func New() *Executor {
	e := &Executor{wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go e.run()
	return e
}

func (e *Executor) AddAction(after time.Duration, action func()) error {
	due := time.Now().Add(max(after, 0))
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrClosed
	}
	e.added++
	heap.Push(&e.queue, &item{due: due, seq: e.added, action: action})
	select {
	case e.wake <- struct{}{}:
	default:
	}
	return nil
}

func (e *Executor) Close() {
	e.mu.Lock()
	e.closed = true
	e.queue = nil
	e.mu.Unlock()
	close(e.quit) // Bug: panics on the second Close
	<-e.done
}

func (e *Executor) run() {
	defer close(e.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		action, wait, open := e.next()
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
		case <-e.quit:
			return
		case <-e.wake:
		case <-due:
		}
	}
}

func (e *Executor) next() (action func(), wait time.Duration, open bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, 0, false
	}
	if len(e.queue) == 0 {
		return nil, 0, true
	}
	first := e.queue[0]
	if wait := time.Until(first.due); wait > 0 {
		return nil, wait, true
	}
	heap.Pop(&e.queue)
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
