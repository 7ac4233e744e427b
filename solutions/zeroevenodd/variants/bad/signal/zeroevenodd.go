// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: the three methods wait on one sync.Cond, but each print wakes only one waiter
// with Signal. When the wrong method is woken it goes back to sleep and the wakeup is
// lost. Verdict: "deadlock".
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
	z.mu.Lock()
	defer z.mu.Unlock()
	for z.printed != at {
		z.cond.Wait()
	}
	print()
	z.printed++
	z.cond.Signal() // wakes one waiter, maybe the wrong one
}
