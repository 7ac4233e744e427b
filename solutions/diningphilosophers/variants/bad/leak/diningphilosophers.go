// Package diningphilosophers is a known-bad Table.
//
// Bug: each call tells a "waiter" goroutine that it has finished, on an unbuffered
// channel nobody ever reads: the goroutine started for the message blocks forever.
// Verdict: "goroutine leak".
package diningphilosophers

import (
	"fmt"
	"sync"
)

type Table struct {
	forks [5]sync.Mutex
	done  chan int
}

func New() *Table { return &Table{done: make(chan int)} }

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
	t.forks[first].Lock()
	defer t.forks[first].Unlock()
	pickFirst()
	t.forks[second].Lock()
	defer t.forks[second].Unlock()
	pickSecond()
	eat()
	putLeftFork()
	putRightFork()
	go func() { t.done <- philosopher }()
}
