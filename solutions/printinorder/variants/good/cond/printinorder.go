// Package printinorder is a correct Print in Order with a sync.Cond.
package printinorder

import "sync"

// Foo keeps the number of finished steps under a mutex; waiters sleep on a Cond.
type Foo struct {
	mu   sync.Mutex
	cond *sync.Cond
	done int // steps finished
}

func New() *Foo {
	f := &Foo{}
	f.cond = sync.NewCond(&f.mu)
	return f
}

func (f *Foo) First(printFirst func())   { f.step(0, printFirst) }
func (f *Foo) Second(printSecond func()) { f.step(1, printSecond) }
func (f *Foo) Third(printThird func())   { f.step(2, printThird) }

// step waits until n steps are done, prints, and wakes every waiter.
func (f *Foo) step(n int, print func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.done < n {
		f.cond.Wait()
	}
	print()
	f.done++
	f.cond.Broadcast()
}
