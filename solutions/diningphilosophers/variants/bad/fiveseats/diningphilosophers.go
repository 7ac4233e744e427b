// Package diningphilosophers is a known-bad Table.
//
// Bug: a waiter (a semaphore of seats) that lets all five sit, then each picks up the
// left fork first: the waiter prevents nothing, and the classic deadlock remains.
// Verdict: "deadlock: philosophers 0, 1, 2, 3 and 4 never returned".
package diningphilosophers

import (
	"fmt"
	"sync"
)

type Table struct {
	seats chan struct{}
	forks [5]sync.Mutex
}

func New() *Table { return &Table{seats: make(chan struct{}, 5)} }

func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= 5 {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	t.seats <- struct{}{}
	defer func() { <-t.seats }()
	left, right := philosopher, (philosopher+1)%5
	t.forks[left].Lock()
	defer t.forks[left].Unlock()
	pickLeftFork()
	t.forks[right].Lock()
	defer t.forks[right].Unlock()
	pickRightFork()
	eat()
	putLeftFork()
	putRightFork()
}
