// Package printinorder is a known-bad Print in Order.
//
// Bug: First hands over with a send on an unbuffered channel, so it waits until Second
// receives. When one goroutine calls First, Second and Third in turn, First never
// returns. Verdict: "deadlock: First never returned".
package printinorder

type Foo struct{ first, second chan struct{} }

func New() *Foo { return &Foo{make(chan struct{}), make(chan struct{})} }

func (f *Foo) First(printFirst func()) {
	printFirst()
	f.first <- struct{}{}
}

func (f *Foo) Second(printSecond func()) {
	<-f.first
	printSecond()
	f.second <- struct{}{}
}

func (f *Foo) Third(printThird func()) {
	<-f.second
	printThird()
}
