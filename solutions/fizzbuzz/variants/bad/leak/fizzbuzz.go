// Package fizzbuzz is a known-bad Fizz Buzz Multithreaded.
//
// Bug: New starts a referee goroutine that hands out the turns for i = 1, 2, ... and
// never stops: after n it waits forever to hand out the turn for n+1, so it is left
// blocked after the four methods return. Verdict: "goroutine leak".
package fizzbuzz

type FizzBuzz struct {
	n    int
	turn [4]chan chan struct{}
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	for k := range f.turn {
		f.turn[k] = make(chan chan struct{})
	}
	go func() {
		for i := 1; ; i++ {
			done := make(chan struct{})
			f.turn[kind(i)] <- done
			<-done
		}
	}()
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
	for i := 1; i <= f.n; i++ {
		if kind(i) != k {
			continue
		}
		done := <-f.turn[k]
		print(i)
		close(done)
	}
}
