// Package printinorder is a known-bad Print in Order.
//
// Bug: Second and Third poll a mutex-guarded counter and sleep between looks: correct
// output, but every handoff arrives up to a millisecond late and the waiter wakes a
// thousand times a second. Verdict: "sleep".
package printinorder

import (
	"sync"
	"time"
)

type Foo struct {
	mu   sync.Mutex
	step int
}

func New() *Foo { return &Foo{} }

func (f *Foo) First(printFirst func()) {
	printFirst()
	f.set(1)
}

func (f *Foo) Second(printSecond func()) {
	f.await(1)
	printSecond()
	f.set(2)
}

func (f *Foo) Third(printThird func()) {
	f.await(2)
	printThird()
}

func (f *Foo) set(step int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.step = step
}

func (f *Foo) await(step int) {
	for {
		f.mu.Lock()
		ok := f.step >= step
		f.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
