// Package diningphilosophers is a known-bad Table.
//
// Bug: forks are atomic flags taken with compare-and-swap in a loop, lower-numbered fork
// first: no deadlock and no race, but a waiting philosopher burns a CPU. Verdict:
// "busy-wait".
package diningphilosophers

import (
	"fmt"
	"sync/atomic"
)

type Table struct {
	forks [5]atomic.Bool
}

func New() *Table { return &Table{} }

func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= 5 {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	first, second := philosopher, (philosopher+1)%5
	pickFirst, pickSecond := pickLeftFork, pickRightFork
	if second < first {
		first, second = second, first
		pickFirst, pickSecond = pickRightFork, pickLeftFork
	}
	for !t.forks[first].CompareAndSwap(false, true) {
	}
	pickFirst()
	for !t.forks[second].CompareAndSwap(false, true) {
	}
	pickSecond()
	eat()
	putLeftFork()
	putRightFork()
	t.forks[first].Store(false)
	t.forks[second].Store(false)
}
