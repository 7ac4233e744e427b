// Package deferredcallback is a known-bad Deferred Callback executor.
//
// Bug: every action gets its own time.AfterFunc, so it runs on a fresh goroutine of its
// own, not on the executor's goroutine; two actions may run at the same time, and Close
// does not wait for a running one. Verdict: "which New did not start".
package deferredcallback

import (
	"errors"
	"sync"
	"time"
)

var ErrClosed = errors.New("deferredcallback: closed")

type Executor struct {
	mu     sync.Mutex
	timers []*time.Timer
	closed bool
}

func New() *Executor { return &Executor{} }

func (e *Executor) AddAction(after time.Duration, action func()) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrClosed
	}
	e.timers = append(e.timers, time.AfterFunc(after, func() {
		e.mu.Lock()
		closed := e.closed
		e.mu.Unlock()
		if !closed {
			action() // Bug: on the timer's goroutine
		}
	}))
	return nil
}

func (e *Executor) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closed = true
	for _, t := range e.timers {
		t.Stop()
	}
	e.timers = nil
}
