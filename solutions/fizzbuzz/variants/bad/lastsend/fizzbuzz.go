// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: the turn is handed over on unbuffered channels, even after the call for n: the
// method that makes the last call hands the turn to the method of n+1, which has no
// call left and has returned, so the last handoff blocks forever. Verdict: "deadlock".
package fizzbuzz

type FizzBuzz struct {
	n    int
	turn [4]chan struct{} // unbuffered
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	for k := range f.turn {
		f.turn[k] = make(chan struct{})
	}
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

func (f *FizzBuzz) play(k int, print func(int)) {
	mine := k == kind(1) // the turn starts with the method of 1
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		if !mine {
			<-f.turn[k]
		}
		print(i)
		mine = kind(i+1) == k
		if !mine {
			f.turn[kind(i+1)] <- struct{}{} // after the call for n, nobody takes it
		}
	}
}
