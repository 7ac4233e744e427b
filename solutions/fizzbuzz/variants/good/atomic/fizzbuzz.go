// Package fizzbuzz is a correct Fizz Buzz Multithreaded with an atomic counter and a
// buffered wake-up channel per method: a method checks the counter and blocks on its
// channel only when it must wait.
package fizzbuzz

import "sync/atomic"

type FizzBuzz struct {
	n    int
	next atomic.Int64     // the i whose call is next
	wake [4]chan struct{} // per kind
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	f.next.Store(1)
	for k := range f.wake {
		f.wake[k] = make(chan struct{}, 1)
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

func (f *FizzBuzz) play(k int, print func(int)) {
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		for f.next.Load() != int64(i) {
			<-f.wake[k]
		}
		print(i)
		f.next.Add(1)
		if i < f.n {
			select {
			case f.wake[kind(i+1)] <- struct{}{}:
			default: // a wake-up is already waiting there
			}
		}
	}
}
