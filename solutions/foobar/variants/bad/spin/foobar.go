// Package foobar is a known-bad FooBar.
//
// Bug: each side spins on an atomic turn flag until it is its turn: correct output, but
// a waiting side burns a CPU. Verdict: "busy-wait".
package foobar

import "sync/atomic"

type FooBar struct {
	n        int
	barsTurn atomic.Bool
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	return &FooBar{n: n}
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		for fb.barsTurn.Load() {
		}
		printFoo()
		fb.barsTurn.Store(true)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		for !fb.barsTurn.Load() {
		}
		printBar()
		fb.barsTurn.Store(false)
	}
}
