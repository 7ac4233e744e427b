// Package printinorder is a known-bad Print in Order.
//
// Bug: each step signals the next one before it prints, so printSecond may start while
// printFirst is still running (and, with a slow print, finish first). Verdict:
// "printSecond called while printFirst was still running" (or Third and Second), or, when
// the judge's yield points let the later print finish first, "Second printed before First"
// (or Third before Second).
package printinorder

type Foo struct{ first, second chan struct{} }

func New() *Foo { return &Foo{make(chan struct{}), make(chan struct{})} }

func (f *Foo) First(printFirst func()) {
	close(f.first)
	printFirst()
}

func (f *Foo) Second(printSecond func()) {
	<-f.first
	close(f.second)
	printSecond()
}

func (f *Foo) Third(printThird func()) {
	<-f.second
	printThird()
}
