// Package printinorder is a known-bad Print in Order.
//
// Bug: Second and Third wait on one sync.Cond, but each step wakes only one waiter with
// Signal. When Third is woken instead of Second it goes back to sleep and the wakeup is
// lost. Verdict: "deadlock: Second".
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
	f.advance(1)
}

func (f *Foo) Second(printSecond func()) {
	f.await(1)
	printSecond()
	f.advance(2)
}

func (f *Foo) Third(printThird func()) {
	f.await(2)
	printThird()
}

func (f *Foo) advance(step int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.step = step
	f.cond.Signal() // wakes one waiter, maybe the wrong one
}

func (f *Foo) await(step int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.step < step {
		f.cond.Wait()
	}
}
