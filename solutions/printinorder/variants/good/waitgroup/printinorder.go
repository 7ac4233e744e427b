// Package printinorder is a correct Print in Order with two sync.WaitGroups.
package printinorder

import "sync"

type Foo struct{ first, second sync.WaitGroup }

func New() *Foo {
	f := &Foo{}
	f.first.Add(1)
	f.second.Add(1)
	return f
}

func (f *Foo) First(printFirst func()) {
	defer f.first.Done()
	printFirst()
}

func (f *Foo) Second(printSecond func()) {
	f.first.Wait()
	defer f.second.Done()
	printSecond()
}

func (f *Foo) Third(printThird func()) {
	f.second.Wait()
	printThird()
}
