// Package foobar is a known-bad FooBar.
//
// Bug: Bar waits for a first foo before it looks at n, so with n = 0 it waits forever.
// Verdict: "deadlock: Bar never returned".
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
		printFoo()
		fb.barTurn <- struct{}{}
	}
}

func (fb *FooBar) Bar(printBar func()) {
	<-fb.barTurn
	for i := range fb.n {
		if i > 0 {
			<-fb.barTurn
		}
		printBar()
		fb.fooTurn <- struct{}{}
	}
}
