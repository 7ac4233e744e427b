// Package printinorder is a known-bad Print in Order.
//
// Bug: Second and Third return at once and print later from a goroutine of their own,
// so the caller cannot rely on the step being done when the method returns. Verdict:
// "returned before calling print".
package printinorder

type Foo struct{ first, second chan struct{} }

func New() *Foo { return &Foo{make(chan struct{}), make(chan struct{})} }

func (f *Foo) First(printFirst func()) {
	printFirst()
	close(f.first)
}

func (f *Foo) Second(printSecond func()) {
	go func() {
		<-f.first
		printSecond()
		close(f.second)
	}()
}

func (f *Foo) Third(printThird func()) {
	go func() {
		<-f.second
		printThird()
	}()
}
