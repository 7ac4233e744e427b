// Package printinorder is the Print in Order kata: three steps called from any goroutines,
// in any order, must print First, Second, Third.
package printinorder

// Foo orders three steps. The same *Foo is shared by goroutines that each call one of
// First, Second and Third once, started in any order and at any time; one goroutine may
// also call First, Second and Third in turn.
//
// printFirst, printSecond and printThird are called in that order, each exactly once,
// each before its method returns. A method waits only for the steps before it: First
// never waits, Second waits until printFirst has returned, Third until printSecond has
// returned. Waiting blocks the goroutine (a channel, sync.Cond, sync.Mutex or
// sync.WaitGroup): it never spins, polls or sleeps. Separate Foos are independent.
type Foo struct {
	// Add the fields you need.
}

// New returns a Foo whose three steps have not run yet.
func New() *Foo {
	panic("printinorder: not implemented")
}

// First calls printFirst and returns; it never waits for Second or Third.
func (f *Foo) First(printFirst func()) {
	panic("printinorder: not implemented")
}

// Second waits until First has called printFirst, then calls printSecond and returns.
// It never waits for Third.
func (f *Foo) Second(printSecond func()) {
	panic("printinorder: not implemented")
}

// Third waits until Second has called printSecond, then calls printThird and returns.
func (f *Foo) Third(printThird func()) {
	panic("printinorder: not implemented")
}
