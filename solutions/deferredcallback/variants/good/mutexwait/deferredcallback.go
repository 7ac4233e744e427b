// Package deferredcallback is a correct Deferred Callback executor in which Close waits
// for the running action in sync.Mutex.Lock: the executor's goroutine holds a second
// mutex, busy, while an action runs (never the mutex AddAction takes), and Close waits
// for the goroutine with a sync.WaitGroup. Two Closes at once both wait in busy.Lock.
package deferredcallback

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

// ErrClosed is returned by AddAction after Close.
var ErrClosed = errors.New("deferredcallback: closed")

// Executor is a heap guarded by mu, and a busy mutex held while an action runs.
type Executor struct {
	mu     sync.Mutex
	queue  queue
	added  uint64
	closed bool
	wake   chan struct{} // capacity 1
	quit   chan struct{}

	busy    sync.Mutex // held by the executor's goroutine while an action runs
	running sync.WaitGroup
}

// New returns an Executor with no actions, and starts its goroutine.
func New() *Executor {
	e := &Executor{wake: make(chan struct{}, 1), quit: make(chan struct{})}
	e.running.Go(e.run)
	return e
}

// AddAction schedules action to run once, after the delay after; after Close it
// returns ErrClosed.
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

// Close stops the executor, drops the pending actions and waits for a running action
// and the goroutine. It is idempotent.
func (e *Executor) Close() {
	e.mu.Lock()
	if !e.closed {
		e.closed = true
		e.queue = nil
		close(e.quit)
	}
	e.mu.Unlock()
	e.busy.Lock() // the running action, if any, has returned
	e.busy.Unlock()
	e.running.Wait()
}

func (e *Executor) run() {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		e.mu.Lock()
		if e.closed {
			e.mu.Unlock()
			return
		}
		var due <-chan time.Time
		if len(e.queue) > 0 {
			if wait := time.Until(e.queue[0].due); wait > 0 {
				timer.Reset(wait)
				due = timer.C
			} else {
				it := heap.Pop(&e.queue).(*item)
				e.busy.Lock()
				e.mu.Unlock()
				it.action()
				e.busy.Unlock()
				continue
			}
		}
		e.mu.Unlock()
		select {
		case <-e.quit:
			return
		case <-e.wake:
		case <-due:
		}
	}
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
