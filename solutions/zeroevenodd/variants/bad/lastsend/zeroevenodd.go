// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: Odd and Even hand the turn back to Zero on an unbuffered channel after every
// print, the last one included; after the last number Zero has returned, so the method
// that printed it blocks forever on its last handoff. Verdict: "deadlock: Odd never
// returned" (or Even).
package zeroevenodd

type ZeroEvenOdd struct {
	n                 int
	zeroTurn          chan struct{} // unbuffered
	oddTurn, evenTurn chan struct{}
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	return &ZeroEvenOdd{n: n, zeroTurn: make(chan struct{}), oddTurn: make(chan struct{}, 1), evenTurn: make(chan struct{}, 1)}
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		if i > 1 {
			<-z.zeroTurn
		}
		printNumber(0)
		if i%2 == 1 {
			z.oddTurn <- struct{}{}
		} else {
			z.evenTurn <- struct{}{}
		}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		<-z.evenTurn
		printNumber(i)
		z.zeroTurn <- struct{}{} // blocks forever after the last number
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		<-z.oddTurn
		printNumber(i)
		z.zeroTurn <- struct{}{} // blocks forever after the last number
	}
}
