// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: the turn travels on one channel that all four methods receive from, and each
// takes it whenever it has a call left, whether or not the next i is its own: Number
// can steal a turn that was Fizz's. Verdict: "wrong order", such as "Number printed 4
// before Fizz printed fizz for 3".
package fizzbuzz

type FizzBuzz struct {
	n    int
	turn chan struct{} // shared by all four methods
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n, turn: make(chan struct{}, 1)}
	f.turn <- struct{}{}
	return f
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

// play makes the calls of kind k, each when the counter says i is next.
func (f *FizzBuzz) play(k int, print func(int)) {
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		<-f.turn
		print(i)
		f.turn <- struct{}{}
	}
}
