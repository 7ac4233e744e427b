// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: New starts a referee goroutine that hands out the turns one by one and never
// stops: after the last number it waits forever to hand out one more, so it is left
// blocked after the three methods return. Verdict: "goroutine leak".
package zeroevenodd

type ZeroEvenOdd struct {
	n                           int
	zeroTurn, oddTurn, evenTurn chan chan struct{}
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n, zeroTurn: make(chan chan struct{}), oddTurn: make(chan chan struct{}), evenTurn: make(chan chan struct{})}
	go func() {
		for i := 1; ; i++ {
			next := z.oddTurn
			if i%2 == 0 {
				next = z.evenTurn
			}
			for _, turn := range []chan chan struct{}{z.zeroTurn, next} {
				done := make(chan struct{})
				turn <- done
				<-done
			}
		}
	}()
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for range z.n {
		step(z.zeroTurn, func() { printNumber(0) })
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		step(z.evenTurn, func() { printNumber(i) })
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		step(z.oddTurn, func() { printNumber(i) })
	}
}

func step(turn chan chan struct{}, print func()) {
	done := <-turn
	print()
	close(done)
}
