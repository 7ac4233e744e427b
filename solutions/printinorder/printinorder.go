// Package printinorder is the reference solution of the Print in Order kata.
package printinorder

// Foo orders three steps with two channels, each closed when a step is done: closing
// a channel wakes every receiver, now and later, and never blocks the closer.
type Foo struct {
	firstDone  chan struct{} // closed after printFirst returns
	secondDone chan struct{} // closed after printSecond returns
}

// New returns a Foo whose three steps have not run yet.
func New() *Foo {
	return &Foo{
		firstDone:  make(chan struct{}),
		secondDone: make(chan struct{}),
	}
}

// First calls printFirst and returns; it never waits for Second or Third.
func (f *Foo) First(printFirst func()) {
	printFirst()
	close(f.firstDone)
}

// Second waits until First has called printFirst, then calls printSecond and returns.
// It never waits for Third.
func (f *Foo) Second(printSecond func()) {
	<-f.firstDone
	printSecond()
	close(f.secondDone)
}

// Third waits until Second has called printSecond, then calls printThird and returns.
func (f *Foo) Third(printThird func()) {
	<-f.secondDone
	printThird()
}
