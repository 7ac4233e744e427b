// Package printinorder is a known-bad Print in Order.
//
// Bug: Third holds the mutex while it calls a helper that locks it again; sync.Mutex is
// not reentrant, so Third blocks forever inside Mutex.Lock. (A goroutine in Mutex.Lock
// is not durably blocked, so the bubble cannot see this; the watchdog must.)
// Verdict: "deadlock".
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
	f.mu.Lock()
	for f.step < 1 {
		f.cond.Wait()
	}
	f.mu.Unlock()
	printSecond()
	f.advance(2)
}

func (f *Foo) Third(printThird func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.step < 2 {
		f.cond.Wait()
	}
	printThird()
	f.advance(3) // locks f.mu again
}

func (f *Foo) advance(step int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.step = step
	f.cond.Broadcast()
}
