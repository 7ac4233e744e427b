// Package foobar is a known-bad FooBar.
//
// Bug: it orders the two sides by sleeping: Bar starts half a period late and both
// print every 10ms. It waits for time, not for the other side. Verdict: "sleeping".
package foobar

import "time"

type FooBar struct{ n int }

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	return &FooBar{n: n}
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		printFoo()
		time.Sleep(10 * time.Millisecond)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	time.Sleep(5 * time.Millisecond)
	for range fb.n {
		printBar()
		time.Sleep(10 * time.Millisecond)
	}
}
