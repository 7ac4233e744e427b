// Package foobar is a known-bad FooBar.
//
// Bug: each side hands over the turn before it prints, so the other side's print may run
// while its own is still running. Verdict: "called while" (or, when a yield point lets
// the other side print first, "foo and bar do not alternate").
package foobar

type FooBar struct {
	n                int
	fooTurn, barTurn chan struct{}
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	fb := &FooBar{n: n, fooTurn: make(chan struct{}, 1), barTurn: make(chan struct{}, 1)}
	fb.fooTurn <- struct{}{}
	return fb
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		<-fb.fooTurn
		fb.barTurn <- struct{}{}
		printFoo()
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		<-fb.barTurn
		fb.fooTurn <- struct{}{}
		printBar()
	}
}
