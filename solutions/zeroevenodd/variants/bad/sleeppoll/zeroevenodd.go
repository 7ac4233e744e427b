// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: each method polls a mutex-guarded counter of prints and sleeps a millisecond
// between looks: correct output, but every handoff is late and a waiting method wakes a
// thousand times a second. Verdict: "sleep".
package zeroevenodd

import (
	"sync"
	"time"
)

type ZeroEvenOdd struct {
	n       int
	mu      sync.Mutex
	printed int // prints so far, all methods
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

func (z *ZeroEvenOdd) turn(at int, print func()) {
	for {
		z.mu.Lock()
		ok := z.printed == at
		z.mu.Unlock()
		if ok {
			break
		}
		time.Sleep(time.Millisecond)
	}
	print()
	z.mu.Lock()
	z.printed++
	z.mu.Unlock()
}
