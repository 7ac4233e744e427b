// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: the widely copied loop "wait until it is my turn or the game is over": every
// method returns only once the whole sequence is printed, not after its own last call,
// so FizzBuzz with n = 14 waits for 14 calls it has no part in, and a goroutine that
// calls Number and then Fizz (n = 3) never gets to Fizz. Verdict: "deadlock: Number
// never returned ... Number had made all its calls".
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

func (f *FizzBuzz) play(k int, print func(int)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		for f.next <= f.n && kind(f.next) != k {
			f.cond.Wait()
		}
		if f.next > f.n {
			return
		}
		print(f.next)
		f.next++
		f.cond.Broadcast()
	}
}
