// Package printinorder has a data race: a plain int read and written by several goroutines.
package printinorder

import "runtime"

type Foo struct{ step int }

func New() *Foo { return &Foo{} }

func (f *Foo) First(p func()) { p(); f.step = 1 }

func (f *Foo) Second(p func()) {
	for f.step < 1 {
		runtime.Gosched()
	}
	p()
	f.step = 2
}

func (f *Foo) Third(p func()) {
	for f.step < 2 {
		runtime.Gosched()
	}
	p()
}
