// Package fizzbuzz is a correct Fizz Buzz Multithreaded with one sync.Cond and
// Broadcast: every waiter wakes and checks whether the next call is its own.
package fizzbuzz

import "sync"

// FizzBuzz keeps the next i under a mutex; waiters sleep on a Cond.
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

// play makes the calls of kind k: for each of its i, it waits until i is next, makes
// the call while holding the lock, and wakes every waiter.
func (f *FizzBuzz) play(k int, print func(int)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		for f.next != i {
			f.cond.Wait()
		}
		print(i)
		f.next++
		f.cond.Broadcast()
	}
}
