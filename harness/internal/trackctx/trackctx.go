// Package trackctx is a context that counts the context.AfterFunc registrations made on
// it, for the queue katas' judges: a call must stop every registration it made before it
// returns.
package trackctx

import (
	"context"
	"sync"
	"time"
)

// A Context forwards Deadline, Done and Err to its parent and hides the parent's values,
// so that context.AfterFunc, context.WithCancel and the other derivations register
// through its AfterFunc method (the hook the context package offers to contexts it does
// not know), where they are counted.
type Context struct {
	parent context.Context
	mu     sync.Mutex
	live   int // registrations neither stopped nor run
	total  int
}

// New returns a Context that ends when parent ends.
func New(parent context.Context) *Context { return &Context{parent: parent} }

func (c *Context) Deadline() (time.Time, bool) { return c.parent.Deadline() }
func (c *Context) Done() <-chan struct{}       { return c.parent.Done() }
func (c *Context) Err() error                  { return c.parent.Err() }

// Value returns nil for every key: a value of the parent would let the context package
// find the parent's cancelCtx and register there, out of sight.
func (c *Context) Value(key any) any { return nil }

// AfterFunc is called by context.AfterFunc (and by context.WithCancel and friends) with
// c as the parent. It registers f on the parent and counts the registration as live
// until it is stopped or f starts.
func (c *Context) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	c.live++
	c.total++
	c.mu.Unlock()
	var once sync.Once
	settle := func() {
		once.Do(func() {
			c.mu.Lock()
			c.live--
			c.mu.Unlock()
		})
	}
	inner := context.AfterFunc(c.parent, func() {
		settle()
		f()
	})
	return func() bool {
		ok := inner()
		if ok {
			settle()
		}
		return ok
	}
}

// Live returns how many registrations are neither stopped nor run, and how many were
// made in all.
func (c *Context) Live() (live, total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.live, c.total
}

// Leaked reports whether c holds a registration that will outlive the call that made it:
// one neither stopped nor run while c has not ended (once c ends, every registration
// runs).
func (c *Context) Leaked() bool {
	live, _ := c.Live()
	return live > 0 && c.Err() == nil
}
