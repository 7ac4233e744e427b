// Package foobar is a correct FooBar with an atomic round counter and buffered wake-up
// channels: a side checks the counter and blocks on its channel only when it must wait.
package foobar

import "sync/atomic"

type FooBar struct {
	n       int
	printed atomic.Int64 // prints so far, both sides
	wakeFoo chan struct{}
	wakeBar chan struct{}
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	return &FooBar{n: n, wakeFoo: make(chan struct{}, 1), wakeBar: make(chan struct{}, 1)}
}

func (fb *FooBar) Foo(printFoo func()) {
	for i := range fb.n {
		for fb.printed.Load() != int64(2*i) {
			<-fb.wakeFoo
		}
		printFoo()
		fb.printed.Add(1)
		wake(fb.wakeBar)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for i := range fb.n {
		for fb.printed.Load() != int64(2*i+1) {
			<-fb.wakeBar
		}
		printBar()
		fb.printed.Add(1)
		wake(fb.wakeFoo)
	}
}

// wake leaves a token for the other side unless one is already waiting there.
func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
