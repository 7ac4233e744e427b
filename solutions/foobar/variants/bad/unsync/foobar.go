// Package foobar is a known-bad FooBar.
//
// Bug: no synchronization at all; each side prints n times and hopes the scheduler
// alternates them. Verdict: "do not alternate", or, when the two happen to run in
// turn, "printBar called while printFoo was still running".
package foobar

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
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		printBar()
	}
}
