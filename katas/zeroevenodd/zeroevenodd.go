// Package zeroevenodd is the Print Zero Even Odd kata: three goroutines print
// 0 1 0 2 0 3 ... 0 n together.
package zeroevenodd

// ZeroEvenOdd makes three goroutines print 0 1 0 2 0 3 ... 0 n together. The same
// *ZeroEvenOdd is shared by goroutines started in any order and at any time: one calls
// Zero, one Even and one Odd. Zero calls printNumber(0) n times, Odd calls it with the
// odd numbers 1, 3, 5, ... up to n and Even with the even numbers 2, 4, ... up to n, in
// the order of the sequence: each call happens after the call before it in the sequence
// has returned. Each method calls its printNumber itself, from its own goroutine.
//
// A method waits only for the prints before its own: after its last print it returns
// at once, without waiting for another method, and leaves no goroutine behind. So one
// goroutine may call a method after another whose prints all come before it (with n = 1:
// Zero, then Odd, then Even), and with n = 0 every method returns at once, even when one
// goroutine calls all three in turn. Waiting blocks the goroutine (a channel, sync.Cond
// or sync.Mutex): it never spins, polls or sleeps. Separate ZeroEvenOdds are independent.
type ZeroEvenOdd struct {
	// Add the fields you need.
}

// New returns a ZeroEvenOdd that prints up to n. It panics with
// "zeroevenodd: negative n" if n < 0.
func New(n int) *ZeroEvenOdd {
	panic("zeroevenodd: not implemented")
}

// Zero calls printNumber(0) n times, each time after the number before it (if any) was
// printed, and returns after its last print.
func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	panic("zeroevenodd: not implemented")
}

// Even calls printNumber(i) for i = 2, 4, ... up to n, each time after the 0 before i
// was printed, and returns after its last print (at once if n < 2).
func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	panic("zeroevenodd: not implemented")
}

// Odd calls printNumber(i) for i = 1, 3, ... up to n, each time after the 0 before i
// was printed, and returns after its last print (at once if n = 0).
func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	panic("zeroevenodd: not implemented")
}
