// Package foobar is the reference solution of the Print FooBar Alternately kata.
package foobar

// FooBar passes the turn back and forth through two channels of capacity one: the side
// whose turn it is holds the token, and handing it over never blocks.
type FooBar struct {
	n       int
	fooTurn chan struct{}
	barTurn chan struct{}
}

// New returns a FooBar for n rounds. It panics with "foobar: negative n" if n < 0.
func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	fb := &FooBar{
		n:       n,
		fooTurn: make(chan struct{}, 1),
		barTurn: make(chan struct{}, 1),
	}
	fb.fooTurn <- struct{}{} // foo goes first
	return fb
}

// Foo calls printFoo n times, each time after the previous printBar (if any) returned.
func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		<-fb.fooTurn
		printFoo()
		fb.barTurn <- struct{}{}
	}
}

// Bar calls printBar n times, each time after the printFoo of the same round returned.
func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		<-fb.barTurn
		printBar()
		fb.fooTurn <- struct{}{}
	}
}
