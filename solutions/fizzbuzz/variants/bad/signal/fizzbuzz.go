// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: the four methods wait on one sync.Cond, but each call wakes only one waiter with
// Signal. When the wrong method is woken it goes back to sleep and the wakeup is lost.
// Verdict: "deadlock".
package fizzbuzz

import "sync"

type FizzBuzz struct {
	n    int
	mu   sync.Mutex
	cond *sync.Cond
	next int // the i whose call is next
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n, next: 1}
	f.cond = sync.NewCond(&f.mu)
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
		f.mu.Lock()
		for f.next != i {
			f.cond.Wait()
		}
		f.mu.Unlock()
		print(i)
		f.mu.Lock()
		f.next++
		f.cond.Signal() // wakes one waiter, maybe the wrong one
		f.mu.Unlock()
	}
}
