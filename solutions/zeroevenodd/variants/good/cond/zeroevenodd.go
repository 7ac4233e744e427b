// Package zeroevenodd is a correct Print Zero Even Odd with one sync.Cond and
// Broadcast: every waiter wakes and checks whether the turn is its own.
package zeroevenodd

import "sync"

// ZeroEvenOdd counts the prints made so far under a mutex; waiters sleep on a Cond.
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

// turn waits until the print at index at (counted from 0) is next, prints it while
// holding the lock, and wakes every waiter.
func (z *ZeroEvenOdd) turn(at int, print func()) {
	z.mu.Lock()
	defer z.mu.Unlock()
	for z.printed != at {
		z.cond.Wait()
	}
	print()
	z.printed++
	z.cond.Broadcast()
}
