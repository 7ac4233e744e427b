// Package zeroevenodd is a correct Print Zero Even Odd with an atomic counter of prints
// and a buffered wake-up channel per method: a method checks the counter and blocks on
// its channel only when it must wait.
package zeroevenodd

import "sync/atomic"

type ZeroEvenOdd struct {
	n       int
	printed atomic.Int64     // prints so far, all methods
	wake    [3]chan struct{} // per method: zero, odd, even
}

const (
	zero = iota
	odd
	even
)

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n}
	for i := range z.wake {
		z.wake[i] = make(chan struct{}, 1)
	}
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		next := odd
		if i%2 == 0 {
			next = even
		}
		z.turn(zero, 2*(i-1), next, func() { printNumber(0) })
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		z.turn(even, 2*i-1, zero, func() { printNumber(i) })
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		z.turn(odd, 2*i-1, zero, func() { printNumber(i) })
	}
}

// turn waits until the print at index at is next, prints, and wakes method next.
func (z *ZeroEvenOdd) turn(me, at, next int, print func()) {
	for z.printed.Load() != int64(at) {
		<-z.wake[me]
	}
	print()
	z.printed.Add(1)
	select {
	case z.wake[next] <- struct{}{}:
	default: // a wake-up is already waiting there
	}
}
