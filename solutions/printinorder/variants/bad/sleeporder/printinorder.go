// Package printinorder is a known-bad Print in Order.
//
// Bug: it orders the steps by sleeping (Second sleeps 10ms, Third 20ms), the answer
// judges that accept it are known for. It waits for time, not for the step before.
// Verdict: "sleeping".
package printinorder

import "time"

type Foo struct{}

func New() *Foo { return &Foo{} }

func (f *Foo) First(printFirst func()) { printFirst() }

func (f *Foo) Second(printSecond func()) {
	time.Sleep(10 * time.Millisecond)
	printSecond()
}

func (f *Foo) Third(printThird func()) {
	time.Sleep(20 * time.Millisecond)
	printThird()
}
