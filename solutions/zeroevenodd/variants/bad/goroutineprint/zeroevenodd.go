// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: Odd calls printNumber from a new goroutine each time (and waits for it), not
// from its own goroutine. Verdict: "print from another goroutine".
package zeroevenodd

type ZeroEvenOdd struct {
	n                           int
	zeroTurn, oddTurn, evenTurn chan struct{}
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n, zeroTurn: make(chan struct{}, 1), oddTurn: make(chan struct{}, 1), evenTurn: make(chan struct{}, 1)}
	z.zeroTurn <- struct{}{}
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		<-z.zeroTurn
		printNumber(0)
		z.pass(i)
	}
}

// pass hands the turn to the method that prints i.
func (z *ZeroEvenOdd) pass(i int) {
	if i%2 == 1 {
		z.oddTurn <- struct{}{}
	} else {
		z.evenTurn <- struct{}{}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		<-z.evenTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		<-z.oddTurn
		done := make(chan struct{})
		go func() {
			defer close(done)
			printNumber(i)
		}()
		<-done
		z.zeroTurn <- struct{}{}
	}
}
