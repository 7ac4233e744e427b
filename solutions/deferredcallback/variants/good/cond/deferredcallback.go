// Package deferredcallback is a correct Deferred Callback executor in the sync.Cond
// style: the executor's goroutine waits on a condition variable, and a time.AfterFunc
// armed for the earliest due instant broadcasts on it when that instant comes.
package deferredcallback

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

// ErrClosed is returned by AddAction after Close.
var ErrClosed = errors.New("deferredcallback: closed")

// Executor is a heap guarded by a mutex, with a condition variable.
type Executor struct {
	mu      sync.Mutex
	changed *sync.Cond // the heap changed, the alarm rang, or Close was called
	queue   queue
	added   uint64
	closed  bool
	alarm   *time.Timer // broadcasts on changed at the earliest due instant
	done    chan struct{}
}

// New returns an Executor with no actions, and starts its goroutine.
func New() *Executor {
	e := &Executor{done: make(chan struct{})}
	e.changed = sync.NewCond(&e.mu)
	e.alarm = time.AfterFunc(time.Hour, e.ring)
	e.alarm.Stop()
	go e.run()
	return e
}

func (e *Executor) ring() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.changed.Broadcast()
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
	e.changed.Broadcast()
	return nil
}

// Close stops the executor, drops the pending actions and waits for a running action
// and the goroutine. It is idempotent.
func (e *Executor) Close() {
	e.mu.Lock()
	e.closed = true
	e.queue = nil
	e.changed.Broadcast()
	e.mu.Unlock()
	<-e.done
}

func (e *Executor) run() {
	defer close(e.done)
	e.mu.Lock()
	defer e.mu.Unlock()
	defer e.alarm.Stop()
	for {
		for !e.closed && !e.due() {
			e.changed.Wait()
		}
		if e.closed {
			return
		}
		it := heap.Pop(&e.queue).(*item)
		e.mu.Unlock()
		it.action()
		e.mu.Lock()
	}
}

// due reports whether the earliest action is due, and otherwise arms the alarm for it.
// e.mu is held.
func (e *Executor) due() bool {
	if len(e.queue) == 0 {
		return false
	}
	wait := time.Until(e.queue[0].due)
	if wait <= 0 {
		return true
	}
	e.alarm.Reset(wait)
	return false
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
