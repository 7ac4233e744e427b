// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: the turn tokens travel on package-level channels, so all ZeroEvenOdds share
// them and one ZeroEvenOdd's Zero can hand the turn to another's Odd. Verdict:
// "separate ZeroEvenOdds must not share state" (or, when the run gets stuck on the
// channels made outside the judge's bubble, "separate ZeroEvenOdds share state" from
// the checker's stall watch).
package zeroevenodd

var zeroTurn, oddTurn, evenTurn = make(chan struct{}, 1), make(chan struct{}, 1), make(chan struct{}, 1)

type ZeroEvenOdd struct{ n int }

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	select {
	case zeroTurn <- struct{}{}:
	default:
	}
	return &ZeroEvenOdd{n: n}
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		<-zeroTurn
		printNumber(0)
		if i%2 == 1 {
			oddTurn <- struct{}{}
		} else {
			evenTurn <- struct{}{}
		}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		<-evenTurn
		printNumber(i)
		giveBack()
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		<-oddTurn
		printNumber(i)
		giveBack()
	}
}

func giveBack() {
	select {
	case zeroTurn <- struct{}{}:
	default:
	}
}
