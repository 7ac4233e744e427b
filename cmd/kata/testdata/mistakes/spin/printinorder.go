// Package printinorder is a known-bad Print in Order.
//
// Bug: Second and Third spin on an atomic counter instead of blocking: correct output,
// but a waiting goroutine burns a whole CPU. Verdict: "busy-wait".
package printinorder

import "sync/atomic"

type Foo struct{ step atomic.Int32 }

func New() *Foo { return &Foo{} }

func (f *Foo) First(printFirst func()) {
	printFirst()
	f.step.Store(1)
}

func (f *Foo) Second(printSecond func()) {
	for f.step.Load() < 1 {
	}
	printSecond()
	f.step.Store(2)
}

func (f *Foo) Third(printThird func()) {
	for f.step.Load() < 2 {
	}
	printThird()
}
