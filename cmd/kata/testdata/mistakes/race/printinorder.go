// Package printinorder is a known-bad Print in Order.
//
// Bug: a "fast path" reads the step counter without holding the lock, racing with the
// writer. Verdict: the race detector's "DATA RACE".
package printinorder

import "sync"

type Foo struct {
	mu   sync.Mutex
	cond *sync.Cond
	step int
}

func New() *Foo {
	f := &Foo{}
	f.cond = sync.NewCond(&f.mu)
	return f
}

func (f *Foo) First(printFirst func()) {
	printFirst()
	f.mu.Lock()
	f.step = 1
	f.mu.Unlock()
	f.cond.Broadcast()
}

func (f *Foo) Second(printSecond func()) {
	f.await(1)
	printSecond()
	f.mu.Lock()
	f.step = 2
	f.mu.Unlock()
	f.cond.Broadcast()
}

func (f *Foo) Third(printThird func()) {
	f.await(2)
	printThird()
}

func (f *Foo) await(step int) {
	if f.step >= step { // unsynchronized read
		return
	}
	f.mu.Lock()
	for f.step < step {
		f.cond.Wait()
	}
	f.mu.Unlock()
}
