// Package foobar is a known-bad FooBar.
//
// Bug: New accepts a negative n silently (the loops simply do not run) instead of
// panicking. Verdict: "New(-1) returned; want a panic".
package foobar

type FooBar struct {
	n                int
	fooTurn, barTurn chan struct{}
}

func New(n int) *FooBar {
	fb := &FooBar{n: n, fooTurn: make(chan struct{}, 1), barTurn: make(chan struct{}, 1)}
	fb.fooTurn <- struct{}{}
	return fb
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		<-fb.fooTurn
		printFoo()
		fb.barTurn <- struct{}{}
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		<-fb.barTurn
		printBar()
		fb.fooTurn <- struct{}{}
	}
}
