// Package foobar is a correct FooBar with a sync.Cond.
package foobar

import "sync"

// FooBar keeps whose turn it is under a mutex; the waiting side sleeps on a Cond.
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
		fb.turn(false, printFoo)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		fb.turn(true, printBar)
	}
}

// turn waits for its side's turn, prints, and hands the turn over.
func (fb *FooBar) turn(bar bool, print func()) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	for fb.barsTurn != bar {
		fb.cond.Wait()
	}
	print()
	fb.barsTurn = !bar
	fb.cond.Broadcast()
}
