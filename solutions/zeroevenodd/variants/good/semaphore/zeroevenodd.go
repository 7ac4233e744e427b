// Package zeroevenodd is a correct Print Zero Even Odd with binary semaphores built
// from buffered channels: acquiring puts a token in (and blocks while the channel is
// full), releasing takes one out. Odd's and Even's start acquired; each method acquires
// its own before it prints and releases the next one's after.
package zeroevenodd

// semaphore is a binary semaphore: a channel of capacity one, full while acquired.
type semaphore chan struct{}

func (s semaphore) acquire() { s <- struct{}{} }
func (s semaphore) release() { <-s }

type ZeroEvenOdd struct {
	n               int
	zero, odd, even semaphore
}

func New(n int) *ZeroEvenOdd {
	if n < 0 {
		panic("zeroevenodd: negative n")
	}
	z := &ZeroEvenOdd{n: n, zero: make(semaphore, 1), odd: make(semaphore, 1), even: make(semaphore, 1)}
	z.odd.acquire()
	z.even.acquire()
	return z
}

func (z *ZeroEvenOdd) Zero(printNumber func(int)) {
	for i := 1; i <= z.n; i++ {
		z.zero.acquire()
		printNumber(0)
		if i%2 == 1 {
			z.odd.release()
		} else {
			z.even.release()
		}
	}
}

func (z *ZeroEvenOdd) Even(printNumber func(int)) {
	for i := 2; i <= z.n; i += 2 {
		z.even.acquire()
		printNumber(i)
		z.zero.release()
	}
}

func (z *ZeroEvenOdd) Odd(printNumber func(int)) {
	for i := 1; i <= z.n; i += 2 {
		z.odd.acquire()
		printNumber(i)
		z.zero.release()
	}
}
