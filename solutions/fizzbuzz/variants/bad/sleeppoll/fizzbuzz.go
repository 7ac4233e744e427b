// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: each method polls a mutex-guarded counter and sleeps a millisecond between
// looks: correct output, but every handoff is late and a waiting method wakes a thousand
// times a second. Verdict: "sleep".
package fizzbuzz

import (
	"sync"
	"time"
)

type FizzBuzz struct {
	n    int
	mu   sync.Mutex
	next int // the i whose call is next
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	return &FizzBuzz{n: n, next: 1}
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
		for !f.is(i) {
			time.Sleep(time.Millisecond)
		}
		print(i)
		f.mu.Lock()
		f.next++
		f.mu.Unlock()
	}
}

func (f *FizzBuzz) is(i int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.next == i
}
