// Package printinorder is a known-bad Print in Order.
//
// Bug: the step counter lives in package variables, so every Foo shares one; a second
// Foo sees the first one's progress. Verdict: "separate Foos must not share state".
package printinorder

import "sync"

var (
	mu   sync.Mutex
	cond = sync.NewCond(&mu)
	step int
)

type Foo struct{}

func New() *Foo {
	mu.Lock()
	defer mu.Unlock()
	step = 0
	return &Foo{}
}

func (f *Foo) First(printFirst func()) {
	printFirst()
	advance(1)
}

func (f *Foo) Second(printSecond func()) {
	await(1)
	printSecond()
	advance(2)
}

func (f *Foo) Third(printThird func()) {
	await(2)
	printThird()
}

func advance(s int) {
	mu.Lock()
	defer mu.Unlock()
	if s > step {
		step = s
	}
	cond.Broadcast()
}

func await(s int) {
	mu.Lock()
	defer mu.Unlock()
	for step < s {
		cond.Wait()
	}
}
