// Package zeroevenodd is the reference solution of the Print Zero Even Odd kata.
package zeroevenodd

// ZeroEvenOdd passes the turn through three channels of capacity one, one per method:
// the method whose turn it is holds the token, and handing it over never blocks, so a
// method returns at once after its last print.
type ZeroEvenOdd struct {
	n                  int
	zeroTurn, evenTurn chan struct{}
	oddTurn            chan struct{}
}

// New returns a ZeroEvenOdd that prints up to n. It panics with
// "zeroevenodd: negative n" if n < 0.
func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{
		n:        n,
		zeroTurn: make(chan struct{}, 1),
		evenTurn: make(chan struct{}, 1),
		oddTurn:  make(chan struct{}, 1),
	}
	z.zeroTurn <- struct{}{} // the sequence starts with a 0
	return z
}

// Zero calls printNumber(0) n times, each time after the number before it (if any) was
// printed, and hands the turn to Odd or Even.
func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
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

// Even calls printNumber(i) for i = 2, 4, ... up to n, each time after the 0 before i
// was printed, and hands the turn back to Zero.
func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		<-z.evenTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}

// Odd calls printNumber(i) for i = 1, 3, ... up to n, each time after the 0 before i
// was printed, and hands the turn back to Zero.
func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		<-z.oddTurn
		printNumber(i)
		z.zeroTurn <- struct{}{}
	}
}
