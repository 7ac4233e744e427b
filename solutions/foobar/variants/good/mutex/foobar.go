// Package foobar is a correct FooBar with two mutexes, each unlocked by the other side:
// a sync.Mutex may be unlocked by another goroutine than the one that locked it.
package foobar

import "sync"

type FooBar struct {
	n            int
	fooMu, barMu sync.Mutex // locked while it is not that side's turn
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	fb := &FooBar{n: n}
	fb.barMu.Lock()
	return fb
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		fb.fooMu.Lock()
		printFoo()
		fb.barMu.Unlock()
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		fb.barMu.Lock()
		printBar()
		fb.fooMu.Unlock()
	}
}
