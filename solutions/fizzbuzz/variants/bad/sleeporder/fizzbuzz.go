// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: it orders the calls by sleeping: the call for i is made i*10ms after its method
// was called. It waits for time, not for the other methods. Verdict: "sleeping".
package fizzbuzz

import "time"

type FizzBuzz struct{ n int }

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	return &FizzBuzz{n: n}
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

func (f *FizzBuzz) play(k int, print func(int)) {
	start := time.Now()
	for i := 1; i <= f.n; i++ {
		if kind(i) == k {
			time.Sleep(time.Until(start.Add(time.Duration(i) * 10 * time.Millisecond)))
			print(i)
		}
	}
}
