// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: three mutexes, each locked while it is not its method's turn and unlocked by the
// method before, but Zero unlocks Even's after an odd number's 0 and Odd's after an even
// one's. With n = 1 Odd then waits forever in Mutex.Lock, which is not durably blocked,
// so the bubble cannot see it and the checker's stall watch reports the run; with more
// numbers Even prints 2 first. Verdict: "deadlock: Odd never returned" (or "wrong order:
// Even printed 2 before Odd printed 1"; or, when a loaded machine delays the stall watch
// past the harness's watchdog, the watchdog's "deadlock: no progress for 5s and every
// goroutine is blocked", with Odd in sync.Mutex.Lock).
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
			z.evenMu.Unlock() // swapped: should be Odd's
		} else {
			z.oddMu.Unlock()
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
