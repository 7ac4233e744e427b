// Package fizzbuzz is a correct Fizz Buzz Multithreaded with binary semaphores built
// from buffered channels: acquiring puts a token in (and blocks while the channel is
// full), releasing takes one out. Every semaphore but the one of 1's method starts
// acquired; each method acquires its own before a call and releases the next one's
// after.
package fizzbuzz

// semaphore is a binary semaphore: a channel of capacity one, full while acquired.
type semaphore chan struct{}

func (s semaphore) acquire() { s <- struct{}{} }
func (s semaphore) release() { <-s }

type FizzBuzz struct {
	n    int
	turn [4]semaphore
}

func New(n int) *FizzBuzz {
	if n < 0 {
		panic("fizzbuzz: negative n")
	}
	f := &FizzBuzz{n: n}
	for k := range f.turn {
		f.turn[k] = make(semaphore, 1)
		if n == 0 || k != kind(1) {
			f.turn[k].acquire()
		}
	}
	return f
}

// The kinds of call, and so of method.
const (
	fizz = iota
	buzz
	fizzBuzz
	number
)

// kind returns the kind of call for i.
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
		f.turn[k].acquire()
		print(i)
		if i < f.n {
			f.turn[kind(i+1)].release()
		}
	}
}
