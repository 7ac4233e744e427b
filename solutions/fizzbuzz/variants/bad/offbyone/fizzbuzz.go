// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: Number's loop stops one short (i < n instead of i <= n), so when n is Number's
// it is never printed. Verdict: "too few calls: Number never printed".
package fizzbuzz

type FizzBuzz struct {
	n    int
	turn [4]chan struct{}
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	for k := range f.turn {
		f.turn[k] = make(chan struct{}, 1)
	}
	if n > 0 {
		f.turn[kind(1)] <- struct{}{}
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
	last := f.n
	if k == number {
		last = f.n - 1
	}
	for i := 1; i <= last; i++ {
		if kind(i) != k {
			continue
		}
		<-f.turn[k]
		print(i)
		if i < f.n {
			f.turn[kind(i+1)] <- struct{}{}
		}
	}
}
