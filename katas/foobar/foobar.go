// Package foobar is the Print FooBar Alternately kata: two goroutines take turns printing
// foo and bar.
package foobar

// FooBar makes two goroutines take turns. One goroutine calls Foo and another calls Bar,
// started in any order; Foo calls printFoo n times and Bar calls printBar n times, and
// together the calls alternate foo, bar, foo, bar, ... starting with foo: each printBar
// happens after the printFoo before it returned, and each printFoo after the printBar
// before it returned.
//
// Both methods return once all 2n calls are made, leaving no goroutine behind; with
// n = 0 both return at once. Waiting for the other side's turn blocks the goroutine
// (a channel, sync.Cond or sync.Mutex): it never spins, polls or sleeps. Separate FooBars
// are independent.
type FooBar struct {
	// Add the fields you need.
}

// New returns a FooBar for n rounds. It panics with "foobar: negative n" if n < 0.
func New(n int) *FooBar {
	panic("foobar: not implemented")
}

// Foo calls printFoo n times, each time after the previous printBar (if any) returned.
func (fb *FooBar) Foo(printFoo func()) {
	panic("foobar: not implemented")
}

// Bar calls printBar n times, each time after the printFoo of the same round returned.
func (fb *FooBar) Bar(printBar func()) {
	panic("foobar: not implemented")
}
