// Package printinorder is a correct Print in Order with an atomic fast path and
// buffered channels of size one to wake a waiter.
package printinorder

import "sync/atomic"

type Foo struct {
	step atomic.Int32
	wake [2]chan struct{} // wake[i]: step i+1 is done
}

func New() *Foo {
	return &Foo{wake: [2]chan struct{}{make(chan struct{}, 1), make(chan struct{}, 1)}}
}

func (f *Foo) First(printFirst func()) {
	printFirst()
	f.step.Store(1)
	f.wake[0] <- struct{}{}
}

func (f *Foo) Second(printSecond func()) {
	if f.step.Load() < 1 {
		<-f.wake[0]
	}
	printSecond()
	f.step.Store(2)
	f.wake[1] <- struct{}{}
}

func (f *Foo) Third(printThird func()) {
	if f.step.Load() < 2 {
		<-f.wake[1]
	}
	printThird()
}
