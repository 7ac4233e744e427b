// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: each method spins on an atomic counter until it is its turn: correct output, but
// a waiting method burns a CPU. Verdict: "busy-wait".
package fizzbuzz

import "sync/atomic"

type FizzBuzz struct {
	n    int
	next atomic.Int64 // the i whose call is next
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	f.next.Store(1)
	return f
}

const (
	fizz = iota
	buzz
	fizzBuzz
	number
)

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

func (f *FizzBuzz) Fizz(printFizz func())         { f.play(fizz, func(int) { printFizz() }) }
func (f *FizzBuzz) Buzz(printBuzz func())         { f.play(buzz, func(int) { printBuzz() }) }
func (f *FizzBuzz) FizzBuzz(printFizzBuzz func()) { f.play(fizzBuzz, func(int) { printFizzBuzz() }) }
func (f *FizzBuzz) Number(printNumber func(int))  { f.play(number, printNumber) }

// play makes the calls of kind k, each when the counter says i is next.
func (f *FizzBuzz) play(k int, print func(int)) {
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		for f.next.Load() != int64(i) {
		}
		print(i)
		f.next.Add(1)
	}
}
