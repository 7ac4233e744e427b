// Package foobar is a known-bad FooBar.
//
// Bug: the turn is passed on unbuffered channels, and after its last print Bar still
// hands the turn back to Foo, which has already returned: Bar blocks forever on its last
// send. Verdict: "deadlock: Bar never returned".
package foobar

type FooBar struct {
	n                int
	fooTurn, barTurn chan struct{}
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	return &FooBar{n: n, fooTurn: make(chan struct{}), barTurn: make(chan struct{})}
}

func (fb *FooBar) Foo(printFoo func()) {
	for i := range fb.n {
		if i > 0 {
			<-fb.fooTurn
		}
		printFoo()
		fb.barTurn <- struct{}{}
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		<-fb.barTurn
		printBar()
		fb.fooTurn <- struct{}{} // blocks forever after the last round
	}
}
