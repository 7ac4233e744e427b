// Package deferredcallback is the reference solution of the Deferred Callback kata.
package deferredcallback

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

// ErrClosed is returned by AddAction after Close.
var ErrClosed = errors.New("deferredcallback: closed")

// Executor keeps the pending actions in a heap ordered by due instant, then by the
// order they were added, guarded by a mutex that is never held while an action runs.
// Its goroutine sleeps on a timer set for the earliest action and on a wake channel
// that AddAction signals, and re-checks the heap after every wake-up.
type Executor struct {
	mu     sync.Mutex
	queue  queue  // pending actions; guarded by mu
	added  uint64 // actions added so far, the tie-breaker; guarded by mu
	closed bool   // guarded by mu

	wake chan struct{} // capacity 1: the queue changed
	quit chan struct{} // closed by the first Close
	done chan struct{} // closed when the executor's goroutine exits
}

// New returns an Executor with no actions, and starts its goroutine.
func New() *Executor {
	e := &Executor{
		wake: make(chan struct{}, 1),
		quit: make(chan struct{}),
		done: make(chan struct{}),
	}
	go e.run()
	return e
}

// AddAction schedules action to run once on the executor's goroutine, after the delay
// after (after <= 0: as soon as possible), and returns nil; after Close it returns
// ErrClosed and the action never runs. It never waits for a running action.
func (e *Executor) AddAction(after time.Duration, action func()) error {
	if action == nil {
		panic("deferredcallback: nil action")
	}
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
	default: // a wake-up is already pending
	}
	return nil
}

// Close stops the executor: no action starts after Close is called, and actions still
// pending are dropped. Close waits until a running action has returned and the
// executor's goroutine has exited. Close is idempotent. Calling Close from inside an
// action is not supported.
func (e *Executor) Close() {
	e.mu.Lock()
	if !e.closed {
		e.closed = true
		e.queue = nil
		close(e.quit)
	}
	e.mu.Unlock()
	<-e.done
}

// run is the executor's goroutine.
func (e *Executor) run() {
	defer close(e.done)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		action, wait, open := e.next()
		switch {
		case !open:
			return
		case action != nil:
			action()
			continue
		}
		var due <-chan time.Time // nil, which never fires, when nothing is pending
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

// next pops the earliest action if it is due. Otherwise it returns how long until the
// earliest action is due (0 when none is pending); open is false after Close.
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

// An item is a pending action.
type item struct {
	due    time.Time
	seq    uint64 // the order it was added in
	action func()
}

// queue is a container/heap of items, earliest due first, then first added.
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
	n := len(old)
	it := old[n-1]
	old[n-1] = nil
	*q = old[:n-1]
	return it
}
