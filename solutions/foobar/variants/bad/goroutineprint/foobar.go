// Package foobar is a known-bad FooBar.
//
// Bug: Bar hands each print to a new goroutine and returns without waiting for them,
// so Bar returns before all its prints are made. Verdict: "Bar returned after".
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
	go func() {
		for range fb.n {
			<-fb.barTurn
			printBar()
			fb.fooTurn <- struct{}{}
		}
	}()
}
