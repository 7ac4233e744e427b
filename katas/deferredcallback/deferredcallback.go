// Package deferredcallback is the Deferred Callback kata: an executor that runs each
// action once, on its own goroutine, when the action's delay has passed.
package deferredcallback

import (
	"errors"
	"time"
)

// ErrClosed is returned by AddAction after Close.
var ErrClosed = errors.New("deferredcallback: closed")

// Executor runs deferred actions. New starts the executor's goroutine, and every action
// runs on that one goroutine, one at a time, never on the goroutine that called
// AddAction and never on a goroutine of its own.
//
// An action added with AddAction(after, action) at instant t is due at t+after, or at t
// when after <= 0 (a negative after does not move the action ahead of actions that
// were already due). The executor starts an action when it is due and no other action
// is running: never earlier, and no later than that (it never polls a clock or rounds
// it); an action that falls due while another action runs starts as soon as that one
// returns. Of the actions that are due, the one with the earliest due instant starts
// first, and actions due at the same instant start in the order they were added. An
// action added while the executor sleeps toward a later one still runs on time.
//
// AddAction may be called from any goroutine, including from inside an action, and it
// never waits for a running action. Close stops the executor; it must not be called
// from inside an action (that is not supported: it would wait for itself). Waiting
// always blocks (on a channel, a timer, a sync.Cond): it never spins or sleeps in a loop.
//
// Separate Executors are independent: each New starts a goroutine of its own, each
// Executor runs only its own actions, on its own goroutine, and closing one Executor
// does not affect another.
type Executor struct {
	// Add the fields you need.
}

// New returns an Executor with no actions, and starts its goroutine.
func New() *Executor {
	panic("deferredcallback: not implemented")
}

// AddAction schedules action to run once on the executor's goroutine, after the delay
// after (after <= 0: as soon as possible), and returns nil; after Close it returns
// ErrClosed and the action never runs. It never waits for a running action. Action
// must not be nil.
func (e *Executor) AddAction(after time.Duration, action func()) error {
	panic("deferredcallback: not implemented")
}

// Close stops the executor: no action starts after Close is called, and actions still
// pending are dropped. Close waits until a running action has returned and the
// executor's goroutine has exited. Close is idempotent: later calls (from any goroutine)
// wait for the same and return. Calling Close from inside an action is not supported.
func (e *Executor) Close() {
	panic("deferredcallback: not implemented")
}
