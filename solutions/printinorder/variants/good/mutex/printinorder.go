// Package printinorder is a correct Print in Order with mutexes locked in New and
// unlocked by the step before: a sync.Mutex may be unlocked by another goroutine.
package printinorder

import "sync"

type Foo struct {
	afterFirst, afterSecond sync.Mutex
}

func New() *Foo {
	f := &Foo{}
	f.afterFirst.Lock()
	f.afterSecond.Lock()
	return f
}

func (f *Foo) First(printFirst func()) {
	printFirst()
	f.afterFirst.Unlock()
}

func (f *Foo) Second(printSecond func()) {
	f.afterFirst.Lock()
	printSecond()
	f.afterSecond.Unlock()
}

func (f *Foo) Third(printThird func()) {
	f.afterSecond.Lock()
	printThird()
}
