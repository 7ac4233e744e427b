// Package fizzbuzz is the Fizz Buzz Multithreaded kata: four goroutines print
// 1 2 fizz 4 buzz ... together.
package fizzbuzz

// FizzBuzz makes four goroutines play fizz buzz together. The same *FizzBuzz is shared
// by goroutines started in any order and at any time: one calls Fizz, one Buzz, one
// FizzBuzz and one Number. For i = 1, 2, ..., n exactly one call is made, in that order:
// printFizzBuzz if i is divisible by 15, else printFizz if it is divisible by 3, else
// printBuzz if it is divisible by 5, else printNumber(i). Each call happens after the
// call for i-1 has returned, and each method calls its print function itself, from its
// own goroutine.
//
// A method waits only for the calls before its own: once no call of its kind is left it
// returns at once, without waiting for another method, and leaves no goroutine behind
// (so FizzBuzz returns at once when n < 15, and every method with n = 0, even when one
// goroutine calls all four in turn). So one goroutine may call a method after another
// whose calls all come before it (with n = 15: Number, then FizzBuzz). Waiting blocks
// the goroutine (a channel, sync.Cond or sync.Mutex): it never spins, polls or sleeps.
// Separate FizzBuzzes are independent.
type FizzBuzz struct {
	// Add the fields you need.
}

// New returns a FizzBuzz for the numbers 1 to n. It panics with "fizzbuzz: negative n"
// if n < 0.
func New(n int) *FizzBuzz {
	panic("fizzbuzz: not implemented")
}

// Fizz calls printFizz for each i divisible by 3 but not by 5, each time after the call
// for i-1 has returned, and returns after its last call.
func (f *FizzBuzz) Fizz(printFizz func()) {
	panic("fizzbuzz: not implemented")
}

// Buzz calls printBuzz for each i divisible by 5 but not by 3, each time after the call
// for i-1 has returned, and returns after its last call.
func (f *FizzBuzz) Buzz(printBuzz func()) {
	panic("fizzbuzz: not implemented")
}

// FizzBuzz calls printFizzBuzz for each i divisible by 15, each time after the call for
// i-1 has returned, and returns after its last call.
func (f *FizzBuzz) FizzBuzz(printFizzBuzz func()) {
	panic("fizzbuzz: not implemented")
}

// Number calls printNumber(i) for each i divisible by neither 3 nor 5, each time after
// the call for i-1 has returned, and returns after its last call.
func (f *FizzBuzz) Number(printNumber func(int)) {
	panic("fizzbuzz: not implemented")
}
