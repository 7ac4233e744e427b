// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: the turn tokens travel on package-level channels, so all FizzBuzzes share them
// and one FizzBuzz's Number can hand the turn to another's Fizz. The channels were made
// outside the judge's bubble, so the run that gets stuck is reported by the checker's
// stall watch. Verdict: "separate FizzBuzzes share state" (or "... must not share
// state" when the bubble ends).
package fizzbuzz

var turn = [4]chan struct{}{make(chan struct{}, 1), make(chan struct{}, 1), make(chan struct{}, 1), make(chan struct{}, 1)}

type FizzBuzz struct{ n int }

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	if n > 0 {
		hand(kind(1))
	}
	return &FizzBuzz{n: n}
}

// hand leaves a token for kind k unless one is already there.
func hand(k int) {
	select {
	case turn[k] <- struct{}{}:
	default:
	}
}

const (
	fizz = iota
	buzz
	fizzBuzz
	number
)

func kind(i int) int {
	switch {
	case i%15 == 0:
		return fizzBuzz
	case i%3 == 0:
		return fizz
	case i%5 == 0:
		return buzz
	}
	return number
}

func (f *FizzBuzz) Fizz(printFizz func())         { f.play(fizz, func(int) { printFizz() }) }
func (f *FizzBuzz) Buzz(printBuzz func())         { f.play(buzz, func(int) { printBuzz() }) }
func (f *FizzBuzz) FizzBuzz(printFizzBuzz func()) { f.play(fizzBuzz, func(int) { printFizzBuzz() }) }
func (f *FizzBuzz) Number(printNumber func(int))  { f.play(number, printNumber) }

func (f *FizzBuzz) play(k int, print func(int)) {
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		<-turn[k]
		print(i)
		if i < f.n {
			hand(kind(i + 1))
		}
	}
}
