// Package foobar is a known-bad FooBar.
//
// Bug: the turn flag is read without the lock before waiting on the Cond (a "fast
// path"), racing with the other side's write. Verdict: the race detector's "DATA RACE".
package foobar

import "sync"

type FooBar struct {
	n        int
	mu       sync.Mutex
	cond     *sync.Cond
	barsTurn bool
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	fb := &FooBar{n: n}
	fb.cond = sync.NewCond(&fb.mu)
	return fb
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		fb.await(false)
		printFoo()
		fb.pass(true)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		fb.await(true)
		printBar()
		fb.pass(false)
	}
}

func (fb *FooBar) pass(barsTurn bool) {
	fb.mu.Lock()
	fb.barsTurn = barsTurn
	fb.mu.Unlock()
	fb.cond.Broadcast()
}

func (fb *FooBar) await(barsTurn bool) {
	if fb.barsTurn == barsTurn { // unsynchronized read
		return
	}
	fb.mu.Lock()
	for fb.barsTurn != barsTurn {
		fb.cond.Wait()
	}
	fb.mu.Unlock()
}
