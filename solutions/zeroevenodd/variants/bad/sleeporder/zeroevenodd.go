// Package zeroevenodd is a known-bad Print Zero Even Odd.
//
// Bug: it orders the prints by sleeping: Zero prints every 20ms, Odd and Even start
// 10ms and 30ms late and print every 40ms. It waits for time, not for the other
// methods. Verdict: "sleeping".
package zeroevenodd

import "time"

type ZeroEvenOdd struct{ n int }

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	return &ZeroEvenOdd{n: n}
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for range z.n {
		printNumber(0)
		time.Sleep(20 * time.Millisecond)
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	time.Sleep(30 * time.Millisecond)
	for i := 2; i <= z.n; i += 2 {
		printNumber(i)
		time.Sleep(40 * time.Millisecond)
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	time.Sleep(10 * time.Millisecond)
	for i := 1; i <= z.n; i += 2 {
		printNumber(i)
		time.Sleep(40 * time.Millisecond)
	}
}
