// Package foobar is a known-bad FooBar.
//
// Bug: each side polls a mutex-guarded turn flag and sleeps a millisecond between looks:
// correct output, but every handoff is late and the waiter wakes a thousand times a
// second. Verdict: "sleep".
package foobar

import (
	"sync"
	"time"
)

type FooBar struct {
	n        int
	mu       sync.Mutex
	barsTurn bool
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	return &FooBar{n: n}
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		fb.await(false)
		printFoo()
		fb.set(true)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		fb.await(true)
		printBar()
		fb.set(false)
	}
}

func (fb *FooBar) set(barsTurn bool) {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	fb.barsTurn = barsTurn
}

func (fb *FooBar) await(barsTurn bool) {
	for {
		fb.mu.Lock()
		ok := fb.barsTurn == barsTurn
		fb.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
