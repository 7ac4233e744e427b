// Package fizzbuzz is the reference solution of the Fizz Buzz Multithreaded kata.
package fizzbuzz

// FizzBuzz passes the turn through four channels of capacity one, one per method: the
// method whose turn it is holds the token, and whoever makes the call for i hands the
// token to the method of i+1. The handoff never blocks, so a method returns at once
// after its last call.
type FizzBuzz struct {
	n    int
	turn [4]chan struct{} // per kind: fizz, buzz, fizzBuzz, number
}

// The kinds of call, and so of method.
const (
	fizz = iota
	buzz
	fizzBuzz
	number
)

// kind returns the kind of call for i.
func kind(i int) int {
	switch {
	case i%15 == 0:
		return fizzBuzz
	case i%3 == 0:
		return fizz
	case i%5 == 0:
		return buzz
	}
	return number
}

// New returns a FizzBuzz for the numbers 1 to n. It panics with "fizzbuzz: negative n"
// if n < 0.
func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	for k := range f.turn {
		f.turn[k] = make(chan struct{}, 1)
	}
	if n > 0 {
		f.turn[kind(1)] <- struct{}{}
	}
	return f
}

// Fizz calls printFizz for each i divisible by 3 but not by 5.
func (f *FizzBuzz) Fizz(printFizz func()) {
	f.play(fizz, func(int) { printFizz() })
}

// Buzz calls printBuzz for each i divisible by 5 but not by 3.
func (f *FizzBuzz) Buzz(printBuzz func()) {
	f.play(buzz, func(int) { printBuzz() })
}

// FizzBuzz calls printFizzBuzz for each i divisible by 15.
func (f *FizzBuzz) FizzBuzz(printFizzBuzz func()) {
	f.play(fizzBuzz, func(int) { printFizzBuzz() })
}

// Number calls printNumber(i) for each i divisible by neither 3 nor 5.
func (f *FizzBuzz) Number(printNumber func(int)) {
	f.play(number, printNumber)
}

// play makes the calls of kind k: for each of its i, it waits for the token, calls
// print(i) and hands the token to the kind of i+1.
func (f *FizzBuzz) play(k int, print func(int)) {
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		<-f.turn[k]
		print(i)
		if i < f.n {
			f.turn[kind(i+1)] <- struct{}{}
		}
	}
}
