// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: each method spins on an atomic counter of prints until it is its turn: correct
// output, but a waiting method burns a CPU. Verdict: "busy-wait".
package zeroevenodd

import "sync/atomic"

type ZeroEvenOdd struct {
	n       int
	printed atomic.Int64 // prints so far, all methods
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	return &ZeroEvenOdd{n: n}
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

// turn spins until print number at (counted from 0) is next, prints, and moves on.
func (z *ZeroEvenOdd) turn(at int, print func()) {
	for z.printed.Load() != int64(at) {
	}
	print()
	z.printed.Add(1)
}
