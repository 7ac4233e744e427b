// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: the turn is handed over on unbuffered channels, so Zero's last handoff waits
// until Odd or Even takes it: Zero does not return after its last print. When one
// goroutine calls Zero and then Odd (n = 1), Zero never returns. Verdict: "deadlock:
// Zero never returned".
package zeroevenodd

type ZeroEvenOdd struct {
	n                           int
	zeroTurn, oddTurn, evenTurn chan struct{} // unbuffered
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	return &ZeroEvenOdd{n: n, zeroTurn: make(chan struct{}), oddTurn: make(chan struct{}), evenTurn: make(chan struct{})}
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
		if i < z.n {
			z.zeroTurn <- struct{}{}
		}
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		<-z.oddTurn
		printNumber(i)
		if i < z.n {
			z.zeroTurn <- struct{}{}
		}
	}
}
