// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: every method first waits until all three have been called ("everybody ready"),
// so a method waits for the call of a method whose prints come after its own: when one
// goroutine calls the methods in turn, the first one waits forever. Verdict: "deadlock:
// Zero never returned".
package zeroevenodd

import "sync"

type ZeroEvenOdd struct {
	n                           int
	ready                       sync.WaitGroup
	zeroTurn, oddTurn, evenTurn chan struct{}
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n, zeroTurn: make(chan struct{}, 1), oddTurn: make(chan struct{}, 1), evenTurn: make(chan struct{}, 1)}
	z.ready.Add(3)
	z.zeroTurn <- struct{}{}
	return z
}

// arrive waits until all three methods have been called.
func (z *ZeroEvenOdd) arrive() {
	z.ready.Done()
	z.ready.Wait()
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	z.arrive()
	for i := 1; i <= z.n; i++ {
		<-z.zeroTurn
		printNumber(0)
		if i%2 == 1 {
			z.oddTurn <- struct{}{}
		} else {
			z.evenTurn <- struct{}{}
		}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	z.arrive()
	for i := 2; i <= z.n; i += 2 {
		<-z.evenTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	z.arrive()
	for i := 1; i <= z.n; i += 2 {
		<-z.oddTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}
