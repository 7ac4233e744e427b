// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: a "fast path" reads the counter of prints without the lock before waiting on the
// Cond, racing with the writer. Verdict: the race detector's "DATA RACE".
package zeroevenodd

import "sync"

type ZeroEvenOdd struct {
	n       int
	mu      sync.Mutex
	cond    *sync.Cond
	printed int // prints so far, all methods
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n}
	z.cond = sync.NewCond(&z.mu)
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		z.turn(2*(i-1), func() { printNumber(0) })
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		z.turn(2*i-1, func() { printNumber(i) })
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		z.turn(2*i-1, func() { printNumber(i) })
	}
}

func (z *ZeroEvenOdd) turn(at int, print func()) {
	if z.printed != at { // unsynchronized read
		z.mu.Lock()
		for z.printed != at {
			z.cond.Wait()
		}
		z.mu.Unlock()
	}
	print()
	z.mu.Lock()
	z.printed++
	z.mu.Unlock()
	z.cond.Broadcast()
}
