// Package zeroevenodd is a correct Print Zero Even Odd with three mutexes, each locked
// while it is not its method's turn and unlocked by the method before: a sync.Mutex may
// be unlocked by another goroutine than the one that locked it.
package zeroevenodd

import "sync"

type ZeroEvenOdd struct {
	n                     int
	zeroMu, oddMu, evenMu sync.Mutex
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n}
	z.oddMu.Lock()
	z.evenMu.Lock()
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		z.zeroMu.Lock()
		printNumber(0)
		if i%2 == 1 {
			z.oddMu.Unlock()
		} else {
			z.evenMu.Unlock()
		}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		z.evenMu.Lock()
		printNumber(i)
		z.zeroMu.Unlock()
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		z.oddMu.Lock()
		printNumber(i)
		z.zeroMu.Unlock()
	}
}
