// Package foobar is a known-bad FooBar.
//
// Bug: New starts a referee goroutine that hands out 2n turns and then waits for one
// more handoff that never comes, so it is left blocked after Foo and Bar return.
// Verdict: "goroutine leak".
package foobar

type FooBar struct {
	n                int
	fooTurn, barTurn chan chan struct{}
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	fb := &FooBar{n: n, fooTurn: make(chan chan struct{}), barTurn: make(chan chan struct{})}
	go func() {
		for {
			for _, turn := range []chan chan struct{}{fb.fooTurn, fb.barTurn} {
				done := make(chan struct{})
				turn <- done
				<-done
			}
		}
	}()
	return fb
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		done := <-fb.fooTurn
		printFoo()
		close(done)
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		done := <-fb.barTurn
		printBar()
		close(done)
	}
}
