// Package fizzbuzz is a correct Fizz Buzz Multithreaded with four mutexes, each locked
// while it is not its method's turn and unlocked by whoever makes the call before: a
// sync.Mutex may be unlocked by another goroutine than the one that locked it.
package fizzbuzz

import "sync"

type FizzBuzz struct {
	n    int
	turn [4]sync.Mutex // per kind; unlocked when it is that kind's turn
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	for k := range f.turn {
		if n == 0 || k != kind(1) {
			f.turn[k].Lock()
		}
	}
	return f
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

func (f *FizzBuzz) Fizz(printFizz func())         { f.play(fizz, func(int) { printFizz() }) }
func (f *FizzBuzz) Buzz(printBuzz func())         { f.play(buzz, func(int) { printBuzz() }) }
func (f *FizzBuzz) FizzBuzz(printFizzBuzz func()) { f.play(fizzBuzz, func(int) { printFizzBuzz() }) }
func (f *FizzBuzz) Number(printNumber func(int))  { f.play(number, printNumber) }

// play makes the calls of kind k: for each of its i, it locks its turn, makes the call
// and unlocks the turn of i+1.
func (f *FizzBuzz) play(k int, print func(int)) {
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		f.turn[k].Lock()
		print(i)
		if i < f.n {
			f.turn[kind(i+1)].Unlock()
		}
	}
}
