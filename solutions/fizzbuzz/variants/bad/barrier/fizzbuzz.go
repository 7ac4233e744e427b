// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: every method first waits until all four have been called ("everybody ready"),
// so a method waits for the call of a method whose calls come after its own: when one
// goroutine calls the methods in turn, the first one waits forever. Verdict: "deadlock:
// Fizz never returned".
package fizzbuzz

import "sync"

type FizzBuzz struct {
	n     int
	ready sync.WaitGroup
	turn  [4]chan struct{}
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

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	f.ready.Add(4)
	for k := range f.turn {
		f.turn[k] = make(chan struct{}, 1)
	}
	if n > 0 {
		f.turn[kind(1)] <- struct{}{}
	}
	return f
}

func (f *FizzBuzz) Fizz(printFizz func())         { f.play(fizz, func(int) { printFizz() }) }
func (f *FizzBuzz) Buzz(printBuzz func())         { f.play(buzz, func(int) { printBuzz() }) }
func (f *FizzBuzz) FizzBuzz(printFizzBuzz func()) { f.play(fizzBuzz, func(int) { printFizzBuzz() }) }
func (f *FizzBuzz) Number(printNumber func(int))  { f.play(number, printNumber) }

func (f *FizzBuzz) play(k int, print func(int)) {
	f.ready.Done() // wait until all four methods have been called
	f.ready.Wait()
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
