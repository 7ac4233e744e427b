// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: Zero hands the turn to "the number" on one channel that Odd and Even both
// receive from, so Even can take the turn that was Odd's (and the other way round).
// Verdict: "wrong order", such as "Even printed 2 before Odd printed 1".
package zeroevenodd

type ZeroEvenOdd struct {
	n          int
	zeroTurn   chan struct{}
	numberTurn chan struct{} // shared by Odd and Even
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n, zeroTurn: make(chan struct{}, 1), numberTurn: make(chan struct{}, 1)}
	z.zeroTurn <- struct{}{}
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for range z.n {
		<-z.zeroTurn
		printNumber(0)
		z.numberTurn <- struct{}{}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		<-z.numberTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		<-z.numberTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}
