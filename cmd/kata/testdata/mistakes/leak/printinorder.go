// Package printinorder is a known-bad Print in Order.
//
// Bug: New starts a sequencer goroutine that hands out turns and exits only after
// Third; when Third is never called, it stays blocked forever. Verdict: "goroutine leak".
package printinorder

type Foo struct{ turn [3]chan chan struct{} }

func New() *Foo {
	f := &Foo{}
	for i := range f.turn {
		f.turn[i] = make(chan chan struct{})
	}
	go func() {
		for i := range f.turn {
			done := make(chan struct{})
			f.turn[i] <- done
			<-done
		}
	}()
	return f
}

func (f *Foo) step(i int, print func()) {
	done := <-f.turn[i]
	print()
	close(done)
}

func (f *Foo) First(printFirst func())   { f.step(0, printFirst) }
func (f *Foo) Second(printSecond func()) { f.step(1, printSecond) }
func (f *Foo) Third(printThird func())   { f.step(2, printThird) }
