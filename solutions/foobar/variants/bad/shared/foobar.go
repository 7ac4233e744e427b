// Package foobar is a known-bad FooBar.
//
// Bug: the turn tokens travel on package-level channels, so all FooBars share them and
// one FooBar's foo can release another's bar. Verdict: "separate FooBars must not share
// state".
package foobar

var fooTurn, barTurn = make(chan struct{}, 1), make(chan struct{}, 1)

type FooBar struct{ n int }

func New(n int) *FooBar {
	if n < 0 {
		panic("foobar: negative n")
	}
	select {
	case fooTurn <- struct{}{}:
	default:
	}
	return &FooBar{n: n}
}

func (fb *FooBar) Foo(printFoo func()) {
	for range fb.n {
		<-fooTurn
		printFoo()
		barTurn <- struct{}{}
	}
}

func (fb *FooBar) Bar(printBar func()) {
	for range fb.n {
		<-barTurn
		printBar()
		select {
		case fooTurn <- struct{}{}:
		default:
		}
	}
}
