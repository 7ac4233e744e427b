// Package foobar is a correct FooBar that shakes hands on unbuffered channels in both
// directions; Foo drains the final handoff so that Bar never blocks after its last print.
package foobar

type FooBar struct {
	n                int
	fooDone, barDone chan struct{}
}

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	return &FooBar{n: n, fooDone: make(chan struct{}), barDone: make(chan struct{})}
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		printFoo()
		fb.fooDone <- struct{}{}
		<-fb.barDone
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		<-fb.fooDone
		printBar()
		fb.barDone <- struct{}{}
	}
}
