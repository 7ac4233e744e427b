// Package deferredcallback is a correct Deferred Callback executor with a sorted slice
// instead of a heap (a new action goes after every action due at the same instant or
// earlier, which keeps ties in the order added), one time.Timer moved with Reset, and
// Close made idempotent with sync.Once.
package deferredcallback

import (
	"errors"
	"sort"
	"sync"
	"time"
)

// ErrClosed is returned by AddAction after Close.
var ErrClosed = errors.New("deferredcallback: closed")

type entry struct {
	due    time.Time
	action func()
}

// Executor is a sorted slice guarded by a mutex.
type Executor struct {
	mu      sync.Mutex
	pending []entry // sorted by due, ties in the order added
	closed  bool

	timer *time.Timer
	wake  chan struct{}
	quit  chan struct{}
	done  chan struct{}
	once  sync.Once
}

// New returns an Executor with no actions, and starts its goroutine.
func New() *Executor {
	e := &Executor{
		timer: time.NewTimer(time.Hour),
		wake:  make(chan struct{}, 1),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	e.timer.Stop()
	go e.run()
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
	i := sort.Search(len(e.pending), func(i int) bool { return e.pending[i].due.After(due) })
	e.pending = append(e.pending, entry{})
	copy(e.pending[i+1:], e.pending[i:])
	e.pending[i] = entry{due: due, action: action}
	if i == 0 {
		select {
		case e.wake <- struct{}{}:
		default:
		}
	}
	return nil
}

// Close stops the executor, drops the pending actions and waits for a running action
// and the goroutine. It is idempotent.
func (e *Executor) Close() {
	e.once.Do(func() {
		e.mu.Lock()
		e.closed = true
		e.pending = nil
		e.mu.Unlock()
		close(e.quit)
		<-e.done
	})
}

func (e *Executor) run() {
	defer close(e.done)
	defer e.timer.Stop()
	for {
		e.mu.Lock()
		if e.closed {
			e.mu.Unlock()
			return
		}
		if len(e.pending) > 0 {
			if wait := time.Until(e.pending[0].due); wait > 0 {
				e.timer.Reset(wait)
			} else {
				action := e.pending[0].action
				e.pending = e.pending[1:]
				e.mu.Unlock()
				action()
				continue
			}
		}
		e.mu.Unlock()
		select {
		case <-e.timer.C:
		case <-e.wake:
		case <-e.quit:
			return
		}
	}
}
